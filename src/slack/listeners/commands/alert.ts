import { z } from 'zod';
import { ruleTimezone } from '../../../domain/alertWindows.js';
import { englishPeriodText } from '../../../domain/periods.js';
import type { AlertKind } from '../../../domain/enums.js';
import { isValidTimezone } from '../../../domain/localTime.js';
import { formatNumber, formatWindowDays, t, type Locale } from '../../../i18n/index.js';
import type { AlertRule, RuleScope } from '../../../services/alerts.js';
import { botCanPost } from '../../channelAccess.js';
import type { SubcommandArgs } from '../../context.js';
import { escapeText } from '../../kit/blocks.js';
import { requestKeyOf } from '../../requestKey.js';
import { commandWords } from './tokenize.js';

const KINDS: Record<string, AlertKind> = { 'nps-below': 'nps_below', 'nps-drop': 'nps_drop', 'dropoff-above': 'dropoff_above' };

/** Ranges with the message each violation gets (zod at the boundary, in the user's language). */
function ruleSchema(L: Locale, kind: AlertKind) {
  type RangeKey = 'alert.cmd.rangeNpsBelow' | 'alert.cmd.rangeNpsDrop' | 'alert.cmd.rangeDropoff' | 'alert.cmd.rangeWindow' | 'alert.cmd.rangeMinSample';
  // Not a number (NaN) gets the same specific message as out of range.
  const num = (key: RangeKey) => z.number({ error: t(L, key) });
  const m = (key: RangeKey) => t(L, key);
  const threshold =
    kind === 'nps_below'
      ? num('alert.cmd.rangeNpsBelow').min(-100, m('alert.cmd.rangeNpsBelow')).max(100, m('alert.cmd.rangeNpsBelow'))
      : kind === 'nps_drop'
        ? num('alert.cmd.rangeNpsDrop').gt(0, m('alert.cmd.rangeNpsDrop')).max(200, m('alert.cmd.rangeNpsDrop'))
        : num('alert.cmd.rangeDropoff').gt(0, m('alert.cmd.rangeDropoff')).lt(100, m('alert.cmd.rangeDropoff'));
  return z.object({
    threshold,
    windowDays: num('alert.cmd.rangeWindow').int(m('alert.cmd.rangeWindow')).min(1, m('alert.cmd.rangeWindow')).max(90, m('alert.cmd.rangeWindow')),
    minSample: num('alert.cmd.rangeMinSample').int(m('alert.cmd.rangeMinSample')).min(1, m('alert.cmd.rangeMinSample')).max(100_000, m('alert.cmd.rangeMinSample')),
  });
}

function parseNumber(text: string | undefined): number {
  if (text === undefined) return NaN;
  const m = /^([+-]?\d+(?:\.\d+)?)%?$/.exec(text.replace('−', '-'));
  return m ? Number(m[1]) : NaN;
}

/** `7d`, `2w`, or the same in Japanese (`7日`, `7日間`, `2週`, full-width digits): days; NaN otherwise. */
export function parseWindow(text: string | undefined): number {
  if (text === undefined) return 7;
  const m = /^(\d{1,3})([dw])$/i.exec(englishPeriodText(text));
  if (!m) return NaN;
  return Number(m[1]) * (m[2]?.toLowerCase() === 'w' ? 7 : 1);
}

async function say(ctx: SubcommandArgs, text: string): Promise<void> {
  await ctx.respond({ response_type: 'ephemeral', text });
}

/** `/journey alert <kind> <scope> <value> [window] [min-sample] [tz=<IANA>]` and `/journey alert remove <id>`. */
export async function alertSubcommand(ctx: SubcommandArgs): Promise<void> {
  const L = ctx.locale;
  const words = commandWords(ctx.args);
  if (words === 'unbalanced') return say(ctx, t(L, 'journey.error.unbalancedQuote', { input: quote(ctx.args) }));
  const [first, ...rest] = words;
  if (!first) return say(ctx, t(L, 'alert.cmd.usage'));
  const verb = first.toLowerCase();
  const kind = KINDS[verb];
  if (verb !== 'remove' && !kind) return say(ctx, t(L, 'alert.cmd.badKind', { input: quote(first) }));
  if (!(await ctx.slack.users.canManage(ctx.command.user_id, ctx.slack.now().getTime()))) return say(ctx, t(L, 'automation.notAllowed'));
  if (verb === 'remove' || !kind) return removeRule(ctx, rest[0]);
  return addRule(ctx, kind, rest);
}

/**
 * `tz=<IANA>` anywhere after the kind sets the rule's timezone (its windows are local days there);
 * without it the rule takes the creator's Slack timezone (ctx.timezone, else DEFAULT_TIMEZONE).
 */
function takeTimezone(args: string[]): { rest: string[]; timezone: string | null; bad: string | null } {
  const rest: string[] = [];
  let timezone: string | null = null;
  let bad: string | null = null;
  for (const a of args) {
    const name = /^tz=(.*)$/i.exec(a)?.[1];
    if (name === undefined) rest.push(a);
    else if (name !== '' && isValidTimezone(name)) timezone = name;
    else bad = name;
  }
  return { rest, timezone, bad };
}

