import { z } from 'zod';
import { digestPeriodFor, isValidTimezone, nextFireTime, parseClock, previousFireTime, weekdayFromName, WEEKDAY_NAMES, type IsoWeekday } from '../../../domain/schedule.js';
import { t, type Locale } from '../../../i18n/index.js';
import { findJourney } from '../../../db/queries/lookup.js';
import { deleteSubscriptionForChannel, getSubscriptionForChannel, recentRuns, upsertSubscription } from '../../../db/queries/automation/subscriptions.js';
import { escapeText } from '../../kit/blocks.js';
import type { SubcommandContext } from './subcommands.js';
import { botCanPost } from '../../channelAccess.js';
import type { AdminCheck } from '../../permissions.js';
import { renderDigest } from '../../automationMessages.js';
import { slackDate } from '../../views/slackDate.js';

/** The subscription a `digest weekly …` command asks for, checked once more at the boundary. */
const subscribeSchema = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59),
  timezone: z.string().refine(isValidTimezone, 'unknown timezone'),
  journeyKeys: z.array(z.string().min(1)).max(20),
});

const MAX_JOURNEYS = 20;

async function say(ctx: SubcommandContext, text: string): Promise<void> {
  await ctx.respond({ response_type: 'ephemeral', text });
}

export function digestHandler(admin: AdminCheck) {
  return async (ctx: SubcommandContext): Promise<void> => {
    const L = ctx.locale;
    const tokens = ctx.args.split(/\s+/).filter((x) => x.length > 0);
    const [first, ...rest] = tokens;
    const sub = first?.toLowerCase();
    if (sub === undefined) return showDigest(ctx);
    if (sub === 'preview') return previewDigest(ctx);
    if (sub === 'off' || sub === 'weekly') {
      if (!(await admin.canManage(ctx.command.user_id, ctx.deps.now().getTime()))) return say(ctx, t(L, 'automation.notAllowed'));
      return sub === 'off' ? digestOff(ctx) : subscribe(ctx, rest);
    }
    return say(ctx, t(L, 'digest.cmd.usage'));
  };
}

async function subscribe(ctx: SubcommandContext, args: string[]): Promise<void> {
  const L = ctx.locale;
  const [dayText, timeText, ...more] = args;
  if (!dayText || !timeText) return say(ctx, t(L, 'digest.cmd.usage'));
  const weekday = weekdayFromName(dayText);
  if (!weekday) {
    return say(ctx, t(L, 'digest.cmd.badWeekday', { input: quote(dayText) }));
  }
  const clock = parseClock(timeText);
  if (!clock) return say(ctx, t(L, 'digest.cmd.badTime', { input: quote(timeText) }));
  let timezone = ctx.timezone;
  let journeyTokens = more;
  const [maybeTz, ...afterTz] = more;
  if (maybeTz && (isValidTimezone(maybeTz) && (maybeTz.includes('/') || /^(utc|gmt)$/i.test(maybeTz)))) {
    timezone = maybeTz;
    journeyTokens = afterTz;
  } else if (maybeTz && maybeTz.includes('/') && !(await findJourney(ctx.deps.db.db, maybeTz)).found) {
    return say(ctx, t(L, 'digest.cmd.badTimezone', { input: quote(maybeTz) }));
  }
  const journeyKeys: string[] = [];
  for (const token of journeyTokens.slice(0, MAX_JOURNEYS)) {
    const found = await findJourney(ctx.deps.db.db, token);
    if (!found.found) {
      const names = found.reason === 'not_found' ? found.suggestions.map((j) => `\`${j.key}\``).join(', ') : '';
      return say(ctx, t(L, 'digest.cmd.unknownJourney', { input: quote(token), suggestions: names ? t(L, 'digest.cmd.didYouMean', { names }) : '' }));
    }
    if (!journeyKeys.includes(found.value.key)) journeyKeys.push(found.value.key);
  }
  const parsed = subscribeSchema.safeParse({ weekday, hour: clock.hour, minute: clock.minute, timezone, journeyKeys });
  if (!parsed.success) return say(ctx, t(L, 'digest.cmd.usage'));

  const channel = ctx.command.channel_id;
  if (!(await botCanPost(ctx.client, channel, ctx.deps.logger))) return say(ctx, t(L, 'digest.cmd.notInChannel'));

  const now = ctx.deps.now();
  const row = await upsertSubscription(
    ctx.deps.db.db,
    { teamId: ctx.command.team_id, channelId: channel, ...parsed.data, weekday: parsed.data.weekday as IsoWeekday, locale: L, createdBy: ctx.command.user_id },
    now,
  );
  const next = nextFireTime({ weekday: row.weekday as IsoWeekday, hour: row.hour, minute: row.minute, timezone: row.timezone }, now);
  await say(
    ctx,
    t(L, 'digest.cmd.subscribed', {
      channel,
      weekday: dayName(row.weekday),
      time: hhmm(row.hour, row.minute),
      timezone: row.timezone,
      journeys: journeysText(L, row.journeyKeys),
      next: slackDate(L, next).mrkdwn,
    }),
  );
}

