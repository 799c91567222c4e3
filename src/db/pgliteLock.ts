import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is an in-process database: two processes opening the same directory (say `npm start`
 * and `npm run cli -- seed-demo`) would each cache their own view and corrupt it on write.
 * A lock file holding the owner's pid keeps it to one process; a lock left by a dead process is taken over.
 */
export class PgliteLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database at ${dir} is in use by another process (pid ${pid}), probably the running bot. ` +
        'Stop it first (Ctrl-C), run this again, then start the bot again; or set DATABASE_URL to a PostgreSQL server to run both at once.',
    );
    this.name = 'PgliteLockedError';
  }
}

export function acquirePgliteLock(dir: string): () => void {
  const path = join(dir, 'journey-pulse.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) throw new PgliteLockedError(dir, owner);
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock the embedded database at ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
