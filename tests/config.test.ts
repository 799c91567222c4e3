import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';

describe('config', () => {
  it('applies defaults and treats empty strings as unset', () => {
    const c = parseConfig({ DATABASE_URL: '', PORT: '' });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.PORT).toBe(3000);
    expect(c.PGLITE_DIR).toBe('./.data/pglite');
    expect(c.ADMIN_USER_IDS).toEqual([]);
  });

  it('names every bad variable at once', () => {
    try {
      parseConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', DEFAULT_TIMEZONE: 'Mars/Base' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as ConfigError).message;
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'DEFAULT_TIMEZONE']) expect(msg).toContain(name);
    }
  });

  it('parses the admin list', () => {
    expect(parseConfig({ ADMIN_USER_IDS: 'U1, U2,,' }).ADMIN_USER_IDS).toEqual(['U1', 'U2']);
  });
});
