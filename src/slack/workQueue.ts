import pLimit from 'p-limit';

/**
 * The bounded queue for work done after a Slack ack: at most `concurrency` requests run their
 * after-ack work at once and at most `maxBacklog` more wait for a slot. Past that, tryAcquire
 * answers null and the caller refuses the request (a "busy" reply) instead of queueing it without
 * bound: an unbounded queue on the event loop that also sends acks slows every ack and holds
 * memory for replies nobody is waiting for any more.
 */
export interface WorkQueue {
  /** A promise of the slot's release function once a slot is free, or null when the backlog is full. */
  tryAcquire(): Promise<() => void> | null;
  /** Requests waiting for a slot. */
  readonly waiting: number;
  /** Requests holding a slot. */
  readonly running: number;
}

export interface WorkQueueOptions {
  concurrency: number;
  maxBacklog: number;
  /** Called with the number waiting whenever it changes (the work_queue_depth gauge). */
  onDepth?: (waiting: number) => void;
}

export function createWorkQueue(opts: WorkQueueOptions): WorkQueue {
  const concurrency = Math.max(1, Math.floor(opts.concurrency));
  const maxBacklog = Math.max(0, Math.floor(opts.maxBacklog));
  const limit = pLimit(concurrency);
  // Counted here, not from p-limit's counters: those change a microtask or two after a job starts
  // or ends. Admitted = holding a slot or waiting for one, until released.
  let admitted = 0;
  let running = 0;
  const depth = (): void => opts.onDepth?.(admitted - running);
  return {
    tryAcquire: () => {
      if (admitted >= concurrency + maxBacklog) return null;
      admitted += 1;
      let finish!: () => void;
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      let started = false;
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        admitted -= 1;
        if (started) running -= 1;
        finish();
        depth();
      };
      const slot = new Promise<() => void>((resolve) => {
        void limit(() => {
          if (released) return Promise.resolve();
          started = true;
          running += 1;
          resolve(release);
          depth();
          return done;
        });
      });
      depth();
      return slot;
    },
    get waiting() {
      return admitted - running;
    },
    get running() {
      return running;
    },
  };
}
