/**
 * `npm run bench`: runs every bench/*.bench.ts against DATABASE_URL (real Postgres) and writes
 * BENCHMARKS.md with the machine, the command and each benchmark's section.
 * Each module default-exports a Benchmark; they run one after another, in file-name order.
 * `npm run bench -- name…` runs only the named ones (file names without .bench.ts) and replaces only
 * their sections, keeping the others' figures (each section says when it was measured).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';

export interface BenchContext {
  databaseUrl: string;
  log(message: string): void;
}

export interface Benchmark {
  name: string;
  /** Returns a Markdown section (without the top heading) for BENCHMARKS.md. */
  run(ctx: BenchContext): Promise<string>;
}

const env = z
  .object({ DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must point at a real Postgres (postgres://...)') })
  .safeParse(process.env);
if (!env.success) {
  console.error(`npm run bench needs a real PostgreSQL: ${env.error.issues.map((i) => i.message).join('; ')}`);
  console.error('Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench');
  process.exit(1);
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.bench\.ts$/, '')))
  .sort();

const started = new Date();
const sections: string[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(`${dir}${file}`).href)) as { default: Benchmark };
  const bench = mod.default;
  const log = (m: string) => console.log(`[${bench.name}] ${m}`);
  log('starting');
  const t0 = performance.now();
  const section = await bench.run({ databaseUrl: env.data.DATABASE_URL, log });
  log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  sections.push(`## ${bench.name}\n\n_Measured ${new Date().toISOString()}._\n\n${section.trim()}\n`);
}

const cpus = os.cpus();
const header = `# Benchmarks

Written by \`npm run bench\` (${only.length ? `\`npm run bench -- ${only.join(' ')}\`` : 'all benchmarks'}) on ${started.toISOString()}.

- Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}
- Node ${process.version}; database: \`${env.data.DATABASE_URL.replace(/\/\/[^@]*@/, '//…@')}\`
- Command: \`DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench\`
`;
const out = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
// A partial run keeps the sections it did not run, in their old order, with the new ones after them.
const fresh = new Map(sections.map((s) => [s.slice(3, s.indexOf('\n')), s]));
const kept =
  only.length > 0 && existsSync(out)
    ? readFileSync(out, 'utf8')
        .split(/\n(?=## )/)
        .slice(1)
        .map((s) => `${s.trimEnd()}\n`)
        .filter((s) => !fresh.has(s.slice(3, s.indexOf('\n'))))
    : [];
writeFileSync(out, `${header}\n${[...kept, ...sections].join('\n')}`);
console.log(`wrote ${out}`);
