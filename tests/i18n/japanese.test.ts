import { describe, expect, it } from 'vitest';
import type { DigestContent } from '../../src/domain/digestContent.js';
import { compared } from '../../src/domain/compare.js';
import { summarizeNps } from '../../src/domain/scores.js';
import type { IncidentView } from '../../src/domain/model.js';
import { catalogEntries, formatClock, formatWeekday, formatWindowDays, t, type Locale } from '../../src/i18n/index.js';
import { buildAlertMessage } from '../../src/slack/views/alert.js';
import { buildDigestMessage } from '../../src/slack/views/digest.js';
import { EXTENSION_HELP } from '../../src/slack/listeners/commands/index.js';
import { allText } from '../slack/features/helpers.js';

const NOW = new Date('2026-03-31T12:00:00Z');

describe('locale-aware schedule and window formatters', () => {
  it('weekday: the command word in English, 月曜 … 日曜 in Japanese', () => {
    expect(formatWeekday('en', 1)).toBe('mon');
    expect(formatWeekday('en', 7)).toBe('sun');
    expect(formatWeekday('ja', 1)).toBe('月曜');
    expect(formatWeekday('ja', 5)).toBe('金曜');
    expect(formatWeekday('ja', 7)).toBe('日曜');
    expect(formatWeekday('ja', 8)).toBe('?');
  });

  it('clock: zero-padded 24-hour in English, unpadded hour in Japanese', () => {
    expect(formatClock('en', 9, 0)).toBe('09:00');
    expect(formatClock('ja', 9, 0)).toBe('9:00');
    expect(formatClock('ja', 17, 5)).toBe('17:05');
  });

  it('window: 7d in English, 7日間 in Japanese', () => {
    expect(formatWindowDays('en', 7)).toBe('7d');
    expect(formatWindowDays('ja', 7)).toBe('7日間');
    expect(formatWindowDays('ja', 30)).toBe('30日間');
  });
});

const nps = compared(summarizeNps([0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 30]), summarizeNps([0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 30]));
const digest: DigestContent = {
  overall: nps,
  journeys: [],
  movers: [],
  largestDropOff: null,
  trend: [],
  comments: { total: 0, examples: [] },
  actions: { completed: 0, overdue: 0 },
};
const digestText = (locale: Locale) =>
  allText(
    buildDigestMessage(digest, {
      locale,
      period: { startDay: '2026-03-23', endDay: '2026-03-30' },
      channelId: 'C1',
      schedule: { weekday: 1, hour: 9, minute: 0, timezone: 'Asia/Tokyo' },
      journeyIds: new Map(),
      chart: null,
    }) as unknown as Record<string, unknown>,
  );

function incident(kind: IncidentView['kind'], locale: Locale): IncidentView {
  // nps_below: NPS +10 against 40; nps_drop: from +50 by 70; dropoff_above: 70% against 40%.
  const lastValue = kind === 'nps_below' ? 10 : 70;
  return {
    id: 3, status: 'open', ruleId: 2, kind, threshold: 40, windowDays: 7, minSample: 1, locale, timezone: 'UTC', channelId: 'C1', messageTs: null,
    openedValue: 60, lastValue, lastSample: 40, lastPrevious: 50, worsenCount: 0, openedAt: NOW, lastEvaluatedAt: NOW,
    acknowledgedBy: null, acknowledgedAt: null, snoozedBy: null, snoozedUntil: null, resolvedAt: null,
    touchpointId: 1, touchpointKey: 'tp', touchpointName: '決済', previousStepName: 'カート', journeyId: 1, journeyKey: 'j', journeyName: 'J',
  };
}
const alertText = (kind: IncidentView['kind'], locale: Locale) =>
  allText(buildAlertMessage(incident(kind, locale), { locale, now: NOW, chart: null }) as unknown as Record<string, unknown>);

describe('Japanese schedules and windows carry no English tokens', () => {
  it('digest footer: 毎週月曜 9:00, English unchanged', () => {
    expect(digestText('ja')).toContain('<#C1> の週次ダイジェスト · 毎週月曜 9:00（Asia/Tokyo）· 変更は `/journey digest`');
    expect(digestText('en')).toContain('every mon 09:00 (Asia/Tokyo)');
  });

  it('digest command replies: subscribed, replaced and show', () => {
    const schedule = { weekday: formatWeekday('ja', 1), time: formatClock('ja', 9, 0), timezone: 'Asia/Tokyo', journeys: 'すべてのジャーニー' };
    expect(t('ja', 'digest.cmd.subscribed', { ...schedule, channel: 'C1', next: '3月30日' })).toBe(
      '設定しました: <#C1> に *毎週月曜 9:00*（Asia/Tokyo）、すべてのジャーニーの週次ダイジェストを投稿します。初回: 3月30日。',
    );
    expect(t('ja', 'digest.cmd.replaced', schedule)).toBe('このチャンネルのこれまでの設定（*毎週月曜 9:00*（Asia/Tokyo）、すべてのジャーニー）を置き換えました。');
    expect(t('ja', 'digest.cmd.show', { ...schedule, user: 'U1', next: '3月30日' })).toBe(
      '*毎週月曜 9:00*（Asia/Tokyo）にすべてのジャーニーの週次ダイジェストを投稿します（設定者 <@U1>）。次回: 3月30日。',
    );
  });

  it('alert bodies: 直近7日間 and その前の7日間, English keeps 7d', () => {
    expect(alertText('nps_below', 'ja')).toContain(
      '直近7日間（UTCの日付）の NPS は *+10*（回答 40 件）で、しきい値 40 を *30 ポイント下回っています*。その前の7日間: +50。',
    );
    // nps_drop compares with its 8-week baseline over the completed days that made the evidence.
    expect(alertText('nps_drop', 'ja')).toContain('直近の完了日（UTCの日付、回答 40 件）の NPS は、8週間の基準値 *+50* から *−20* に低下しました');
    expect(alertText('dropoff_above', 'ja')).toContain('直近7日間（UTCの日付）のカートから決済への離脱率は *70%*（カート到達 40 人）');
    for (const kind of ['nps_below', 'nps_drop', 'dropoff_above'] as const) {
      expect(alertText(kind, 'ja')).not.toMatch(/\d+d\b/);
      if (kind !== 'nps_drop') expect(alertText(kind, 'en')).toContain('over the last 7d');
    }
  });

  it('alert rule list line: 7日間（timezone）', () => {
    expect(t('ja', 'alert.cmd.listRule', { id: 2, description: 'd', window: formatWindowDays('ja', 7), timezone: 'UTC', min: 30, state: 's' })).toBe(
      '*#2* d · 7日間（UTC）、最小 30 · s',
    );
  });
});

