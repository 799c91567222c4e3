import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client.js';
import { acquirePgliteLock, PgliteLockedError } from '../../src/db/pgliteLock.js';

const lockModule = new URL('../../src/db/pgliteLock.ts', import.meta.url).href;

/** A separate process that takes the lock the way the bot does and then just stays. */
async function startHolder(dir: string): Promise<ChildProcess> {
  const code = `const { acquirePgliteLock } = await import(${JSON.stringify(lockModule)});
    await acquirePgliteLock(${JSON.stringify(dir)}, { waitMs: 0 });
    process.stdout.write('locked\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (status) => reject(new Error(`lock holder exited early (${status})`)));
  });
  return child;
}

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
    // "<pid> <start time>" (just the pid where /proc is unavailable).
    expect(readFileSync(join(dir, 'journey-pulse.lock'), 'utf8').split(' ')[0]).toBe(String(process.pid));
    await handle.close();
    expect(() => readFileSync(join(dir, 'journey-pulse.lock'))).toThrow();
  });

  it('lets a restart right after kill -9 take the lock at once, without waiting for the old process to be reaped', async () => {
    // Each round: the holder is SIGKILLed and the lock asked for in the same tick, while the old
    // process is still exiting or a zombie (this process has not reaped it yet).
    for (let round = 0; round < 5; round++) {
      const dir = tempDir();
      const holder = await startHolder(dir);
      const pid = holder.pid;
      expect(readFileSync(join(dir, 'journey-pulse.lock'), 'utf8')).toMatch(new RegExp(`^${pid}( \\d+)?$`));
      const started = Date.now();
      holder.kill('SIGKILL');
      const release = await acquirePgliteLock(dir);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(readFileSync(join(dir, 'journey-pulse.lock'), 'utf8').split(' ')[0]).toBe(String(process.pid));
      release();
      expect(() => readFileSync(join(dir, 'journey-pulse.lock'))).toThrow();
    }
  });

  it('still refuses a live holder that took the lock itself, after retrying briefly', async () => {
    const dir = tempDir();
    const holder = await startHolder(dir);
    try {
      const started = Date.now();
      const attempt = acquirePgliteLock(dir, { waitMs: 300 });
      await expect(attempt).rejects.toBeInstanceOf(PgliteLockedError);
      await expect(attempt).rejects.toThrow(`pid ${holder.pid}`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it.runIf(process.platform === 'linux')('treats a pid now used by an unrelated process (another start time) as stale', async () => {
    const dir = tempDir();
    const stranger = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(join(dir, 'journey-pulse.lock'), `${stranger.pid} 1`);
      const release = await acquirePgliteLock(dir, { waitMs: 0 });
      expect(readFileSync(join(dir, 'journey-pulse.lock'), 'utf8').split(' ')[0]).toBe(String(process.pid));
      release();
    } finally {
      stranger.kill();
    }
  });
});
