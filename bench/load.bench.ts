/**
 * Slack load: 50 concurrent users posting correctly signed `/journey online-purchase` and
 * `/journey touchpoint online-purchase/delivery` for BENCH_LOAD_SECONDS (default 60) to
 * (a) the real bot (`node dist/main.js`, CHART_MODE=local, demo data, a fake Slack in this
 * process) and (b) a bare Bolt app that only acks, one after the other on the same machine, in
 * two scenarios:
 * - users: each of the 50 sends a command every BENCH_LOAD_INTERVAL_MS (default 2 s, staggered),
 *   whatever the bot does — the same arrival schedule for both apps, so their acks compare;
 * - flood: each sender sends its next command as soon as the previous one is acked (replies are
 *   not waited for), like the probe that found the problem: far past capacity, where what counts
 *   is that acks stay fast, every command gets its reply or a "busy" reply, and memory stays bounded.
 * Replies are counted until BENCH_DRAIN_SECONDS (default 30) after the end. RSS is the child's
 * VmRSS, sampled every second. Needs `npm run build` (dist/) first.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '../src/demo/seed.js';
import { t } from '../src/i18n/index.js';
import { startFakeSlack, type FakeSlack } from '../tests/helpers/fakeSlack.js';
import { postSigned, slashCommandBody, TEST_IDS } from '../tests/helpers/slackRequests.js';
import type { Benchmark, BenchContext } from './index.js';
import { createScratchDatabase } from './scratchDatabase.js';

const DATABASE = 'jp_bench_load';
const SECRET = 'bench-signing-secret-0123456789abcdef';
const SENDERS = Number(process.env.BENCH_LOAD_SENDERS ?? 50);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 30);
const INTERVAL_MS = Number(process.env.BENCH_LOAD_INTERVAL_MS ?? 2000);
/** Unmeasured load first, for both apps alike: JIT, connection pools, the first charts and worker threads. */
const WARMUP_SECONDS = Number(process.env.BENCH_LOAD_WARMUP_SECONDS ?? 5);

/** How senders pace themselves: a fixed schedule per user, or the next command as soon as the last is acked. */
type Pacing = { kind: 'users'; intervalMs: number } | { kind: 'flood' };
const COMMANDS = ['online-purchase', 'touchpoint online-purchase/delivery'];
const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface RunResult {
  sent: number;
  acks: number[];
  ackErrors: number;
  replies: number;
  busy: number;
  replyMs: number[];
  maxRssMb: number;
}

