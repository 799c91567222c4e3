import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { compared } from '../../../src/domain/compare.js';
import { computeFunnel } from '../../../src/domain/funnel.js';
import { parsePeriod, resolvePeriod } from '../../../src/domain/periods.js';
import { summarizeCes, summarizeCsat, summarizeNps } from '../../../src/domain/scores.js';
import type { PeriodWindow, ScoreHistogram } from '../../../src/domain/types.js';
import { pickAttention } from '../../../src/domain/attention.js';
import type { ActionWithImpact, JourneyDetail, JourneyOverviewRow, TouchpointDetail, TouchpointRef, TouchpointScores } from '../../../src/domain/model.js';
import { validateBlocks, validateMessage } from '../../helpers/blockLimits.js';
import { buildActionsListMessage, loggedMessage } from '../../../src/slack/views/actionsList.js';
import { buildHelpMessage } from '../../../src/slack/views/help.js';
import { buildHomeView } from '../../../src/slack/views/home.js';
import { buildJourneyDetailMessage } from '../../../src/slack/views/journeyDetail.js';
import { buildJourneyListMessage } from '../../../src/slack/views/journeyList.js';
import { buildTouchpointDetailMessage } from '../../../src/slack/views/touchpointDetail.js';
import { buildLogActionModal, MAX_PICKER_OPTIONS, parseLogActionForm, touchpointOptionGroups } from '../../../src/slack/views/logActionModal.js';
import { ActionId, BlockId } from '../../../src/slack/ids.js';
import { allText } from '../features/helpers.js';

const NOW = new Date('2026-03-31T12:00:00Z');
const spec = parsePeriod('30d');
if (!spec.ok) throw new Error('30d');
const WINDOW: PeriodWindow = resolvePeriod(spec.spec, NOW, 'UTC');

/** A histogram with p promoters (10), a passives (8) and d detractors (0). */
const hist = (p: number, a: number, d: number): ScoreHistogram => [d, 0, 0, 0, 0, 0, 0, 0, a, 0, p];
const en = { locale: 'en' as const, timezone: 'UTC' };
const ja = { locale: 'ja' as const, timezone: 'Asia/Tokyo' };
const LONG_NAME = 'とても長いタッチポイントの名前'.repeat(14); // 196 characters, near the 200 ingestion limit

function tpRef(i: number, name = `Touchpoint ${i} ${LONG_NAME}`): TouchpointRef {
  return { id: i, key: `tp-${i}`, name, channel: null, position: i - 1, journeyId: 1, journeyKey: 'big', journeyName: '大きなジャーニー & <co>' };
}

function scores(ref: TouchpointRef, cur: ScoreHistogram, prev: ScoreHistogram): TouchpointScores {
  const empty: ScoreHistogram = Array.from({ length: 11 }, () => 0);
  return {
    touchpoint: ref,
    nps: compared(summarizeNps(cur), summarizeNps(prev)),
    csat: compared(summarizeCsat(empty), summarizeCsat(empty)),
    ces: compared(summarizeCes(empty), summarizeCes(empty)),
  };
}

function bigJourney(n: number): JourneyDetail {
  const tps = Array.from({ length: n }, (_, k) => scores(tpRef(k + 1), hist(20 + k, 10, 10), hist(30, 10, 5)));
  const steps = tps.map((tp, k) => ({ touchpointId: tp.touchpoint.id, key: tp.touchpoint.key, name: tp.touchpoint.name, reached: 10_000 - k * 300 }));
  return {
    journey: { id: 1, key: 'big', name: '大きなジャーニー & <co>', description: null, touchpointCount: n },
    window: WINDOW,
    overall: compared(summarizeNps(hist(500, 100, 200)), summarizeNps(hist(400, 100, 200))),
    touchpoints: tps,
    funnel: { current: computeFunnel(steps), previous: computeFunnel(steps) },
  };
}

function action(i: number, over: Partial<ActionWithImpact> = {}): ActionWithImpact {
  return {
    id: i,
    touchpoint: tpRef(1, '決済'),
    description: `Fix <b>${i}</b> & more `.repeat(60),
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
    ...over,
  };
}

const valid = (m: { text: string; blocks: KnownBlock[] }) => expect(validateMessage(m)).toEqual([]);

