import { parsePeriod } from '../../../domain/periods.js';
import { t } from '../../../i18n/index.js';
import type { SubcommandArgs } from '../../context.js';
import { respondEphemeral } from '../../interactions.js';
import type { Message } from '../../kit/blocks.js';
import { windowFor } from '../../viewMessages.js';
import { viewerFor } from '../../viewer.js';
import { buildDriversMessage } from '../../views/drivers.js';
import { noticeMessage } from '../../views/notice.js';
import { resolveJourney } from './resolve.js';
import { commandWords } from './tokenize.js';

/** The drivers period when none is given: 90 days, so enough customers have answered several surveys. */
export const DRIVERS_DEFAULT_PERIOD = '90d';

/** `/journey drivers <journey> [period]`: key drivers of the journey's outcome. */
export async function driversSubcommand(ctx: SubcommandArgs): Promise<void> {
  const L = ctx.locale;
  const reply = (message: Message) => respondEphemeral(ctx.respond, message, L);
  const words = commandWords(ctx.args);
  if (words === 'unbalanced') return reply(noticeMessage(t(L, 'journey.error.unbalancedQuote', { input: ctx.args.slice(0, 80).replace(/`/g, "'") })));
  if (words.length === 0) return reply(noticeMessage(t(L, 'drivers.usage')));

  const { lookup } = ctx.slack.services;
  // A last word that reads as a period is the period, unless the whole text names a journey ("last 7d").
  let journeyText = words.join(' ');
  let period = DRIVERS_DEFAULT_PERIOD;
  const last = words[words.length - 1] ?? '';
  if (words.length > 1 && parsePeriod(last).ok && !(await lookup.findJourney(journeyText)).found) {
    journeyText = words.slice(0, -1).join(' ');
    period = last;
  }
  const journey = await resolveJourney(lookup, L, journeyText);
  if (!journey.ok) return reply(noticeMessage(journey.text));

  const viewer = await viewerFor(ctx.slack, ctx.command.user_id, ctx.command.team_id);
  const w = windowFor(period, { ...viewer, locale: L, timezone: ctx.timezone });
  if (!w.ok) return reply(w.message);
  const drivers = await ctx.slack.services.drivers.forJourney(journey.value.id, w.window);
  if (!drivers) return reply(noticeMessage(t(L, 'journey.error.stale')));
  return reply(buildDriversMessage(drivers, L));
}