async function addRule(ctx: SubcommandArgs, kind: AlertKind, allArgs: string[]): Promise<void> {
  const L = ctx.locale;
  const tz = takeTimezone(allArgs);
  if (tz.bad !== null) return say(ctx, t(L, 'alert.cmd.badTimezone', { input: quote(tz.bad) }));
  const args = tz.rest;
  const [scopeText, valueText, windowText, minText] = args;
  if (!scopeText || !valueText || args.length > 4) return say(ctx, t(L, 'alert.cmd.usage'));
  const target = await resolveScope(ctx, scopeText);
  if (!target.ok) return say(ctx, target.message);
  const parsed = ruleSchema(L, kind).safeParse({
    threshold: parseNumber(valueText),
    windowDays: parseWindow(windowText),
    minSample: minText === undefined ? 30 : /^\d+$/.test(minText) ? Number(minText) : NaN,
  });
  if (!parsed.success) {
    const problem = parsed.error.issues[0]?.message ?? t(L, 'alert.cmd.usage');
    return say(ctx, t(L, 'alert.cmd.badValue', { problem }));
  }
  if (!(await botCanPost(ctx.client, ctx.command.channel_id, ctx.slack.logger))) return say(ctx, t(L, 'digest.cmd.notInChannel'));
  const rule = await ctx.slack.services.alerts.createRule(
    {
      teamId: ctx.command.team_id,
      channelId: ctx.command.channel_id,
      kind,
      target: target.scope,
      ...parsed.data,
      locale: L,
      timezone: tz.timezone ?? ctx.timezone,
      createdBy: ctx.command.user_id,
      requestKey: requestKeyOf(ctx.command.trigger_id),
    },
    ctx.slack.now(),
  );
  await say(
    ctx,
    t(L, 'alert.cmd.created', { id: rule.id, channel: rule.channelId, description: describeRule(L, rule, target.label), timezone: ruleTimezone(rule.timezone) }),
  );
}

type ScopeResult = { ok: true; scope: RuleScope; label: string } | { ok: false; message: string };

async function resolveScope(ctx: SubcommandArgs, text: string): Promise<ScopeResult> {
  const L = ctx.locale;
  const { lookup } = ctx.slack.services;
  if (text === '*' || text.toLowerCase() === 'all') return { ok: true, scope: { scope: 'all' }, label: '*' };
  if (!text.includes('/')) {
    const j = await lookup.findJourney(text);
    if (j.found) return { ok: true, scope: { scope: 'journey', journeyId: j.value.id }, label: `${escapeText(j.value.name)} (\`${j.value.key}\`)` };
  }
  const tp = await lookup.findTouchpoint(text);
  if (tp.found) {
    return {
      ok: true,
      scope: { scope: 'touchpoint', touchpointId: tp.value.id, journeyId: tp.value.journeyId },
      label: `${escapeText(tp.value.journeyName)} / ${escapeText(tp.value.name)} (\`${tp.value.journeyKey}/${tp.value.key}\`)`,
    };
  }
  if (tp.reason === 'ambiguous') {
    return { ok: false, message: t(L, 'alert.cmd.ambiguous', { input: quote(text), options: tp.candidates.map((c) => `\`${c.journeyKey}/${c.key}\``).join(', ') }) };
  }
  const names = tp.suggestions.map((s) => `\`${s.journeyKey}/${s.key}\``);
  if (!text.includes('/')) {
    const j = await lookup.findJourney(text);
    if (!j.found && j.reason === 'not_found') names.unshift(...j.suggestions.map((s) => `\`${s.key}\``));
  }
  return {
    ok: false,
    message: t(L, 'alert.cmd.badScope', { input: quote(text), suggestions: names.length ? t(L, 'digest.cmd.didYouMean', { names: names.slice(0, 5).join(', ') }) : '' }),
  };
}

async function removeRule(ctx: SubcommandArgs, idText: string | undefined): Promise<void> {
  const L = ctx.locale;
  const id = idText ? Number(idText.replace(/^#/, '')) : NaN;
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) return say(ctx, t(L, 'alert.cmd.badId', { input: quote(idText ?? '') }));
  const removed = await ctx.slack.services.alerts.removeRule(ctx.command.channel_id, id);
  await say(ctx, t(L, removed ? 'alert.cmd.removed' : 'alert.cmd.notFound', { id }));
}

/** `/journey alerts`: the channel's rules, their state and any delivery problem. Anyone may look. */
export async function alertsSubcommand(ctx: SubcommandArgs): Promise<void> {
  const L = ctx.locale;
  const rules = await ctx.slack.services.alerts.rulesForChannel(ctx.command.channel_id);
  if (rules.length === 0) return say(ctx, t(L, 'alert.cmd.listEmpty'));
  const lines = [t(L, 'alert.cmd.listHeader', { channel: ctx.command.channel_id })];
  for (const r of rules) {
    const state =
      r.openIncidents + r.acknowledged + r.snoozed === 0
        ? t(L, 'alert.cmd.stateOk')
        : t(L, 'alert.cmd.stateIncidents', { open: r.openIncidents, acked: r.acknowledged, snoozed: r.snoozed });
    let line = t(L, 'alert.cmd.listRule', {
      id: r.rule.id,
      description: describeRule(L, r.rule, escapeText(r.scopeLabel)),
      window: formatWindowDays(L, r.rule.windowDays),
      timezone: ruleTimezone(r.rule.timezone),
      min: formatNumber(L, r.rule.minSample),
      state,
    });
    if (r.lastNotificationError) line += `\n${t(L, 'alert.cmd.stateError', { error: escapeText(r.lastNotificationError) })}`;
    lines.push(line);
  }
  await say(ctx, lines.join('\n'));
}

export function describeRule(L: Locale, rule: Pick<AlertRule, 'kind' | 'threshold'>, scopeLabel: string): string {
  return t(L, `alert.rule.${rule.kind}`, { threshold: formatNumber(L, rule.threshold, { maximumFractionDigits: 1 }), scope: scopeLabel });
}

function quote(s: string): string {
  return escapeText(s.slice(0, 40).replace(/`/g, "'"));
}