describe('journey detail', () => {
  it('stays within Block Kit limits with 25 touchpoints of 200-character names and 30 actions', () => {
    const m = buildJourneyDetailMessage(bigJourney(25), en, { openActions: Array.from({ length: 30 }, (_, i) => action(i + 1)), today: '2026-03-31' });
    valid(m);
    const text = allText(m as unknown as Record<string, unknown>);
    // The header is plain text (shown as typed); the 25th touchpoint is still shown.
    expect(m.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: '大きなジャーニー & <co>' } });
    expect(text).toContain('`tp-25`');
    expect(text).toContain('…and 25 more: `/journey actions big`');
    // 300 fewer at every step is a growing share: the last step has the largest drop-off (2,800 of 3,100 = 9.7%).
    expect(text).toMatch(/25\. Touchpoint 25 [^\n]*…: \*2,800\* reached · 90\.3% converted · 9\.7% dropped off  :warning: largest drop-off/);
    expect(text.match(/largest drop-off/g)?.length).toBe(1);
  });

  it('leaves out every button for channel posts (digests) and says who shared a shared view', () => {
    const forChannel = buildJourneyDetailMessage(bigJourney(3), { ...en, forChannel: true });
    expect(forChannel.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(allText(forChannel as unknown as Record<string, unknown>)).not.toContain('Shared by');
    const shared = buildJourneyDetailMessage(bigJourney(3), { ...en, sharedBy: 'U0SHARER' });
    expect(shared.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(shared.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Shared by <@U0SHARER>' }] });
  });

  it('hand-checked figures and Japanese wording', () => {
    const ref = tpRef(1, '決済');
    const detail: JourneyDetail = {
      ...bigJourney(0),
      journey: { id: 1, key: 'online', name: 'オンライン購入', description: null, touchpointCount: 1 },
      touchpoints: [scores(ref, hist(12, 8, 20), hist(28, 8, 4))],
      overall: compared(summarizeNps(hist(12, 8, 20)), summarizeNps(hist(28, 8, 4))),
      funnel: {
        current: computeFunnel([{ touchpointId: 1, key: 'a', name: 'A', reached: 1000 }, { touchpointId: 2, key: 'b', name: 'B', reached: 250 }]),
        previous: computeFunnel([{ touchpointId: 1, key: 'a', name: 'A', reached: 1000 }, { touchpointId: 2, key: 'b', name: 'B', reached: 500 }]),
      },
    };
    const m = buildJourneyDetailMessage(detail, ja);
    valid(m);
    const text = allText(m as unknown as Record<string, unknown>);
    // NPS (12 − 20)/40 = −20; previous (28 − 4)/40 = +60; SE ≈ 13.6 and 9.9 → |−80| > 1.96·16.8: significant.
    expect(text).toContain('*NPS* −20 [−47, +7] · n=40 ↓ −80 ⚑ 有意');
    expect(text).toContain('*全体コンバージョン* 25%（前期間 50%）');
    // B's drop-off rose from 50% (500 of 1,000) to 75% (250 of 1,000): shown beside it.
    expect(text).toContain('2. B: 到達 *250* · 遷移率 25% · 離脱率 75% ↑（前期間 50%）  :warning: 最大の離脱');
    expect(m.text).toBe('オンライン購入: NPS −20（↓ −80 ⚑ 有意）、コンバージョン 25%、直近30日間（2026年3月2日〜2026年3月31日）・本日分は集計途中');
  });

  it('shows CSAT or CES for touchpoints surveyed without NPS', () => {
    const empty: ScoreHistogram = Array.from({ length: 11 }, () => 0);
    // CSAT: 30 of 40 answered 4–5 → 75%; previously 20 of 40 → 50%: +25 points.
    const csatOnly: TouchpointScores = {
      ...scores(tpRef(1, 'Support'), empty, empty),
      csat: compared(summarizeCsat([0, 5, 0, 5, 30, 0, 0, 0, 0, 0, 0]), summarizeCsat([0, 10, 0, 10, 20, 0, 0, 0, 0, 0, 0])),
    };
    const nothing = scores(tpRef(2, 'Ads'), empty, empty);
    const m = buildJourneyDetailMessage({ ...bigJourney(0), touchpoints: [csatOnly, nothing] }, en);
    const text = allText(m as unknown as Record<string, unknown>);
    expect(text).toContain('• *Support* `tp-1`: CSAT 75% · n=40 ↑ +25 ⚑ significant');
    expect(text).toContain('• *Ads* `tp-2`: no answers in this period');
    // The section lists CSAT and CES too, so its title does not say NPS.
    expect(text).toContain('*Touchpoint scores*\n• *Support*');
  });

  it('shows how each step\'s drop-off moved since the previous period, and stays quiet when it did not', () => {
    const step = (id: number, reached: number) => ({ touchpointId: id, key: `s${id}`, name: `S${id}`, reached });
    const detail: JourneyDetail = {
      ...bigJourney(0),
      funnel: {
        // S1 → S2: 70% now, 69.9% before (under a point: not shown); S2 → S3: 75% now, 156 of 301 = 48.2% before;
        // S3 → S4: 4% now, 10.3% before.
        current: computeFunnel([step(1, 2000), step(2, 600), step(3, 150), step(4, 144)]),
        previous: computeFunnel([step(1, 1000), step(2, 301), step(3, 156), step(4, 140)]),
      },
    };
    const text = allText(buildJourneyDetailMessage(detail, en) as unknown as Record<string, unknown>);
    expect(text).toContain('2. S2: *600* reached · 30% converted · 70% dropped off\n');
    expect(text).toContain('3. S3: *150* reached · 25% converted · 75% dropped off ↑ (previous 48.2%)  :warning: largest drop-off');
    expect(text).toContain('4. S4: *144* reached · 96% converted · 4% dropped off ↓ (previous 10.3%)');
  });

  it('labels owner and due date of the open actions it lists', () => {
    const a = action(1, { description: 'Call the carrier', ownerUserId: null, dueDate: null });
    const detail = buildJourneyDetailMessage(bigJourney(1), ja, { openActions: [a], today: '2026-03-31' });
    expect(allText(detail as unknown as Record<string, unknown>)).toContain('• Call the carrier · 未着手 · 担当 なし · 期限 未設定 · 登録時の NPS');
    const enText = allText(buildJourneyDetailMessage(bigJourney(1), en, { openActions: [a], today: '2026-03-31' }) as unknown as Record<string, unknown>);
    expect(enText).toContain('• Call the carrier · open · owner unassigned · due not set · NPS when logged');
  });
});

describe('touchpoint detail', () => {
  it('escapes and shortens 10,000-character comments and stays within limits', () => {
    const ref = tpRef(1);
    const base = scores(ref, hist(12, 8, 20), hist(28, 8, 4));
    const detail: TouchpointDetail = {
      ...base,
      window: WINDOW,
      weeklyTrend: Array.from({ length: 12 }, (_, k) => ({ weekStart: `2026-01-${String(5 + k).padStart(2, '0')}`, nps: summarizeNps(hist(k, 2, 3)) })),
      distribution: hist(12, 8, 20),
      detractorComments: Array.from({ length: 5 }, (_, k) => ({
        id: k,
        score: k,
        comment: `<script>alert(${k})</script> & ${'とても不満です。'.repeat(1250)}`,
        customerRef: 'cust-<1>',
        respondedAt: new Date('2026-03-30T23:30:00Z'),
      })),
      reached: { current: 300, previous: 500 },
    };
    const m = buildTouchpointDetailMessage(detail, ja, { actions: Array.from({ length: 12 }, (_, i) => action(i + 1)), today: '2026-03-31' });
    valid(m);
    const text = allText(m as unknown as Record<string, unknown>);
    expect(text).not.toContain('<script>');
    expect(text).toContain('&lt;script&gt;alert(0)&lt;/script&gt; &amp; とても不満です。');
    // 23:30 UTC on Mar 30 is Mar 31 in Tokyo.
    expect(text).toContain('*スコア 0* · 2026年3月31日 · cust-&lt;1&gt;');
    expect(text).toContain('*スコア分布*  批判者 0–6: 20 · 中立者 7–8: 8 · 推奨者 9–10: 12');
    for (const b of m.blocks) if (b.type === 'section' && b.text?.text.includes('とても不満')) expect(b.text.text.length).toBeLessThan(600);
  });

  it('says a touchpoint without NPS answers has none, instead of a small sample and an empty distribution', () => {
    const empty: ScoreHistogram = Array.from({ length: 11 }, () => 0);
    const detail: TouchpointDetail = {
      ...scores(tpRef(1, 'カート'), empty, empty),
      ces: compared(summarizeCes([0, 0, 0, 0, 10, 20, 10, 0, 0, 0, 0]), summarizeCes([0, 0, 0, 0, 10, 20, 10, 0, 0, 0, 0])),
      window: WINDOW,
      weeklyTrend: [],
      distribution: empty,
      detractorComments: [],
      reached: { current: 300, previous: 500 },
    };
    const en_ = allText(buildTouchpointDetailMessage(detail, en) as unknown as Record<string, unknown>);
    expect(en_).toContain('*NPS*\nno answers in this period');
    expect(en_).not.toContain('small sample');
    expect(en_).not.toContain('Score distribution');
    const ja_ = allText(buildTouchpointDetailMessage(detail, ja) as unknown as Record<string, unknown>);
    expect(ja_).toContain('*NPS*\nこの期間の回答なし');
    expect(ja_).not.toContain('スコア分布');
  });
});

describe('journey list and actions', () => {
  it('lists 60 journeys within 50 blocks with a note that the list was cut', () => {
    const rows: JourneyOverviewRow[] = Array.from({ length: 60 }, (_, k) => ({
      journey: { id: k + 1, key: `j-${k}`, name: `ジャーニー ${k}`, description: null, touchpointCount: 3 },
      nps: compared(summarizeNps(hist(30, 10, 10)), summarizeNps(hist(20, 10, 20))),
      endToEndConversion: { current: 0.24, previous: 0.45 },
      responses: 12345,
    }));
    const m = buildJourneyListMessage(rows, WINDOW, en);
    valid(m);
    expect(m.blocks.length).toBe(50);
    const text = allText(m as unknown as Record<string, unknown>);
    // (30 − 10)/50 = +40 vs (20 − 20)/50 = 0; SE = 100·√((0.8 − 0.16)/50) = 11.3 → ±22.2 → [+18, +62].
    expect(text).toContain('*NPS* +40 [+18, +62] · n=50 ↑ +40 ⚑ significant\n*Conversion* 24% (previous 45%) · *Responses* 12,345');
    expect(text).toContain('shortened to fit');
  });

  it('marks overdue actions and shows the NPS when logged and since, with the right buttons', () => {
    const list = [
      action(1),
      action(2, { status: 'in_progress', dueDate: '2026-04-30', description: 'Later' }),
      action(3, { status: 'done', dueDate: '2026-03-01', description: 'Finished', delta: null, since: { n: 0, promoters: 0, detractors: 0, score: null } }),
      ...Array.from({ length: 40 }, (_, i) => action(10 + i)),
    ];
    const m = buildActionsListMessage({ title: 'Open actions', actions: list, today: '2026-03-31' }, en);
    valid(m);
    const text = allText(m as unknown as Record<string, unknown>);
    expect(text).toContain('due Mar 1, 2026 :alarm_clock: *overdue*\nNPS when logged −20 (n=40) → since +50 (n=4) (too few answers to judge yet: 4 since, 30 needed)');
    expect(text).toContain('*Later*\n決済 · 大きなジャーニー &amp; &lt;co&gt; · in progress · owner <@U0OWNER> · due Apr 30, 2026\n');
    // Done actions are never overdue.
    expect(text).toContain('*Finished*\n決済 · 大きなジャーニー &amp; &lt;co&gt; · done · owner <@U0OWNER> · due Mar 1, 2026\nNPS when logged −20 (n=40) → since — (n=0)');
    expect(text).toContain('…and 23 more.');
    const ids = m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : []));
    expect(ids.slice(0, 4)).toEqual([ActionId.actionStart, ActionId.actionComplete, ActionId.actionComplete, ActionId.actionReopen]);
  });

  it('after a status button: a confirmation under the header, an undo row for an action that left the list, and still ≤ 50 blocks', () => {
    const list = Array.from({ length: 40 }, (_, i) => action(10 + i));
    const ref = { v: 'actions' as const, f: 'open' as const };
    const notice = { text: 'Action “Gone” is now *done*.', action: { id: 999, status: 'done' as const } };
    const m = buildActionsListMessage({ title: 'Open actions', actions: list, today: '2026-03-31', list: ref, notice }, en);
    valid(m);
    expect(m.blocks[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Action “Gone” is now *done*.' }] });
    const undo = m.blocks[2];
    expect(undo?.type === 'actions' ? undo.elements.map((e) => ('value' in e ? e.value : '')) : []).toEqual([JSON.stringify({ a: 999, from: 'done', r: ref })]);
    expect(m.text.startsWith('Action “Gone” is now *done*.')).toBe(true);
    // An action still in the list gets no extra row: its own buttons are there.
    const kept = buildActionsListMessage({ title: 'Open actions', actions: list.slice(0, 3), today: '2026-03-31', list: ref, notice: { text: 'ok', action: { id: 10, status: 'open' } } }, en);
    expect(kept.blocks[2]?.type).toBe('section');
  });

  it('help lists every subcommand in both languages', () => {
    valid(buildHelpMessage('en'));
    const ja = allText(buildHelpMessage('ja', [{ name: 'digest', line: '`/journey digest` – ダイジェスト' }]) as unknown as Record<string, unknown>);
    expect(ja).toContain('`/journey log <ジャーニー>/<タッチポイント> <実施内容>`');
    expect(ja).toContain('`/journey digest` – ダイジェスト');
  });

  it('help with a topic shows only that subcommand; an unknown topic says so and shows everything', () => {
    const extensions = [
      { name: 'digest', line: '`/journey digest` – digests' },
      { name: 'alert', line: '`/journey alert` – alert rules' },
    ];
    const log = buildHelpMessage('en', extensions, 'log');
    valid(log);
    expect(log.text).toContain('`/journey log');
    expect(log.text).not.toContain('`/journey actions');
    expect(log.text).not.toContain('digests');
    const alerts = buildHelpMessage('en', extensions, 'alerts');
    expect(alerts.text).toContain('alert rules');
    expect(alerts.text).not.toContain('`/journey log');
    const unknown = allText(buildHelpMessage('ja', extensions, 'fly<me>') as unknown as Record<string, unknown>);
    expect(unknown).toContain('ヘルプ項目 `fly&lt;me&gt;` はありません');
    expect(unknown).toContain('`/journey actions');
  });
});

describe('log action reply', () => {
  it('formats the baseline sample size for the locale', () => {
    const a = action(7, { description: 'Call the carrier', baseline: { score: 16, responses: 1234 } });
    expect(loggedMessage('en', a).text).toContain('NPS over the last 30 days: +16 (n=1,234).');
    expect(loggedMessage('ja', a).text).toContain('直近30日間の NPS: +16（n=1,234）。');
  });
});

describe('App Home', () => {
  it('puts significant drops first, then low scores with enough answers, and stays within 100 blocks', () => {
    const drop = scores(tpRef(1, 'Drop'), hist(12, 8, 20), hist(28, 8, 4));
    const low = scores(tpRef(2, 'Low'), hist(5, 5, 30), hist(5, 5, 30));
    const tiny = scores(tpRef(3, 'Tiny'), hist(0, 0, 5), hist(5, 0, 0));
    const fine = scores(tpRef(4, 'Fine'), hist(30, 5, 5), hist(30, 5, 5));
    expect(pickAttention([fine, tiny, low, drop]).map((a) => [a.touchpoint.touchpoint.name, a.reason])).toEqual([
      ['Drop', 'drop'],
      ['Low', 'low'],
    ]);
    const journeys: JourneyOverviewRow[] = Array.from({ length: 40 }, (_, k) => ({
      journey: { id: k + 1, key: `j${k}`, name: `J${k}`, description: null, touchpointCount: 1 },
      nps: compared(summarizeNps(hist(30, 10, 10)), summarizeNps(hist(20, 10, 20))),
      endToEndConversion: { current: 0.3, previous: 0.2 },
      responses: 50,
    }));
    const view = buildHomeView({ window: WINDOW, journeys, attention: pickAttention([drop, low]), myActions: Array.from({ length: 30 }, (_, i) => action(i + 1)), now: NOW, today: '2026-03-31' }, en);
    expect(validateBlocks(view.blocks as KnownBlock[], 'home')).toEqual([]);
    const text = allText(view as unknown as Record<string, unknown>);
    expect(text).toContain('*J0*  NPS +40 (n=50) ↑ +40 ⚑ · conversion 30% ↑ · 50 responses');
    expect(text).toContain('• *Drop* (大きなジャーニー &amp; &lt;co&gt;): NPS fell 80 points to −20 ⚑');
    expect(text).toContain('• *Low* (大きなジャーニー &amp; &lt;co&gt;): NPS −63 (n=40)');
    const jaText = allText(buildHomeView({ window: WINDOW, journeys, attention: pickAttention([drop]), myActions: [], now: NOW, today: '2026-03-31' }, ja) as unknown as Record<string, unknown>);
    expect(jaText).toContain('• *Drop*（大きなジャーニー &amp; &lt;co&gt;）: NPS が 80 ポイント低下し −20 に ⚑');
    // The period with its dates, as in every other view (it said "直近 30d").
    expect(jaText).toContain('直近30日間（2026年3月2日〜2026年3月31日）・本日分は集計途中 · 2026年3月31日 21:00 更新');
    expect(text).toContain('30d · Mar 2, 2026 – Mar 31, 2026 · today so far · updated Mar 31, 2026, 12:00 PM');
  });
});

describe('log action modal', () => {
  const many = Array.from({ length: 150 }, (_, k) => ({ ...tpRef(k + 1, `TP ${k + 1}`), journeyId: 1 + (k % 3), journeyName: `Journey ${1 + (k % 3)}` }));

  it('uses a static select grouped by journey up to 100 touchpoints', () => {
    const view = buildLogActionModal({ locale: 'en', touchpoints: many.slice(0, 100), prefill: { touchpointId: 42, description: 'x'.repeat(5000) }, metadata: { c: 'C1' } });
    const select = view.blocks[0] as { element: { type: string; option_groups: Array<{ label: { text: string }; options: Array<{ value: string }> }>; initial_option: { value: string } } };
    expect(select.element.type).toBe('static_select');
    expect(select.element.option_groups.map((g) => [g.label.text, g.options.length])).toEqual([['Journey 1', 34], ['Journey 2', 33], ['Journey 3', 33]]);
    expect(select.element.initial_option.value).toBe('42');
    const desc = view.blocks.find((b) => b.block_id === BlockId.logDescription) as { element: { initial_value: string } };
    expect(desc.element.initial_value.length).toBe(1000);
  });

  it('switches to an external select past 100 touchpoints, and filters options by what is typed', () => {
    const view = buildLogActionModal({ locale: 'ja', touchpoints: many, prefill: { touchpointId: 150 } });
    const select = view.blocks[0] as { element: { type: string; initial_option: { value: string }; min_query_length: number } };
    expect(select.element).toMatchObject({ type: 'external_select', min_query_length: 0, initial_option: { value: '150' } });
    expect(allText(view as unknown as Record<string, unknown>)).toContain('タッチポイントは 150 件あります');
    const all = touchpointOptionGroups(many);
    expect(all.flatMap((g) => g.options).length).toBe(MAX_PICKER_OPTIONS);
    // "tp 14" matches TP 14 and TP 140…149 by name (NFKC + case-insensitive, full-width typed too).
    const typed = touchpointOptionGroups(many, 'ＴＰ 14');
    expect(typed.flatMap((g) => g.options.map((o) => o.value)).sort((a, b) => Number(a) - Number(b))).toEqual(['14', ...Array.from({ length: 10 }, (_, i) => String(140 + i))]);
    expect(touchpointOptionGroups(many, 'journey 2').flatMap((g) => g.options).length).toBe(50);
  });

  it('validates the form: errors per block, trimmed description, due date not before today', () => {
    const state = (tp: string | null, d: string | null, due: string | null) => ({
      [BlockId.logTouchpoint]: { [ActionId.logTouchpointSelect]: { selected_option: tp === null ? null : { value: tp } } },
      [BlockId.logDescription]: { [ActionId.logDescriptionInput]: { value: d } },
      [BlockId.logDue]: { [ActionId.logDueDate]: { selected_date: due } },
    });
    expect(parseLogActionForm(state('12', '  Fix it  ', '2026-03-31'), 'en', '2026-03-31')).toEqual({
      ok: true,
      form: { touchpointId: 12, description: 'Fix it', ownerUserId: null, dueDate: '2026-03-31' },
    });
    expect(parseLogActionForm(state('12abc', '', '2026-03-30'), 'ja', '2026-03-31')).toEqual({
      ok: false,
      errors: {
        [BlockId.logTouchpoint]: 'タッチポイントを選んでください。',
        [BlockId.logDescription]: '実施内容を入力してください（1〜1000 文字）。',
        [BlockId.logDue]: '期限が過去の日付です。今日以降を選んでください。',
      },
    });
    expect(parseLogActionForm('garbage', 'en', '2026-03-31').ok).toBe(false);
  });
});
