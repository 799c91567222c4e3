import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compared } from '../../../src/domain/compare.js';
import { computeFunnel } from '../../../src/domain/funnel.js';
import { parsePeriod, resolvePeriod } from '../../../src/domain/periods.js';
import { summarizeCes, summarizeCsat, summarizeNps } from '../../../src/domain/scores.js';
import { pickAttention } from '../../../src/domain/attention.js';
import type { DigestContent } from '../../../src/domain/digestContent.js';
import type { ActionWithImpact, IncidentView, JourneyDetail, JourneyOverviewRow, TouchpointDetail, TouchpointRef, TouchpointScores } from '../../../src/domain/model.js';
import type { PeriodWindow, ScoreHistogram } from '../../../src/domain/types.js';
import { escapeText, finalizeMessage, header } from '../../../src/slack/kit/blocks.js';
import { buildActionsListMessage, loggedMessage } from '../../../src/slack/views/actionsList.js';
import { buildAlertMessage, buildThreadNote } from '../../../src/slack/views/alert.js';
import { buildDigestMessage } from '../../../src/slack/views/digest.js';
import { buildHelpMessage } from '../../../src/slack/views/help.js';
import { buildHomeView } from '../../../src/slack/views/home.js';
import { buildJourneyDetailMessage } from '../../../src/slack/views/journeyDetail.js';
import { buildJourneyListMessage } from '../../../src/slack/views/journeyList.js';
import { buildLogActionModal } from '../../../src/slack/views/logActionModal.js';
import { buildTouchpointDetailMessage } from '../../../src/slack/views/touchpointDetail.js';
import { seedJourney, addNps, repeat } from '../../helpers/automationData.js';
import { startTestBot, type TestBot } from '../../helpers/slackBot.js';

/**
 * Slack reads every mrkdwn text, the top-level `text` fallback included, for mentions (<!channel>,
 * <@U…>) and links (<url|label>). Names, descriptions, comments and customer refs come from
 * users and imports: each message is built with hostile ones and every mrkdwn text is checked.
 * Only the hostile strings are looked for, so our own <@owner> mentions and <!date^…> tokens pass.
 */
const HOSTILE = '<!channel> <https://evil.example|click> <@U123> &amp; *bold*';
const RAW = ['<!channel', '<https://evil', '<@U123>'];
/** `&amp;` typed by a user must arrive as `&amp;amp;`; a bare `&amp;` would show as "&". */
const RAW_ENTITY = /&amp;(?!amp;)/;

/** The top-level `text` and every mrkdwn object anywhere in the message or view. */
function mrkdwnTexts(message: object): string[] {
  const out: string[] = [];
  const top = (message as { text?: unknown }).text;
  if (typeof top === 'string') out.push(top);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      for (const [k, x] of Object.entries(o)) if (k !== 'text' || typeof x !== 'string') walk(x);
    }
  };
  walk((message as { blocks?: unknown }).blocks ?? (message as { view?: { blocks?: unknown } }).view?.blocks);
  return out;
}

function expectEscaped(message: object, opts: { shows?: boolean } = {}): void {
  const texts = mrkdwnTexts(message);
  if (opts.shows !== false) expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) {
    for (const raw of RAW) expect(text, `raw ${raw} in: ${text}`).not.toContain(raw);
    expect(text, `bare &amp; in: ${text}`).not.toMatch(RAW_ENTITY);
  }
  // The hostile text is shown (escaped), not dropped: otherwise the test would prove nothing.
  if (opts.shows !== false) expect(texts.join('\n')).toContain('&lt;!channel&gt;');
}

const NOW = new Date('2026-03-31T12:00:00Z');
const spec = parsePeriod('30d');
if (!spec.ok) throw new Error('30d');
const WINDOW: PeriodWindow = resolvePeriod(spec.spec, NOW, 'UTC');
const hist = (p: number, a: number, d: number): ScoreHistogram => [d, 0, 0, 0, 0, 0, 0, 0, a, 0, p];
const empty: ScoreHistogram = Array.from({ length: 11 }, () => 0);
const en = { locale: 'en' as const, timezone: 'UTC' };

