import { z } from 'zod';
import { TARGET_METRICS, type TargetMetric } from '../../../domain/enums.js';
import { DEFAULT_PERIOD, parsePeriod, resolvePeriod } from '../../../domain/periods.js';
import { t, type Locale } from '../../../i18n/index.js';
import type { SubcommandArgs } from '../../context.js';
import { escapeText, truncate } from '../../kit/blocks.js';
import { targetLines } from '../../views/targets.js';
import { commandWords } from './tokenize.js';

/** Allowed values per metric, in display units (zod at the boundary). */
const RANGES: Record<TargetMetric, [number, number]> = { nps: [-100, 100], csat: [0, 100], ces: [1, 7], conversion: [0, 100], dropoff: [0, 100] };

function targetSchema(L: Locale, metric: TargetMetric) {
  const [min, max] = RANGES[metric];
  const message = t(L, 'fixFirst.cmd.range', { metric, min, max });
  return z.object({
    value: z.number({ error: message }).min(min, message).max(max, message),
    dueDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, t(L, 'fixFirst.cmd.badDate'))
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), t(L, 'fixFirst.cmd.badDate'))
      .nullable(),
  });
}

function parseNumber(text: string): number {
  const m = /^([+-]?\d+(?:\.\d+)?)%?$/.exec(text.replace('−', '-'));
  return m ? Number(m[1]) : NaN;
}

const quote = (s: string) => escapeText(truncate(s, 80)).replace(/`/g, "'");

async function say(ctx: SubcommandArgs, text: string): Promise<void> {
  await ctx.respond({ response_type: 'ephemeral', text });
}

/** `/journey target <journey>[/<touchpoint>] <metric> <value> [by YYYY-MM-DD]` and `/journey target remove <id>`. */
export async function targetSubcommand(ctx: SubcommandArgs): Promise<void> {
  const L = ctx.locale;
  const words = commandWords(ctx.args);
  if (words === 'unbalanced') return say(ctx, t(L, 'journey.error.unbalancedQuote', { input: quote(ctx.args) }));
  const [first, ...rest] = words;
  if (!first) return say(ctx, t(L, 'fixFirst.cmd.usage'));
  // The same people who may change alert rules may change targets.
  if (!(await ctx.slack.users.canManage(ctx.command.user_id, ctx.slack.now().getTime()))) return say(ctx, t(L, 'fixFirst.cmd.notAllowed'));
  if (first.toLowerCase() === 'remove') {
    const id = /^\d{1,9}$/.test(rest[0] ?? '') ? Number(rest[0]) : NaN;
    if (!Number.isInteger(id) || id <= 0 || rest.length !== 1) return say(ctx, t(L, 'fixFirst.cmd.usage'));
    return say(ctx, t(L, (await ctx.slack.services.targets.remove(id)) ? 'fixFirst.cmd.removed' : 'fixFirst.cmd.noSuchTarget', { id }));
  }
  const [metricText, valueText, ...tail] = rest;
  const metric = TARGET_METRICS.find((m) => m === metricText?.toLowerCase());
  if (!metric || valueText === undefined) return say(ctx, t(L, 'fixFirst.cmd.usage'));
  const dateText = tail[0]?.toLowerCase() === 'by' ? tail[1] : tail[0];
  if (tail.length > (tail[0]?.toLowerCase() === 'by' ? 2 : 1)) return say(ctx, t(L, 'fixFirst.cmd.usage'));
  const parsed = targetSchema(L, metric).safeParse({ value: parseNumber(valueText), dueDate: dateText ?? null });
  if (!parsed.success) return say(ctx, parsed.error.issues[0]?.message ?? t(L, 'fixFirst.cmd.usage'));

  const scope = await resolveScope(ctx, first);
  if (!scope.ok) return say(ctx, scope.text);
  if (scope.touchpointId === null && metric !== 'nps' && metric !== 'conversion') return say(ctx, t(L, 'fixFirst.cmd.needsStep', { metric }));
  if (metric === 'dropoff' && scope.position === 0) return say(ctx, t(L, 'fixFirst.cmd.firstStep'));
  const target = await ctx.slack.services.targets.set({
    journeyId: scope.journeyId,
    touchpointId: scope.touchpointId,
    metric,
    value: parsed.data.value,
    dueDate: parsed.data.dueDate,
    teamId: ctx.command.team_id || null,
    createdBy: ctx.command.user_id,
  });
  await say(ctx, t(L, 'fixFirst.cmd.set', { id: target.id, target: targetLines(L, [{ target, current: null, projection: null, status: 'unknown' }], { withIds: false })[0] ?? '' }));
}

/** `/journey targets [journey[/touchpoint]]`: targets with their progress over the last 30 days. */
export async function targetsSubcommand(ctx: SubcommandArgs): Promise<void> {
  const L = ctx.locale;
  const words = commandWords(ctx.args);
  if (words === 'unbalanced') return say(ctx, t(L, 'journey.error.unbalancedQuote', { input: quote(ctx.args) }));
  let filter: { journeyId?: number; touchpointId?: number } = {};
  if (words[0]) {
    const scope = await resolveScope(ctx, words[0]);
    if (!scope.ok) return say(ctx, scope.text);
    filter = scope.touchpointId === null ? { journeyId: scope.journeyId } : { touchpointId: scope.touchpointId };
  }
  const spec = parsePeriod(DEFAULT_PERIOD);
  if (!spec.ok) return;
  const progress = await ctx.slack.services.targets.progress(filter, resolvePeriod(spec.spec, ctx.slack.now(), ctx.timezone));
  if (progress.length === 0) return say(ctx, t(L, 'fixFirst.cmd.none'));
  await say(ctx, [t(L, 'fixFirst.cmd.listTitle'), ...targetLines(L, progress, { withIds: true })].join('\n'));
}

type Scope = { ok: true; journeyId: number; touchpointId: number | null; position: number } | { ok: false; text: string };

async function resolveScope(ctx: SubcommandArgs, text: string): Promise<Scope> {
  const { lookup } = ctx.slack.services;
  if (!text.includes('/')) {
    const j = await lookup.findJourney(text);
    if (j.found) return { ok: true, journeyId: j.value.id, touchpointId: null, position: -1 };
  }
  const tp = await lookup.findTouchpoint(text);
  if (tp.found) {
    const steps = (await lookup.allTouchpoints()).filter((s) => s.journeyId === tp.value.journeyId);
    return { ok: true, journeyId: tp.value.journeyId, touchpointId: tp.value.id, position: steps.findIndex((s) => s.id === tp.value.id) };
  }
  return { ok: false, text: t(ctx.locale, 'fixFirst.cmd.unknownScope', { input: quote(text) }) };
}