const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (x: number): string => (Number.isNaN(x) ? '–' : `${x.toFixed(0)} ms`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`child exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not healthy: ${url}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function drive(pacing: Pacing, baseUrl: string, pid: number, fake: FakeSlack | null, busyTexts: Set<string>, log: (m: string) => void, seconds = SECONDS): Promise<RunResult> {
  const sentAt = new Map<string, number>();
  const acks: number[] = [];
  let ackErrors = 0;
  let seq = 0;
  let maxRss = rssMb(pid);
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, rssMb(pid));
  }, 1000);
  const replyMs: number[] = [];
  const seen = new Set<string>();
  let busy = 0;
  let scanned = 0;
  const scan = (): void => {
    if (!fake) return;
    const now = performance.now();
    for (; scanned < fake.responses.length; scanned++) {
      const r = fake.responses[scanned]!;
      if (seen.has(r.id)) continue;
      const at = sentAt.get(r.id);
      if (at === undefined) continue;
      seen.add(r.id);
      if (busyTexts.has(String(r.body.text))) busy += 1;
      else replyMs.push(now - at);
    }
  };
  const scanner = setInterval(scan, 25);
  const end = performance.now() + seconds * 1000;
  const sendOne = async (n: number): Promise<void> => {
    seq += 1;
    const id = `load-${seq}`;
    const text = COMMANDS[seq % COMMANDS.length]!;
    const body = slashCommandBody({ text, userId: `U0LOAD${n}`, responseUrl: fake ? fake.responseUrl(id) : `http://127.0.0.1:9/r/${id}` });
    const t0 = performance.now();
    sentAt.set(id, t0);
    try {
      const res = await postSigned(baseUrl, SECRET, body, 'application/x-www-form-urlencoded');
      if (res.status === 200) acks.push(performance.now() - t0);
      else ackErrors += 1;
    } catch {
      ackErrors += 1;
    }
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
  const sender = async (n: number): Promise<void> => {
    if (pacing.kind === 'flood') {
      while (performance.now() < end) await sendOne(n);
      return;
    }
    // A fixed schedule per user, staggered across the interval: a slow ack does not slow the arrivals.
    const inflight: Promise<void>[] = [];
    for (let at = start + (n * pacing.intervalMs) / SENDERS; at < end; at += pacing.intervalMs) {
      await sleep(at - performance.now());
      inflight.push(sendOne(n));
    }
    await Promise.all(inflight);
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: SENDERS }, (_, n) => sender(n)));
  log(`sent ${seq} commands; waiting up to ${DRAIN_SECONDS} s for replies`);
  if (fake) {
    const drainEnd = performance.now() + DRAIN_SECONDS * 1000;
    while (performance.now() < drainEnd && seen.size < acks.length) await new Promise((r) => setTimeout(r, 100));
    scan();
  }
  clearInterval(scanner);
  clearInterval(sampler);
  maxRss = Math.max(maxRss, rssMb(pid));
  return { sent: seq, acks, ackErrors, replies: seen.size - busy, busy, replyMs, maxRssMb: maxRss };
}

async function runBot(ctx: BenchContext, pacing: Pacing): Promise<RunResult> {
  const scratch = await createScratchDatabase(ctx.databaseUrl, DATABASE, 4);
  ctx.log('seeding demo data');
  await seedDemo(scratch.handle.db);
  await scratch.handle.close();
  const fake = await startFakeSlack();
  for (let n = 0; n < SENDERS; n++) fake.setUser(`U0LOAD${n}`, { locale: n % 2 ? 'ja-JP' : 'en-US', tz: 'Asia/Tokyo' });
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: scratch.url,
      PORT: String(port),
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-bench-0000',
      SLACK_API_URL: fake.apiUrl,
      SLACK_TEAM_ID: TEST_IDS.teamId,
      SLACK_APP_ID: TEST_IDS.appId,
      SLACK_BOT_ID: TEST_IDS.botId,
      SLACK_BOT_USER_ID: TEST_IDS.botUserId,
      CHART_MODE: 'local',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('WORK_') || k.startsWith('CHART_W') || k.startsWith('CHART_C'))),
    },
  });
  try {
    await waitHealthy(`http://127.0.0.1:${port}/healthz`, child);
    ctx.log(`bot up (pid ${child.pid}, RSS ${rssMb(child.pid!).toFixed(0)} MB)`);
    const busyTexts = new Set([t('en', 'platform.busy'), t('ja', 'platform.busy')]);
    await drive(pacing, `http://127.0.0.1:${port}`, child.pid!, fake, busyTexts, (m) => ctx.log(`warm-up: ${m}`), WARMUP_SECONDS);
    return await drive(pacing, `http://127.0.0.1:${port}`, child.pid!, fake, busyTexts, (m) => ctx.log(m));
  } finally {
    await stop(child);
    await fake.close();
    await dropQuietly(ctx, () => scratch.drop());
  }
}

async function dropQuietly(ctx: BenchContext, drop: () => Promise<void>): Promise<void> {
  try {
    await drop();
  } catch (err) {
    ctx.log(`could not drop the scratch database: ${String(err)}`);
  }
}

