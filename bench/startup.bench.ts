import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from './index.js';

/**
 * Cold start on the embedded database: from spawning the process to the first 200 on /healthz, with
 * an empty PGLITE_DIR (initdb or the template, then every migration) and with one that already holds
 * a database. The compiled bot (`npm start` = node dist/main.js) runs beside the way it used to
 * start (tsx on the TypeScript sources, no template) in the same run, alternating, so machine noise
 * hits both alike.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);

interface Variant {
  label: string;
  command: string[];
}

const VARIANTS: Variant[] = [
  { label: 'compiled: `node dist/main.js` (npm start)', command: [process.execPath, join(ROOT, 'dist/main.js')] },
  { label: 'before: `tsx src/main.ts`', command: [process.execPath, '--import', 'tsx', join(ROOT, 'src/main.ts')] },
];

async function timeToHealthy(command: string[], pgliteDir: string, port: number): Promise<number> {
  const [bin, ...args] = command;
  if (!bin) throw new Error('no command');
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PGLITE_DIR: pgliteDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn(bin, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr.slice(0, 500)}`);
      if (performance.now() - started > 60_000) throw new Error('not healthy within 60 s');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    // A child that already exited fires no 'exit' again: waiting for it would leave nothing to keep the bench alive.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

const bench: Benchmark = {
  name: 'Cold start (embedded database, migrations included)',
  run: async (ctx) => {
    const log = (message: string) => ctx.log(message);
    if (!existsSync(join(ROOT, 'dist/main.js'))) throw new Error('dist/ is missing: run npm run build (npm install does it)');
    const times = new Map<string, { empty: number[]; existing: number[] }>(VARIANTS.map((v) => [v.label, { empty: [], existing: [] }]));
    // Below the ephemeral range (32768+), where outgoing connections could already hold a port.
    let port = 21_000 + Math.floor(Math.random() * 5000);
    for (let run = 0; run < RUNS; run++) {
      for (const v of VARIANTS) {
        const dir = mkdtempSync(join(tmpdir(), 'jp-bench-start-'));
        try {
          const first = await timeToHealthy(v.command, join(dir, 'pglite'), ++port);
          const again = await timeToHealthy(v.command, join(dir, 'pglite'), ++port);
          times.get(v.label)?.empty.push(first);
          times.get(v.label)?.existing.push(again);
          log(`${v.label}: ${first.toFixed(0)} ms empty dir, ${again.toFixed(0)} ms existing`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
    const rows = VARIANTS.map((v) => {
      const t = times.get(v.label) ?? { empty: [], existing: [] };
      return `| ${v.label} | ${quantile(t.empty, 0.5).toFixed(0)} | ${quantile(t.empty, 0.9).toFixed(0)} | ${quantile(t.existing, 0.5).toFixed(0)} |`;
    });
    const compiled = times.get(VARIANTS[0]!.label)?.empty ?? [];
    const before = times.get(VARIANTS[1]!.label)?.empty ?? [];
    const median = quantile(compiled, 0.5);
    return `Spawn to the first 200 on \`/healthz\`, ${RUNS} runs each, alternating; PGlite at a fresh \`PGLITE_DIR\` (an empty
directory: the template written by \`npm run build\` is loaded, or initdb runs, then every migration) and the same
directory opened again. No Slack configured.

| start | empty dir p50 ms | empty dir p90 ms | existing dir p50 ms |
|---|---:|---:|---:|
${rows.join('\n')}

Compiled cold start p50 ${median.toFixed(0)} ms (${(quantile(before, 0.5) / median).toFixed(1)}× faster than before): target ≤ 3,000 ms **${median <= 3000 ? 'met' : 'missed'}**.`;
  },
};

export default bench;