async function showDigest(ctx: SubcommandContext): Promise<void> {
  const L = ctx.locale;
  const sub = await getSubscriptionForChannel(ctx.deps.db.db, ctx.command.channel_id);
  if (!sub) return say(ctx, t(L, 'digest.cmd.none'));
  const schedule = { weekday: sub.weekday as IsoWeekday, hour: sub.hour, minute: sub.minute, timezone: sub.timezone };
  const now = ctx.deps.now();
  const lines = [
    t(L, 'digest.cmd.show', {
      weekday: dayName(sub.weekday),
      time: hhmm(sub.hour, sub.minute),
      timezone: sub.timezone,
      journeys: journeysText(L, sub.journeyKeys),
      user: sub.createdBy,
      next: slackDate(L, nextFireTime(schedule, now)).mrkdwn,
    }),
  ];
  const [last] = await recentRuns(ctx.deps.db.db, sub.id, 1);
  if (last) lines.push(t(L, 'digest.cmd.lastSent', { period: last.periodKey, status: t(L, `digest.status.${last.status}`) }));
  if (sub.lastError && sub.lastErrorAt) {
    lines.push(t(L, 'digest.cmd.problem', { when: slackDate(L, sub.lastErrorAt).mrkdwn, error: escapeText(sub.lastError) }));
  } else if (last && (last.status === 'retry' || last.status === 'failed') && last.lastError) {
    lines.push(t(L, 'digest.cmd.problem', { when: slackDate(L, last.updatedAt).mrkdwn, error: escapeText(last.lastError) }));
  }
  await say(ctx, lines.join('\n'));
}

async function digestOff(ctx: SubcommandContext): Promise<void> {
  const removed = await deleteSubscriptionForChannel(ctx.deps.db.db, ctx.command.channel_id);
  await say(ctx, t(ctx.locale, removed ? 'digest.cmd.off' : 'digest.cmd.offNone'));
}

/** The digest this channel would get for the last completed period, shown only to the caller. */
async function previewDigest(ctx: SubcommandContext): Promise<void> {
  const now = ctx.deps.now();
  const sub = await getSubscriptionForChannel(ctx.deps.db.db, ctx.command.channel_id);
  const target = sub ?? {
    channelId: ctx.command.channel_id,
    journeyKeys: [],
    timezone: ctx.timezone,
    locale: ctx.locale,
    weekday: 1,
    hour: 9,
    minute: 0,
  };
  const fire = previousFireTime({ weekday: target.weekday as IsoWeekday, hour: target.hour, minute: target.minute, timezone: target.timezone }, now);
  const period = digestPeriodFor(fire, target.timezone);
  const message = await renderDigest(
    { config: ctx.deps.config, logger: ctx.deps.logger, db: ctx.deps.db.db, web: ctx.client, charts: ctx.deps.charts },
    { ...target, locale: ctx.locale },
    period,
    { preview: true },
  );
  await ctx.respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
}

function dayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? '?';
}

function hhmm(h: number, m: number): string {
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function journeysText(L: Locale, keys: string[]): string {
  return keys.length === 0 ? t(L, 'digest.cmd.allJourneys') : keys.map((k) => `\`${k}\``).join(', ');
}

/** User input echoed back: short, escaped, no backticks. */
function quote(s: string): string {
  return escapeText(s.slice(0, 40).replace(/`/g, "'"));
}
