import { z } from 'zod';
import { digestPeriodFor, isValidTimezone, nextFireTime, parseClock, previousFireTime, weekdayFromName, type IsoWeekday } from '../../../domain/schedule.js';
import { formatClock, formatWeekday, t, type Locale } from '../../../i18n/index.js';
import { botCanPost } from '../../channelAccess.js';
import type { SubcommandArgs } from '../../context.js';
import { escapeText } from '../../kit/blocks.js';
import { digestMessage } from '../../notificationMessages.js';
import { slackDate } from '../../views/slackDate.js';
import { commandWords } from './tokenize.js';

/** The subscription a `digest weekly …` command asks for, checked once more at the boundary. */
const subscribeSchema = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59),
  timezone: z.string().refine(isValidTimezone, 'unknown timezone'),
  journeyKeys: z.array(z.string().min(1)).max(20),
});

const MAX_JOURNEYS = 20;

async function say(ctx: SubcommandArgs, text: string): Promise<void> {
  await ctx.respond({ response_type: 'ephemeral', text });
}

/** `/journey digest [weekly <day> <HH:MM> [timezone] [journey…] | off | preview]`. */
export async function digestSubcommand(ctx: SubcommandArgs): Promise<void> {
  const L = ctx.locale;
  const tokens = commandWords(ctx.args);
  if (tokens === 'unbalanced') return say(ctx, t(L, 'journey.error.unbalancedQuote', { input: quote(ctx.args) }));
  const [first, ...rest] = tokens;
  const sub = first?.toLowerCase();
  if (sub === undefined) return showDigest(ctx);
  if (sub === 'preview') return previewDigest(ctx);
  if (sub === 'off' || sub === 'weekly') {
    if (!(await ctx.slack.users.canManage(ctx.command.user_id, ctx.slack.now().getTime()))) return say(ctx, t(L, 'automation.notAllowed'));
    return sub === 'off' ? digestOff(ctx) : subscribe(ctx, rest);
  }
  return say(ctx, t(L, 'digest.cmd.usage'));
}

async function subscribe(ctx: SubcommandArgs, args: string[]): Promise<void> {
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
  } else if (maybeTz && maybeTz.includes('/') && !(await ctx.slack.services.lookup.findJourney(maybeTz)).found) {
    return say(ctx, t(L, 'digest.cmd.badTimezone', { input: quote(maybeTz) }));
  }
  const journeyKeys: string[] = [];
  for (const token of journeyTokens.slice(0, MAX_JOURNEYS)) {
    const found = await ctx.slack.services.lookup.findJourney(token);
    if (!found.found) {
      const names = found.reason === 'not_found' ? found.suggestions.map((j) => `\`${j.key}\``).join(', ') : '';
      return say(ctx, t(L, 'digest.cmd.unknownJourney', { input: quote(token), suggestions: names ? t(L, 'digest.cmd.didYouMean', { names }) : '' }));
    }
    if (!journeyKeys.includes(found.value.key)) journeyKeys.push(found.value.key);
  }
  const parsed = subscribeSchema.safeParse({ weekday, hour: clock.hour, minute: clock.minute, timezone, journeyKeys });
  if (!parsed.success) return say(ctx, t(L, 'digest.cmd.usage'));

  const channel = ctx.command.channel_id;
  if (!(await botCanPost(ctx.client, channel, ctx.slack.logger))) return say(ctx, t(L, 'digest.cmd.notInChannel'));

  // One digest per channel: subscribing again replaces the schedule, so say what it replaced.
  const previous = (await ctx.slack.services.digests.status(channel))?.subscription;
  const now = ctx.slack.now();
  const row = await ctx.slack.services.digests.subscribe(
    { teamId: ctx.command.team_id, channelId: channel, ...parsed.data, weekday: parsed.data.weekday as IsoWeekday, locale: L, createdBy: ctx.command.user_id },
    now,
  );
  const next = nextFireTime({ weekday: row.weekday as IsoWeekday, hour: row.hour, minute: row.minute, timezone: row.timezone }, now);
  const lines = [
    t(L, 'digest.cmd.subscribed', {
      channel,
      weekday: formatWeekday(L, row.weekday),
      time: formatClock(L, row.hour, row.minute),
      timezone: row.timezone,
      journeys: journeysText(L, row.journeyKeys),
      next: slackDate(L, next).mrkdwn,
    }),
  ];
  if (previous) {
    lines.push(
      t(L, 'digest.cmd.replaced', {
        weekday: formatWeekday(L, previous.weekday),
        time: formatClock(L, previous.hour, previous.minute),
        timezone: previous.timezone,
        journeys: journeysText(L, previous.journeyKeys),
      }),
    );
  }
  await say(ctx, lines.join('\n'));
}

async function showDigest(ctx: SubcommandArgs): Promise<void> {
  const L = ctx.locale;
  const status = await ctx.slack.services.digests.status(ctx.command.channel_id);
  if (!status) return say(ctx, t(L, 'digest.cmd.none'));
  const sub = status.subscription;
  const last = status.lastRun;
  const schedule = { weekday: sub.weekday as IsoWeekday, hour: sub.hour, minute: sub.minute, timezone: sub.timezone };
  const now = ctx.slack.now();
  const lines = [
    t(L, 'digest.cmd.show', {
      weekday: formatWeekday(L, sub.weekday),
      time: formatClock(L, sub.hour, sub.minute),
      timezone: sub.timezone,
      journeys: journeysText(L, sub.journeyKeys),
      user: sub.createdBy,
      next: slackDate(L, nextFireTime(schedule, now)).mrkdwn,
    }),
  ];
  if (last) lines.push(t(L, 'digest.cmd.lastSent', { period: last.periodKey, status: t(L, `digest.status.${last.status}`) }));
  if (sub.lastError && sub.lastErrorAt) {
    lines.push(t(L, 'digest.cmd.problem', { when: slackDate(L, sub.lastErrorAt).mrkdwn, error: escapeText(sub.lastError) }));
  } else if (last && (last.status === 'retry' || last.status === 'failed') && last.lastError) {
    lines.push(t(L, 'digest.cmd.problem', { when: slackDate(L, last.updatedAt).mrkdwn, error: escapeText(last.lastError) }));
  }
  await say(ctx, lines.join('\n'));
}

async function digestOff(ctx: SubcommandArgs): Promise<void> {
  const removed = await ctx.slack.services.digests.unsubscribe(ctx.command.channel_id);
  await say(ctx, t(ctx.locale, removed ? 'digest.cmd.off' : 'digest.cmd.offNone'));
}

/** The digest this channel would get for the last completed period, shown only to the caller. */
async function previewDigest(ctx: SubcommandArgs): Promise<void> {
  const now = ctx.slack.now();
  const sub = (await ctx.slack.services.digests.status(ctx.command.channel_id))?.subscription;
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
  const data = await ctx.slack.services.digests.content({ journeyKeys: target.journeyKeys, timezone: target.timezone }, period);
  const message = await digestMessage(
    { config: ctx.slack.config, logger: ctx.slack.logger, web: ctx.client, charts: ctx.slack.charts },
    { target, period, data },
    { preview: true, locale: ctx.locale },
  );
  await ctx.respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
}

function journeysText(L: Locale, keys: string[]): string {
  return keys.length === 0 ? t(L, 'digest.cmd.allJourneys') : keys.map((k) => `\`${k}\``).join(', ');
}

/** User input echoed back: short, escaped, no backticks. */
function quote(s: string): string {
  return escapeText(s.slice(0, 40).replace(/`/g, "'"));
}
