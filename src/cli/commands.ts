import { existsSync } from 'node:fs';
import type { Db } from '../db/client.js';
import { seedDemo } from '../demo/seed.js';
import { MAX_REPORTED_PROBLEMS, SOURCE_PATTERN } from '../ingest/schemas.js';
import { importResponsesCsv, importStepMetricsCsv, RESPONSE_COLUMNS, STEP_METRIC_COLUMNS, type LineProblem } from './csvImport.js';
import { describeChange, importJourneysFile, planJourneysFile } from './importJourneys.js';
import { backtestRule, resolveScopeText } from '../db/queries/automation/backtest.js';
import { parseRuleText, type RuleText } from '../domain/alertRuleText.js';
import { addDays, isValidTimezone, startOfLocalDay } from '../domain/localTime.js';

/** Where a command writes: results on `out` (stdout), progress and errors on `err` (stderr). */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const USAGE = `Journey Pulse CLI — npm run cli -- <command>

Commands:
  import-journeys <file.json|file.yaml> [--dry-run]
      One journey object with a "key", or a list of them:
        key, name, description?, touchpoints: [{ key, name, channel? }, ...]
      Creates or updates each journey; touchpoints left out are retired (kept, inactive).
      --dry-run prints what would change (new journeys, added, renamed and retired touchpoints) and writes nothing.
  import-responses <file.csv> [--source NAME]
      Columns (header line required): ${RESPONSE_COLUMNS.join(',')}
        metric: nps (0-10) | csat (1-5) | ces (1-7); responded_at: ISO 8601 with offset,
        e.g. 2026-03-01T09:30:00+09:00; comment and customer may be empty.
      Ids are unique per source (default ''); re-importing a file counts duplicates, never doubles.
  import-step-metrics <file.csv>
      Columns: ${STEP_METRIC_COLUMNS.join(',')}   (day YYYY-MM-DD, reached = customers that reached the step)
      Re-importing a day replaces its value.
  seed-demo
      Loads ~6 months of demo data (source 'demo'); re-running adds only the days since.
  alerts backtest --rule "<text after /journey alert>" --from YYYY-MM-DD --to YYYY-MM-DD [--tz IANA] [--every 15m] [--json]
      What an alert rule would have done over those local days (to inclusive), with the live
      evaluation code and a simulated clock; writes nothing. E.g. --rule "nps-drop * 10".
      --json prints one JSON object; without it, a table (progress on stderr).
  help
      Shows this text.

Files are validated completely before anything is written; problems are listed with line numbers.
Uses DATABASE_URL (or the embedded PGlite at PGLITE_DIR) like npm start.`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const COMMANDS = ['import-journeys', 'import-responses', 'import-step-metrics', 'seed-demo', 'alerts', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface ParsedArgs {
  command: CommandName;
  file?: string;
  source?: string;
  /** import-journeys: say what would change, write nothing. */
  dryRun?: boolean;
  backtest?: BacktestArgs;
}

export interface BacktestArgs {
  ruleText: string;
  rule: RuleText;
  from: string;
  to: string;
  timezone: string;
  everyMs: number;
  json: boolean;
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function parseBacktest(rest: readonly string[]): BacktestArgs {
  if (rest[0] !== 'backtest') throw new UsageError('Usage: npm run cli -- alerts backtest --rule "<rule>" --from YYYY-MM-DD --to YYYY-MM-DD [--tz IANA] [--every 15m] [--json]');
  const opts = new Map<string, string>();
  let json = false;
  for (let i = 1; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') json = true;
    else if (['--rule', '--from', '--to', '--tz', '--every'].includes(arg)) {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value.`);
      opts.set(arg, v);
    } else throw new UsageError(`Unknown option ${arg}.`);
  }
  const ruleText = opts.get('--rule');
  if (!ruleText) throw new UsageError('--rule is required, e.g. --rule "nps-drop * 10".');
  const parsed = parseRuleText(ruleText);
  if (!parsed.ok) throw new UsageError(`--rule: ${parsed.message}.`);
  const from = opts.get('--from') ?? '';
  const to = opts.get('--to') ?? '';
  if (!DAY_PATTERN.test(from) || !DAY_PATTERN.test(to) || !Number.isFinite(Date.parse(from)) || !Number.isFinite(Date.parse(to)) || to < from) {
    throw new UsageError('--from and --to are days YYYY-MM-DD, --to not before --from.');
  }
  const timezone = opts.get('--tz') ?? parsed.rule.timezone ?? 'UTC';
  if (!isValidTimezone(timezone)) throw new UsageError(`--tz: "${timezone}" is not a timezone.`);
  const every = /^(\d+)(m|h)$/.exec(opts.get('--every') ?? '15m');
  const everyMs = every ? Number(every[1]) * (every[2] === 'h' ? 3_600_000 : 60_000) : NaN;
  if (!(everyMs >= 60_000)) throw new UsageError('--every is minutes or hours, e.g. 15m or 1h.');
  return { ruleText, rule: parsed.rule, from, to, timezone, everyMs, json };
}

/** Parses argv (without node and script); throws UsageError with a message that says what to do. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`Unknown command "${command}". Run: npm run cli -- help`);
  const positional: string[] = [];
  let source: string | undefined;
  let dryRun = false;
  if (command === 'alerts') return { command: 'alerts', backtest: parseBacktest(rest) };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--dry-run') {
      if (command !== 'import-journeys') throw new UsageError('--dry-run only applies to import-journeys.');
      dryRun = true;
    } else if (arg === '--source' || arg.startsWith('--source=')) {
      if (command !== 'import-responses') throw new UsageError(`--source only applies to import-responses.`);
      source = arg.includes('=') ? arg.slice('--source='.length) : rest[++i];
      if (source === undefined || !SOURCE_PATTERN.test(source)) {
        throw new UsageError('--source needs a name of 1–64 characters: letters, digits, "_", "-", "." or ":".');
      }
    } else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}.`);
    else positional.push(arg);
  }
  const name = command as CommandName;
  if (name === 'seed-demo' || name === 'help') {
    if (positional.length > 0) throw new UsageError(`${name} takes no arguments.`);
    return { command: name };
  }
  if (positional.length !== 1) throw new UsageError(`${name} needs exactly one file. Run: npm run cli -- help`);
  const file = positional[0]!;
  if (!existsSync(file)) throw new UsageError(`File not found: ${file}`);
  return { command: name, file, ...(source !== undefined ? { source } : {}), ...(dryRun ? { dryRun } : {}) };
}

/** Runs a parsed command against an open, migrated database; returns the process exit code. */
export async function runCommand(db: Db, args: ParsedArgs, io: CliIo): Promise<number> {
  switch (args.command) {
    case 'help':
      io.out(USAGE);
      return 0;
    case 'import-journeys': {
      if (args.dryRun) {
        const plan = await planJourneysFile(db, args.file!);
        if (!plan.ok) {
          io.err(`${args.file}: ${plan.problems.length} problem(s); nothing would be imported.`);
          for (const p of plan.problems) io.err(`  ${p.field}: ${p.message}`);
          return 1;
        }
        io.out(`${args.file}: dry run, nothing written.`);
        for (const c of plan.changes) for (const line of describeChange(c)) io.out(line);
        return 0;
      }
      const result = await importJourneysFile(db, args.file!);
      if (!result.ok) {
        io.err(`${args.file}: ${result.problems.length} problem(s); nothing was imported.`);
        for (const p of result.problems) io.err(`  ${p.field}: ${p.message}`);
        return 1;
      }
      for (const j of result.journeys) {
        const retired = j.retired.length > 0 ? `, retired ${j.retired.join(', ')}` : '';
        io.out(`${j.created ? 'created' : 'updated'} journey ${j.key} (${j.touchpoints} touchpoints${retired})`);
      }
      return 0;
    }
    case 'import-responses': {
      const result = await importResponsesCsv(db, args.file!, { ...(args.source !== undefined ? { source: args.source } : {}), progress: io.err });
      if (!result.ok) return reportProblems(io, args.file!, result.problems);
      io.out(`${args.file}: ${result.rows} rows, ${result.accepted} accepted, ${result.duplicates} duplicates (already stored).`);
      return 0;
    }
    case 'import-step-metrics': {
      const result = await importStepMetricsCsv(db, args.file!, { progress: io.err });
      if (!result.ok) return reportProblems(io, args.file!, result.problems);
      io.out(`${args.file}: ${result.rows} rows, ${result.written} step-days written.`);
      return 0;
    }
    case 'alerts':
      return runBacktest(db, args.backtest!, io);
    case 'seed-demo': {
      const r = await seedDemo(db, { progress: io.err });
      io.out(
        `demo data: ${r.journeys} journeys, ${r.touchpoints} touchpoints, ${r.accepted} new answers (${r.duplicates} already there), ${r.stepMetrics} step-days.`,
      );
      return 0;
    }
  }
}

function reportProblems(io: CliIo, file: string, problems: LineProblem[]): number {
  io.err(`${file}: ${problems.length} problem(s); nothing was imported.`);
  for (const p of problems.slice(0, MAX_REPORTED_PROBLEMS)) io.err(`  ${p.line !== undefined ? `line ${p.line}` : 'file'}: ${p.field}: ${p.message}`);
  if (problems.length > MAX_REPORTED_PROBLEMS) io.err(`  … and ${problems.length - MAX_REPORTED_PROBLEMS} more.`);
  return 1;
}

/** `alerts backtest`: the rule over history, as JSON or a readable table (progress on stderr). */
async function runBacktest(db: Db, b: BacktestArgs, io: CliIo): Promise<number> {
  const scope = await resolveScopeText(db, b.rule.scope);
  if (!scope.ok) {
    io.err(`--rule: ${scope.message}.`);
    return 1;
  }
  const from = startOfLocalDay(b.from, b.timezone);
  const to = startOfLocalDay(addDays(b.to, 1), b.timezone);
  const result = await backtestRule(db, {
    rule: b.rule,
    scope: scope.scope,
    timezone: b.timezone,
    from,
    to,
    everyMs: b.everyMs,
    progress: b.json ? undefined : (done, day) => io.err(`  ${day}  ${(100 * done).toFixed(0)}%`),
  });
  if (b.json) {
    io.out(JSON.stringify({ rule: b.ruleText, from: b.from, to: b.to, evaluations: result.evaluations, incidents: result.incidents }));
    return 0;
  }
  io.out(`Rule "${b.ruleText}" from ${b.from} to ${b.to} (${b.timezone} days): ${result.evaluations} evaluations, ${result.incidents.length} incident(s).`);
  if (result.incidents.length > 0) {
    const rows = result.incidents.map((i) => [`${i.journey}/${i.touchpoint}`, i.openedAt, i.resolvedAt ?? 'still open', String(i.messages)]);
    const head = ['touchpoint', 'opened', 'resolved', 'messages'];
    const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
    const line = (r: string[]) => r.map((x, c) => x.padEnd(widths[c] ?? 0)).join('  ');
    io.out(line(head));
    for (const r of rows) io.out(line(r));
  }
  return 0;
}