// Japanese characters (hiragana, katakana, kanji, the long-vowel mark) and the particles that
// must sit directly on the word they follow and the word or {placeholder} that follows them.
const JA = '[ぁ-んァ-ヶ一-龯ー]';
const PARTICLE = '(?:から|まで|を|に|が|は|の|で|へ|と)';
const SPACE = '[ \u3000]';
// Placeholders that always hold a number, a mention or a code: a space after a particle before
// them keeps the number readable (NPS が 40 未満), so only text placeholders are held to the rule.
const NOT_TEXT = '(?:threshold|value|by|n|count|delta|min|max|id|rule|weeks|open|acked|snoozed|completed|overdue|previous|current|change|nps|score|margin|user|channel|ref|since|at|when|options)';
const TYPOGRAPHY: { rule: string; pattern: RegExp }[] = [
  { rule: 'space before a particle', pattern: new RegExp(`${JA}${SPACE}+${PARTICLE}`, 'u') },
  { rule: 'space after a particle', pattern: new RegExp(`${PARTICLE}${SPACE}+(?:${JA}|\\{(?!${NOT_TEXT}\\}))`, 'u') },
  { rule: 'space between a text placeholder and a particle', pattern: new RegExp(`\\{(?!${NOT_TEXT}\\})\\w+\\}${SPACE}+${PARTICLE}(?![A-Za-z])`, 'u') },
  { rule: 'half-width bracket next to Japanese (use （）)', pattern: new RegExp(`${JA}[()]|[()]${JA}`, 'u') },
  // Outside `code`, Japanese text takes full-width brackets even around values ("（↓ −3）", not "(↓ −3)").
  { rule: 'half-width bracket in Japanese text (use （）)', pattern: /^(?=.*[ぁ-んァ-ヶ一-龯])(?:[^`]|`[^`]*`)*?[()]/su },
  { rule: 'Latin quotes around Japanese (use 「」)', pattern: new RegExp(`"[^"]*${JA}[^"]*"|“[^”]*${JA}[^”]*”`, 'u') },
];

describe('Japanese typography in the catalog', () => {
  it('the rules catch what they are meant to and nothing else', () => {
    const flagged = (s: string) => TYPOGRAPHY.filter((r) => r.pattern.test(s)).map((r) => r.rule);
    expect(flagged('ジャーニー の名前')).toEqual(['space before a particle']);
    expect(flagged('週次ダイジェストを 投稿')).toEqual(['space after a particle']);
    expect(flagged('タッチポイントに {journey}')).toEqual(['space after a particle']);
    expect(flagged('設定(例: x)')).toEqual(['half-width bracket next to Japanese (use （）)', 'half-width bracket in Japanese text (use （）)']);
    expect(flagged('"引用符" で')).toEqual(['Latin quotes around Japanese (use 「」)']);
    expect(flagged('NPS は *+10* で、しきい値 40 を下回っています（回答 40 件）。「遅い」')).toEqual([]);
    expect(flagged('{journey} を開く')).toEqual(['space between a text placeholder and a particle']);
    expect(flagged('{journey}を開く')).toEqual([]);
    expect(flagged('`{input}` は曜日ではありません')).toEqual([]);
    expect(flagged('{nps}({change})の変化')).toContain('half-width bracket in Japanese text (use （）)');
    expect(flagged('例: `f(x)` を実行')).toEqual([]);
    expect(flagged('NPS が {threshold} 未満')).toEqual([]);
    expect(flagged('{scope} の離脱率が {until} まで')).toEqual(['space after a particle', 'space between a text placeholder and a particle']);
  });

  it('no ja message breaks them', () => {
    const problems: string[] = [];
    for (const [key, text] of catalogEntries('ja')) {
      for (const r of TYPOGRAPHY) if (r.pattern.test(text)) problems.push(`${key}: ${r.rule}: ${text}`);
    }
    for (const [name, help] of Object.entries(EXTENSION_HELP)) {
      for (const r of TYPOGRAPHY) if (r.pattern.test(help.ja)) problems.push(`help ${name}: ${r.rule}: ${help.ja}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('one name for one thing', () => {
  it('logging an action is 施策を登録 on every button and the modal', () => {
    for (const key of ['journey.button.logAction', 'journey.modal.title', 'digest.logAction', 'alert.logAction'] as const) {
      expect(t('ja', key)).toBe('施策を登録');
    }
    const ja = [...catalogEntries('ja').values()].join('\n');
    expect(ja).not.toContain('アクションを記録');
  });
});