async function runBare(ctx: BenchContext, pacing: Pacing): Promise<RunResult> {
  const port = await freePort();
  const child = fork(fileURLToPath(new URL('./bareBolt.ts', import.meta.url)), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { PATH: process.env.PATH, PORT: String(port), SLACK_SIGNING_SECRET: SECRET },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`bare Bolt exited with ${code}`)));
    });
    ctx.log(`bare Bolt up (pid ${child.pid})`);
    await drive(pacing, `http://127.0.0.1:${port}`, child.pid!, null, new Set(), (m) => ctx.log(`warm-up: ${m}`), WARMUP_SECONDS);
    return await drive(pacing, `http://127.0.0.1:${port}`, child.pid!, null, new Set(), (m) => ctx.log(m));
  } finally {
    await stop(child);
  }
}

const row = (name: string, r: RunResult, withReplies: boolean) =>
  `| ${name} | ${r.sent} | ${ms(pct(r.acks, 50))} | ${ms(pct(r.acks, 95))} | ${ms(pct(r.acks, 99))} | ${r.ackErrors} | ${withReplies ? `${r.replies + r.busy} / ${r.acks.length}` : '–'} | ${withReplies ? r.busy : '–'} | ${withReplies ? ms(pct(r.replyMs, 95)) : '–'} | ${r.maxRssMb.toFixed(0)} MB |`;
const check = (ok: boolean) => (ok ? 'met' : '**not met**');

function section(title: string, bare: RunResult, bot: RunResult): string {
  const botP99 = pct(bot.acks, 99);
  const bareP99 = pct(bare.acks, 99);
  const allReplies = bot.replies + bot.busy >= bot.acks.length;
  return `### ${title}

| App | Sent | Ack p50 | Ack p95 | Ack p99 | Ack errors | Replies (incl. busy) / acked | Busy | Reply p95 (non-busy) | Max RSS |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${row('Bare Bolt (ack only)', bare, false)}
${row('Journey Pulse', bot, true)}

Ack p99 ≤ 1.5× bare (${ms(botP99)} vs ${ms(1.5 * bareP99)}, ratio ${(botP99 / bareP99).toFixed(2)}×): ${check(botP99 <= 1.5 * bareP99)}; every reply arrives or is busy: ${check(allReplies)}; reply p95 ≤ 3 s: ${check(pct(bot.replyMs, 95) <= 3000)}; RSS ≤ 600 MB: ${check(bot.maxRssMb <= 600)}.`;
}

const bench: Benchmark = {
  name: 'Slack load (/journey under 50 concurrent users)',
  run: async (ctx) => {
    const users: Pacing = { kind: 'users', intervalMs: INTERVAL_MS };
    const flood: Pacing = { kind: 'flood' };
    ctx.log('users: bare Bolt app');
    const bareUsers = await runBare(ctx, users);
    ctx.log('users: real bot');
    const botUsers = await runBot(ctx, users);
    ctx.log('flood: bare Bolt app');
    const bareFlood = await runBare(ctx, flood);
    ctx.log('flood: real bot');
    const botFlood = await runBot(ctx, flood);
    return `${SENDERS} users for ${SECONDS} s per run; commands alternate \`/journey ${COMMANDS[0]}\` and \`/journey ${COMMANDS[1]}\`. Bot: \`node dist/main.js\`, CHART_MODE=local (charts in worker threads, identical charts rendered once), demo data, default WORK_CONCURRENCY / WORK_MAX_BACKLOG, fake Slack in the bench process; replies counted until ${DRAIN_SECONDS} s after the end, after ${WARMUP_SECONDS} s of unmeasured warm-up load on each app. RSS: the child's VmRSS, sampled every second. The bare app and the bot run one after the other, same machine, same run.

${section(`Users: each sends a command every ${(INTERVAL_MS / 1000).toFixed(1)} s (${(SENDERS / (INTERVAL_MS / 1000)).toFixed(0)} commands/s in all)`, bareUsers, botUsers)}

${section('Flood: each sender sends again as soon as it is acked (the probe)', bareFlood, botFlood)}
`;
  },
};

export default bench;
