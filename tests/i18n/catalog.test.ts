import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/i18n/catalog/index.js';
import { catalogEntries, t } from '../../src/i18n/index.js';

/** Every message exists in English and Japanese with the same placeholders. */
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalog', () => {
  it('has the same keys in en and ja, in every catalog file', () => {
    for (const catalog of catalogs) {
      const en = Object.keys(catalog.en).sort();
      const ja = Object.keys(catalog.ja).sort();
      expect(ja).toEqual(en);
    }
    expect([...catalogEntries('ja').keys()].sort()).toEqual([...catalogEntries('en').keys()].sort());
  });

  it('uses the same placeholders in both languages, and no empty messages', () => {
    const mismatches: string[] = [];
    for (const [key, en] of catalogEntries('en')) {
      const ja = catalogEntries('ja').get(key) ?? '';
      if (JSON.stringify(placeholders(en)) !== JSON.stringify(placeholders(ja))) mismatches.push(key);
      if (en.trim() === '' || ja.trim() === '') mismatches.push(`${key} (empty)`);
    }
    expect(mismatches).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'platform.error.apology', { ref: 'ab12cd34' })).toContain('reference ab12cd34');
    expect(t('ja', 'platform.error.apology', { ref: 'ab12cd34' })).toContain('参照番号 ab12cd34');
    expect(t('en', 'platform.truncated.fields', { count: 3 })).toBe('…and 3 more');
    expect(t('en', 'platform.error.apology')).toContain('{ref}');
  });
});
