import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { RenderSize } from './size.js';
import type { RenderTask } from './renderWorker.js';
import type { ChartSpec } from './spec.js';

/** Renders PNGs somewhere other than the caller's event loop. */
export interface PngRenderer {
  render(spec: ChartSpec, size: RenderSize): Promise<Buffer>;
  close(): Promise<void>;
}

export interface RenderPoolOptions {
  /** Worker threads; default: one fewer than the CPUs, at least 1, at most 4. */
  threads?: number;
  /** Renders waiting for a thread before new ones are refused (the chart is then left out). */
  maxQueue?: number;
}

export function defaultChartThreads(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

/**
 * A worker-thread pool (piscina) running renderWorker. The compiled bot (dist/) loads
 * renderWorker.js next to this module; when this module runs from TypeScript sources (vitest,
 * tsx) the sibling is renderWorker.ts, and the worker threads get tsx's loader to run it.
 */
export function createRenderPool(opts: RenderPoolOptions = {}): PngRenderer {
  const js = new URL('./renderWorker.js', import.meta.url);
  const ts = new URL('./renderWorker.ts', import.meta.url);
  const fromSources = !existsSync(fileURLToPath(js)) && existsSync(fileURLToPath(ts));
  const threads = Math.max(1, opts.threads ?? defaultChartThreads());
  // Threads start with the first chart, not with the bot: most processes (CLI, tests, a bot
  // without Slack) never render one.
  let pool: Piscina<RenderTask, Uint8Array> | null = null;
  const started = (): Piscina<RenderTask, Uint8Array> =>
    (pool ??= new Piscina<RenderTask, Uint8Array>({
      filename: (fromSources ? ts : js).href,
      minThreads: 1,
      maxThreads: threads,
      maxQueue: opts.maxQueue ?? 256,
      // Idle threads above minThreads go away; the pool never keeps the process alive by itself.
      idleTimeout: 30_000,
      ...(fromSources ? { execArgv: [...process.execArgv, '--import', 'tsx'] } : {}),
    }));
  return {
    render: async (spec, size) => {
      const bytes = await started().run({ spec, size });
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    close: async () => {
      await pool?.close({ force: true });
    },
  };
}