const tpRef: TouchpointRef = { id: 1, key: 'tp', name: `TP ${HOSTILE}`, channel: null, position: 0, journeyId: 1, journeyKey: 'j', journeyName: `J ${HOSTILE}` };
const tpScores: TouchpointScores = {
  touchpoint: tpRef,
  nps: compared(summarizeNps(hist(10, 10, 30)), summarizeNps(hist(30, 10, 5))),
  csat: compared(summarizeCsat(empty), summarizeCsat(empty)),
  ces: compared(summarizeCes(empty), summarizeCes(empty)),
};
const action: ActionWithImpact = {
  id: 7,
  touchpoint: tpRef,
  description: `Do ${HOSTILE}`,
  ownerUserId: 'U0OWNER',
  dueDate: '2026-03-01',
  status: 'open',
  createdByUserId: 'U0ME',
  teamId: 'T1',
  incidentId: null,
  baseline: { score: -20, responses: 40 },
  createdAt: NOW,
  updatedAt: NOW,
  completedAt: null,
  since: { n: 4, promoters: 3, detractors: 1, score: 50 },
  delta: 70,
};
const journeyRow: JourneyOverviewRow = {
  journey: { id: 1, key: 'j', name: `J ${HOSTILE}`, description: HOSTILE, touchpointCount: 1 },
  nps: compared(summarizeNps(hist(30, 10, 10)), summarizeNps(hist(20, 10, 20))),
  endToEndConversion: { current: 0.2, previous: 0.3 },
  responses: 50,
};
const steps = [
  { touchpointId: 1, key: 'a', name: `Step ${HOSTILE}`, reached: 1000 },
  { touchpointId: 2, key: 'b', name: `Next ${HOSTILE}`, reached: 300 },
];
const journeyDetail: JourneyDetail = {
  journey: journeyRow.journey,
  window: WINDOW,
  overall: journeyRow.nps,
  touchpoints: [tpScores],
  funnel: { current: computeFunnel(steps), previous: computeFunnel(steps) },
};
const touchpointDetail: TouchpointDetail = {
  ...tpScores,
  window: WINDOW,
  weeklyTrend: [{ weekStart: '2026-03-16', nps: summarizeNps(hist(3, 1, 2)) }],
  distribution: hist(10, 10, 30),
  detractorComments: [{ id: 1, score: 2, comment: `Bad ${HOSTILE}`, customerRef: `cust ${HOSTILE}`, respondedAt: NOW }],
  reached: { current: 10, previous: 20 },
};
const incident = (over: Partial<IncidentView> = {}): IncidentView => ({
  id: 3,
  status: 'open',
  ruleId: 2,
  kind: 'dropoff_above',
  threshold: 40,
  windowDays: 7,
  minSample: 30,
  locale: 'en',
  timezone: 'UTC',
  channelId: 'C1',
  messageTs: null,
  openedValue: 60,
  lastValue: 70,
  lastSample: 100,
  lastPrevious: 50,
  worsenCount: 1,
  openedAt: NOW,
  lastEvaluatedAt: NOW,
  acknowledgedBy: null,
  acknowledgedAt: null,
  snoozedBy: null,
  snoozedUntil: null,
  resolvedAt: null,
  touchpointId: 1,
  touchpointKey: 'tp',
  touchpointName: `TP ${HOSTILE}`,
  previousStepName: `Prev ${HOSTILE}`,
  journeyId: 1,
  journeyKey: 'j',
  journeyName: `J ${HOSTILE}`,
  ...over,
});
const digest: DigestContent = {
  overall: journeyRow.nps,
  journeys: [
    { key: 'j', name: `J ${HOSTILE}`, nps: journeyRow.nps },
    { key: 'k', name: `K ${HOSTILE}`, nps: journeyRow.nps },
  ],
  movers: [{ journeyKey: 'j', journeyName: `J ${HOSTILE}`, touchpointKey: 'tp', touchpointName: `TP ${HOSTILE}`, nps: tpScores.nps }],
  largestDropOff: { journeyKey: 'j', journeyName: `J ${HOSTILE}`, fromStep: `A ${HOSTILE}`, toStep: `B ${HOSTILE}`, dropOff: 0.7, previous: 0.5, changePoints: 20 },
  trend: [],
  comments: { total: 1, examples: [{ journeyName: `J ${HOSTILE}`, touchpointName: `TP ${HOSTILE}`, score: 1, comment: `Awful ${HOSTILE}` }] },
  actions: { completed: 1, overdue: 0 },
};

