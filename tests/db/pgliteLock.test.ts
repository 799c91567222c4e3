import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client.js';
import { PgliteLockedError } from '../../src/db/pgliteLock.js';

// Two processes on one PGlite directory would corrupt it: the second must be refused, clearly.
describe('embedded database lock', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'jp-lock-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a directory held by a live process, naming it and what to do', async () => {
    const dir = tempDir();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(join(dir, 'journey-pulse.lock'), String(sleeper.pid));
      const attempt = createDb({ pgliteDir: dir });
      await expect(attempt).rejects.toBeInstanceOf(PgliteLockedError);
      await expect(attempt).rejects.toThrow(`pid ${sleeper.pid}`);
      await expect(attempt).rejects.toThrow(/DATABASE_URL/);
    } finally {
      sleeper.kill();
    }
  });

  it('takes over a lock left by a dead process and releases it on close', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'journey-pulse.lock'), '2147483646');
    const handle = await createDb({ pgliteDir: dir });
    expect(readFileSync(join(dir, 'journey-pulse.lock'), 'utf8')).toBe(String(process.pid));
    await handle.close();
    expect(() => readFileSync(join(dir, 'journey-pulse.lock'))).toThrow();
  });
});
