import type { Metric } from '../domain/types.js';

/**
 * The demo dataset's fixed part: journeys, what each touchpoint surveys, funnel rates and
 * comment banks. Two stories are planted for a new user to find:
 *  - online-purchase/delivery: NPS falls over the last two weeks (+40 → about +10 → about −30);
 *  - online-purchase cart → checkout: drop-off rises over the last two weeks (40% → 52% → 65%).
 */

/** Share of promoters and detractors an NPS survey draws from (passives are the rest). */
export interface NpsMix {
  promoters: number;
  detractors: number;
}

/** Changes that apply only recently: `recent` for the last 7 days, `before` for the 7 days before that. */
export interface RecentShift<T> {
  before: T;
  recent: T;
}

export interface DemoSurvey {
  metric: Metric;
  /** Average answers per weekday; weekends get fewer. */
  perDay: number;
  /** NPS only. */
  mix?: NpsMix;
  shift?: RecentShift<NpsMix>;
  /** CSAT/CES: mean score to draw around. */
  mean?: number;
}

export interface DemoTouchpoint {
  key: string;
  name: string;
  channel: string;
  surveys: DemoSurvey[];
  /** Share of the previous step's customers who reach this one (the first step uses `entries`). */
  conversion?: number;
  conversionShift?: RecentShift<number>;
  /** Customers per weekday at the first step. */
  entries?: number;
}

export interface DemoJourney {
  key: string;
  name: string;
  description: string;
  touchpoints: DemoTouchpoint[];
}

export const DEMO_SOURCE = 'demo';
/** About six months of history. */
export const DEMO_DAYS = 183;

const GOOD: NpsMix = { promoters: 0.55, detractors: 0.15 };
const FAIR: NpsMix = { promoters: 0.45, detractors: 0.2 };

export const DEMO_JOURNEYS: DemoJourney[] = [
  {
    key: 'online-purchase',
    name: 'オンライン購入',
    description: '広告からサイト訪問、カート、購入手続き、配送、サポートまで',
    touchpoints: [
      { key: 'ad', name: '広告', channel: 'online', surveys: [], entries: 8000 },
      { key: 'site-visit', name: 'サイト訪問', channel: 'online', surveys: [{ metric: 'nps', perDay: 15, mix: FAIR }], conversion: 0.45 },
      { key: 'cart', name: 'カート', channel: 'online', surveys: [{ metric: 'ces', perDay: 8, mean: 5.4 }], conversion: 0.5 },
      {
        key: 'checkout',
        name: '購入手続き',
        channel: 'online',
        surveys: [
          { metric: 'nps', perDay: 20, mix: GOOD },
          { metric: 'ces', perDay: 6, mean: 5.1 },
        ],
        conversion: 0.6,
        conversionShift: { before: 0.48, recent: 0.35 },
      },
      {
        key: 'delivery',
        name: '配送',
        channel: 'offline',
        surveys: [
          {
            metric: 'nps',
            perDay: 30,
            mix: GOOD,
            shift: { before: { promoters: 0.4, detractors: 0.3 }, recent: { promoters: 0.25, detractors: 0.55 } },
          },
        ],
        conversion: 0.96,
      },
      // Step drop-offs are about 55%, 50%, 40–52% and 45%, so the checkout step's recent rise to ~65% makes it the
      // largest drop-off of the journey: the story the demo should tell at a glance.
      { key: 'support', name: 'サポート', channel: 'phone', surveys: [{ metric: 'csat', perDay: 8, mean: 3.9 }], conversion: 0.55 },
    ],
  },
  {
    key: 'support',
    name: 'カスタマーサポート',
    description: '問い合わせから解決、フォローアップまで',
    touchpoints: [
      { key: 'contact', name: '問い合わせ', channel: 'phone', surveys: [{ metric: 'ces', perDay: 10, mean: 4.6 }], entries: 600 },
      { key: 'first-response', name: '初回応答', channel: 'chat', surveys: [{ metric: 'csat', perDay: 12, mean: 4.0 }], conversion: 0.95 },
      { key: 'resolution', name: '解決', channel: 'chat', surveys: [{ metric: 'csat', perDay: 10, mean: 3.8 }], conversion: 0.8 },
      { key: 'follow-up', name: 'フォローアップ', channel: 'email', surveys: [{ metric: 'nps', perDay: 15, mix: FAIR }], conversion: 0.35 },
    ],
  },
  {
    key: 'onboarding',
    name: 'Account onboarding',
    description: 'From sign-up to the first project',
    touchpoints: [
      { key: 'signup', name: 'Sign-up', channel: 'web', surveys: [{ metric: 'nps', perDay: 8, mix: FAIR }], entries: 400 },
      { key: 'verify-email', name: 'Verify email', channel: 'email', surveys: [{ metric: 'ces', perDay: 6, mean: 5.8 }], conversion: 0.82 },
      { key: 'profile-setup', name: 'Profile setup', channel: 'web', surveys: [{ metric: 'nps', perDay: 6, mix: GOOD }], conversion: 0.7 },
      { key: 'first-project', name: 'First project', channel: 'web', surveys: [{ metric: 'nps', perDay: 10, mix: GOOD }], conversion: 0.55 },
    ],
  },
];

export type Sentiment = 'negative' | 'neutral' | 'positive';

/** Comments drawn for answers; touchpoint-specific negative ones make the planted story readable. */
export const COMMENTS: Record<Sentiment, { ja: string[]; en: string[] }> = {
  negative: {
    ja: ['対応が遅くて困りました', '説明が分かりにくかったです', '何度も同じことを聞かれました', '期待していたほどではありませんでした', '手続きが面倒でした'],
    en: ['Took far too long.', 'The instructions were confusing.', 'I had to repeat myself several times.', 'Not what I expected.', 'Too many steps.'],
  },
  neutral: {
    ja: ['普通でした', '特に問題はありません', 'まあまあです'],
    en: ['It was okay.', 'Nothing special.', 'Fine, could be faster.'],
  },
  positive: {
    ja: ['とても分かりやすかったです', 'スムーズで助かりました', '丁寧な対応でした', 'また利用したいです'],
    en: ['Really easy, thanks!', 'Quick and friendly.', 'Great experience.', 'Would recommend to friends.'],
  },
};

export const TOUCHPOINT_COMPLAINTS: Record<string, { ja: string[]; en: string[] }> = {
  'online-purchase/delivery': {
    ja: ['配達が予定より3日遅れました', '箱が潰れて届きました', '配達時間の指定が守られませんでした', '追跡番号が更新されません'],
    en: ['Package arrived four days late.', 'The box was crushed on arrival.', 'Courier ignored my delivery slot.', 'Tracking never updated.'],
  },
  'online-purchase/checkout': {
    ja: ['クーポンが使えませんでした', '決済エラーが何度も出ました'],
    en: ['Coupon code would not apply.', 'Payment failed twice before it worked.'],
  },
};