describe('user text is escaped in every mrkdwn text of every view', () => {
  it('journey list', () => {
    expectEscaped(buildJourneyListMessage([journeyRow], WINDOW, en));
    expectEscaped(buildJourneyListMessage([journeyRow], WINDOW, { ...en, sharedBy: 'U0SHARER' }));
  });

  it('journey detail (funnel steps, touchpoints, open actions)', () => {
    expectEscaped(buildJourneyDetailMessage(journeyDetail, en, { openActions: [action], today: '2026-03-31' }));
  });

  it('touchpoint detail (comments, customer refs, actions)', () => {
    const m = buildTouchpointDetailMessage(touchpointDetail, en, { actions: [action], today: '2026-03-31' });
    expectEscaped(m);
    const texts = mrkdwnTexts(m).join('\n');
    expect(texts).toContain('Bad &lt;!channel&gt;');
    expect(texts).toContain('cust &lt;!channel&gt;');
  });

  it('actions list, with a notice, and the logged-action confirmation', () => {
    expectEscaped(buildActionsListMessage({ title: `Actions for ${HOSTILE}`, actions: [action], today: '2026-03-31' }, en));
    expectEscaped(loggedMessage('en', action));
    expectEscaped(loggedMessage('ja', action));
  });

  it('App Home (journeys, attention, my actions)', () => {
    const view = buildHomeView({ window: WINDOW, journeys: [journeyRow], attention: pickAttention([tpScores]), myActions: [action], now: NOW, today: '2026-03-31' }, en);
    expectEscaped(view);
  });

  it('digest (journey lines, movers, drop-off, comments)', () => {
    const m = buildDigestMessage(digest, {
      locale: 'en',
      period: { startDay: '2026-03-23', endDay: '2026-03-30' },
      channelId: 'C1',
      schedule: { weekday: 1, hour: 9, minute: 0, timezone: 'UTC' },
      journeyIds: new Map([['j', 1]]),
      chart: null,
    });
    expectEscaped(m);
  });

  it('digest: rising complaint themes, with where, in both languages', () => {
    const rising = { label: HOSTILE, language: 'ja' as const, mentions: 34, impact: 6, trend: 'new' as const, significant: true, quotes: [], touchpointId: 1, touchpointName: HOSTILE };
    for (const locale of ['en', 'ja'] as const) {
      const m = buildDigestMessage(digest, {
        locale,
        period: { startDay: '2026-03-23', endDay: '2026-03-30' },
        channelId: 'C1',
        schedule: { weekday: 1, hour: 9, minute: 0, timezone: 'UTC' },
        journeyIds: new Map([['j', 1]]),
        chart: null,
        risingThemes: [rising, { ...rising, label: '箱が潰れる', touchpointName: '配送', trend: 'rising' }],
      });
      expectEscaped(m);
      const text = JSON.stringify(m.blocks);
      expect(text).toContain(locale === 'en' ? 'rising at 配送' : '配送で増加');
      expect(text).toContain(locale === 'en' ? 'new this week at &lt;!channel' : '今週新たに');
      expect(text).toContain('箱が潰れる ×34');
    }
  });

  it('alert: the open message, its fallback text, and both thread notes', () => {
    for (const kind of ['dropoff_above', 'nps_below', 'nps_drop'] as const) {
      for (const locale of ['en', 'ja'] as const) {
        const m = buildAlertMessage(incident({ kind, locale }), { locale, now: NOW, chart: null });
        expectEscaped(m);
        // The header is plain_text: names as typed there, never escaped twice.
        expect(m.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
        expect((m.blocks[0] as { text: { text: string } }).text.text).toContain('J <!channel>');
      }
    }
    // What the fall is about: segment names and comment themes are customer and team text too.
    const insight = {
      segment: { attribute: HOSTILE, value: HOSTILE, change: -38.4, n: 92, othersChange: 0.7, share: 0.8 },
      themes: [{ label: HOSTILE, language: 'en' as const, mentions: 14, impact: 5.5, trend: 'rising' as const, significant: true, quotes: [HOSTILE] }],
    };
    for (const locale of ['en', 'ja'] as const) {
      const explained = buildAlertMessage(incident({ kind: 'nps_drop', locale }), { locale, now: NOW, chart: null, insight });
      expectEscaped(explained);
      expect(JSON.stringify(explained.blocks)).toContain(locale === 'en' ? 'everyone else +0.7' : 'それ以外は+0.7');
    }
    const acked = buildAlertMessage(incident({ acknowledgedBy: 'U0ACK', acknowledgedAt: NOW }), { locale: 'en', now: NOW, chart: null });
    expectEscaped(acked);
    // Notes carry no names; nothing user-typed may slip in either.
    expectEscaped(buildThreadNote(incident(), 'worsen', 'en'), { shows: false });
    expectEscaped(buildThreadNote(incident({ status: 'resolved', resolvedAt: NOW }), 'resolve', 'en'), { shows: false });
  });

  it('the log-action modal and help (an unknown topic is echoed)', () => {
    // Its texts are plain_text (options, labels) bar the hint under an external select; walk what there is.
    expectEscaped(buildLogActionModal({ locale: 'en', touchpoints: [tpRef], prefill: { touchpointId: 1, description: HOSTILE } }), { shows: false });
    expectEscaped(buildHelpMessage('en', [], HOSTILE));
  });

  it('a message without its own fallback does not copy a plain_text header into `text` raw', () => {
    const m = finalizeMessage({ blocks: [header(`J ${HOSTILE}`)] });
    expectEscaped(m);
  });
});

describe('replies from the listeners escape the names they echo', () => {
  let bot: TestBot;
  const ADMIN = 'U0ADMIN';

  beforeAll(async () => {
    bot = await startTestBot({ configOverrides: { CHART_MODE: 'off' } });
    bot.fake.setUser(ADMIN, { is_admin: true, tz: 'UTC' });
    const { touchpointIds } = await seedJourney(bot.db.db, 'evil', `J ${HOSTILE}`, [
      { key: 'tp', name: `TP ${HOSTILE}` },
      { key: 'tq', name: `TQ ${HOSTILE}` },
    ]);
    const [tp] = touchpointIds as [number];
    await addNps(bot.db.db, tp, new Date(Date.now() - 3 * 86_400_000), [...repeat(2, 5), 9], `Comment ${HOSTILE}`);
  });
  afterAll(async () => {
    await bot.close();
  });

  const reply = async (text: string, userId?: string) => {
    const res = await bot.command(text, userId ? { userId } : {});
    return (await res.waitForResponse()).body;
  };

  it('alert created and the alerts list', async () => {
    const created = await reply('alert nps-below evil/tp 0', ADMIN);
    expect(created.text).toContain('Alert rule *#1*');
    expectEscaped(created);
    const journeyRule = await reply('alert nps-drop evil 10', ADMIN);
    expectEscaped(journeyRule);
    const list = await reply('alerts');
    expectEscaped(list);
  });

  it('logged action, views and "did you mean" notices', async () => {
    // Slack escapes &, < and > in command text; the bot unescapes it before storing.
    expectEscaped(await reply(`log evil/tp Fix ${escapeText(HOSTILE)}`));
    expectEscaped(await reply('list'));
    expectEscaped(await reply('evil'));
    expectEscaped(await reply('touchpoint evil/tp'));
    expectEscaped(await reply('actions'));
    // Near misses suggest the real journey and touchpoint, with their names.
    expectEscaped(await reply('evi'));
    expectEscaped(await reply('touchpoint evil/t'));
    expectEscaped(await reply('touchpoint t'));
  });
});
