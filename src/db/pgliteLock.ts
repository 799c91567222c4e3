import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

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

export interface PgliteLockOptions {
  /**
   * How long a lock whose owner still looks alive is re-checked before refusing. A process
   * killed with SIGKILL stays visible (exiting, then a zombie until its parent reaps it) for
   * a moment, and a restart right after the kill must not be refused for that.
   */
  waitMs?: number;
}

const LOCK_FILE = 'journey-pulse.lock';
const RECHECK_MS = 50;

/**
 * Takes the lock on a PGlite directory and answers the function that releases it. The file holds
 * "<pid> <start time>"; the start time (in clock ticks since boot, from /proc) tells the owner from
 * an unrelated process that was given the same pid later. Without /proc only the pid is used.
 */
export async function acquirePgliteLock(dir: string, options: PgliteLockOptions = {}): Promise<() => void> {
  const path = join(dir, LOCK_FILE);
  const mine = lockContent(process.pid);
  const deadline = Date.now() + (options.waitMs ?? 2000);
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      return () => {
        // Only our own lock: a takeover by another process after a stall must not be undone.
        if (readLock(path) === mine) rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = parseLock(readLock(path));
    if (owner && owner.pid !== process.pid && ownerState(owner) === 'alive') {
      if (Date.now() >= deadline) throw new PgliteLockedError(dir, owner.pid);
      await sleep(RECHECK_MS);
      continue;
    }
    rmSync(path, { force: true }); // stale: its process is gone, going, or not the one that wrote it
  }
}

interface LockOwner {
  pid: number;
  /** Absent in lock files written where /proc is unavailable (or by older versions). */
  startTime?: string;
}

function lockContent(pid: number): string {
  const stat = readProcStat(pid);
  return stat ? `${pid} ${stat.startTime}` : String(pid);
}

/** The file's text, or '' when it vanished meanwhile (its owner released it). */
function readLock(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

function parseLock(text: string): LockOwner | null {
  const [pidText, startTime] = text.split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return startTime ? { pid, startTime } : { pid };
}

function ownerState(owner: LockOwner): 'alive' | 'gone' {
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return 'gone';
  }
  const stat = readProcStat(owner.pid);
  if (stat === undefined) return 'alive'; // no /proc here: the pid is all we can go by
  if (stat === null) return 'gone';
  if (stat.state === 'Z' || stat.state === 'X' || stat.exiting) return 'gone';
  if (owner.startTime !== undefined && owner.startTime !== stat.startTime) return 'gone'; // pid reused
  return 'alive';
}

interface ProcStat {
  state: string;
  startTime: string;
  /** PF_EXITING: the kernel is tearing the process down (after SIGKILL, before it is a zombie). */
  exiting: boolean;
}

const PF_EXITING = 0x4;

/** /proc/<pid>/stat, or null when the process is not there, or undefined when /proc cannot tell. */
function readProcStat(pid: number): ProcStat | null | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') return procAvailable() ? null : undefined;
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself hold spaces or ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Fields 3 (state), 9 (flags) and 22 (start time) of proc(5), counted from field 3 here.
  const state = fields[0];
  const flags = Number(fields[6]);
  const startTime = fields[19];
  if (!state || !startTime) return undefined;
  return { state, startTime, exiting: Number.isFinite(flags) && (flags & PF_EXITING) !== 0 };
}

let procChecked: boolean | undefined;
function procAvailable(): boolean {
  if (procChecked === undefined) {
    try {
      readFileSync('/proc/self/stat');
      procChecked = true;
    } catch {
      procChecked = false;
    }
  }
  return procChecked;
}
