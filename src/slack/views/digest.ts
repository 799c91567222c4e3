import type { Button, ImageBlock, KnownBlock } from '@slack/types';
import type { DigestContent } from '../../domain/digestContent.js';
import { addDays } from '../../domain/localTime.js';
import { countText, formatClock, formatNumber, formatPercent, formatSigned, formatWeekday, t, type Locale } from '../../i18n/index.js';
import { actions, context, divider, escapeText, finalizeMessage, header, section, truncate, type Message } from '../kit/blocks.js';
import { Actions, BlockId } from '../ids.js';
import { changeArrow, changeText, dayText, npsValue } from './format.js';
import { digestLeadBlocks } from './fixFirst.js';
import { targetBlocks } from './targets.js';
import { risingThemeBlocks } from './digestThemes.js';
import type { PlacedThemeFinding } from '../../services/themes.js';
import type { TargetProgress } from '../../domain/targets.js';
import type { FixFirstProblem } from '../../domain/fixFirst.js';

export interface DigestMessageOptions {
  locale: Locale;
  /** Covered local days: startDay inclusive, endDay exclusive. */
  period: { startDay: string; endDay: string };
  channelId: string;
  schedule: { weekday: number; hour: number; minute: number; timezone: string };
  /** Journey ids by key, for the buttons. */
  journeyIds: Map<string, number>;
  chart: ImageBlock | null;
  preview?: boolean;
  /** The week's problems, largest first (fix first): the digest leads with the top one. */
  problems?: readonly FixFirstProblem[];
  /** Targets with their progress over the week. */
  targets?: readonly TargetProgress[];
  /** Complaint themes new or rising this week, with where. */
  risingThemes?: readonly PlacedThemeFinding[];
}

const MAX_JOURNEY_LINES = 15;
const MAX_JOURNEY_BUTTONS = 4;
const COMMENT_CHARS = 280;

const answersText = (L: Locale, n: number) => countText(L, n, 'journey.count.answersOne', 'journey.count.answersOther');

/** The weekly digest as Block Kit, inside Slack's limits whatever the data (finalizeMessage guards the rest). */
export function buildDigestMessage(d: DigestContent, o: DigestMessageOptions): Message {
  const L = o.locale;
  const from = dayText(L, o.period.startDay);
  const to = dayText(L, addDays(o.period.endDay, -1));
  const blocks: KnownBlock[] = [];
  if (o.preview) blocks.push(context([t(L, 'digest.preview', { from, to })]));
  blocks.push(header(t(L, 'digest.title', { from, to })));
  if (o.problems) blocks.push(...digestLeadBlocks(L, o.problems));
  blocks.push(...targetBlocks(L, o.targets));
  blocks.push(...risingThemeBlocks(L, o.risingThemes));

  const overallChange = changeText(L, d.overall.change) || t(L, 'alert.none');
  blocks.push(
    section(
      t(L, 'digest.overall', { nps: npsValue(L, d.overall.current.score), change: overallChange, answers: answersText(L, d.overall.current.n) }) +
        (d.overall.current.tooSmall ? t(L, 'digest.tooSmall') : ''),
    ),
  );

  if (d.journeys.length > 1) {
    const lines = d.journeys.slice(0, MAX_JOURNEY_LINES).map((j) =>
      t(L, 'digest.journeyLine', {
        name: escapeText(j.name),
        nps: npsValue(L, j.nps.current.score),
        change: changeText(L, j.nps.change) || t(L, 'alert.none'),
        answers: answersText(L, j.nps.current.n),
      }),
    );
    if (d.journeys.length > MAX_JOURNEY_LINES) lines.push(`… +${d.journeys.length - MAX_JOURNEY_LINES}`);
    blocks.push(section(`${t(L, 'digest.journeysTitle')}\n${lines.join('\n')}`));
  }

  const movers = d.movers.map((m) =>
    t(L, 'digest.mover', {
      arrow: changeArrow(m.nps.change.delta),
      journey: escapeText(m.journeyName),
      touchpoint: escapeText(m.touchpointName),
      previous: npsValue(L, m.nps.previous.score),
      current: npsValue(L, m.nps.current.score),
      change: changeText(L, m.nps.change),
    }),
  );
  blocks.push(section(`${t(L, 'digest.moversTitle')}\n${movers.length > 0 ? movers.join('\n') : t(L, 'digest.moversNone')}`));

  const drop = d.largestDropOff;
  blocks.push(
    section(
      drop
        ? t(L, 'digest.dropOff', {
            journey: escapeText(drop.journeyName),
            from: escapeText(drop.fromStep),
            to: escapeText(drop.toStep),
            value: formatPercent(L, drop.dropOff),
            change: drop.changePoints === null ? '' : t(L, 'digest.dropOffChange', { change: formatSigned(L, drop.changePoints) }),
          })
        : t(L, 'digest.dropOffNone'),
    ),
  );

  const comments = d.comments.examples.map((c) =>
    t(L, 'digest.comment', {
      // One line per quote: newlines would end the blockquote and let a comment fake our layout.
      text: escapeText(truncate(c.comment.replace(/\s+/g, ' ').trim(), COMMENT_CHARS)),
      touchpoint: escapeText(c.touchpointName),
      score: c.score,
    }),
  );
  blocks.push(section([t(L, 'digest.comments', { count: formatNumber(L, d.comments.total) }), ...comments].join('\n')));
  blocks.push(section(t(L, 'digest.actions', { completed: formatNumber(L, d.actions.completed), overdue: formatNumber(L, d.actions.overdue) })));
  if (o.chart) blocks.push(o.chart);

  const buttons: Button[] = [];
  for (const j of d.journeys.slice(0, MAX_JOURNEY_BUTTONS)) {
    const id = o.journeyIds.get(j.key);
    if (id === undefined) continue;
    buttons.push(Actions.digestOpenJourney.button(String(id), { text: t(L, 'digest.open', { journey: j.name }), value: { j: id } }));
  }
  buttons.push(Actions.digestLogAction.button({ text: t(L, 'digest.logAction'), value: {}, style: 'primary' }));
  blocks.push(actions(buttons, BlockId.digestActions));
  blocks.push(divider());
  blocks.push(
    context([
      t(L, 'digest.footer', {
        channel: o.channelId,
        weekday: formatWeekday(L, o.schedule.weekday),
        time: formatClock(L, o.schedule.hour, o.schedule.minute),
        timezone: o.schedule.timezone,
      }),
    ]),
  );
  const text = t(L, 'digest.fallback', { from, to, nps: npsValue(L, d.overall.current.score), change: changeText(L, d.overall.change) || t(L, 'alert.none') });
  return finalizeMessage({ text, blocks }, { truncatedNote: t(L, 'platform.truncated.blocks') });
}
