/**
 * Demo complaints with realistic themes, so `/journey why` tells the demo's stories: at
 * online-purchase/delivery the fall of the last two weeks is driven by crushed boxes (箱が潰れて),
 * with late deliveries, time slots and 置き配 as steady background; at checkout, coupons and card
 * payment errors. Each theme has several phrasings, as customers write them.
 */

interface DemoTheme {
  /** Share of the touchpoint's specific complaints, before and during the last 14 days. */
  weight: { before: number; recent: number };
  ja: string[];
  en: string[];
}

const DEMO_THEMES: Record<string, DemoTheme[]> = {
  'online-purchase/delivery': [
    {
      weight: { before: 0.05, recent: 0.6 },
      ja: ['箱が潰れて届きました', '箱が潰れていて中身が心配でした', '段ボールがへこんで届いた', '外箱がつぶれていました。ギフト用だったのに', '箱が潰れて商品も傷ついていました'],
      en: ['The box was crushed on arrival.', 'Box arrived crushed, item scratched.', 'Crushed box again.', 'The package was crushed and dented.'],
    },
    {
      weight: { before: 0.4, recent: 0.2 },
      ja: ['配達が予定より3日遅れました', '届くのが遅かったです', '配送が遅れて連絡もなかった'],
      en: ['Package arrived four days late.', 'Delivery was late.', 'Late delivery, no update.'],
    },
    {
      weight: { before: 0.3, recent: 0.1 },
      ja: ['配達時間の指定が守られませんでした', '配達時間を選べないのが不便', '時間指定したのに夕方に来た'],
      en: ['Courier ignored my delivery slot.', 'Could not choose a delivery slot.', 'Missed my delivery slot.'],
    },
    {
      weight: { before: 0.25, recent: 0.1 },
      ja: ['置き配にしてほしかったのに持ち帰られた', '置き配の指定が反映されていなかった', '置き配で雨に濡れていました'],
      en: ['Asked to leave it at the door, they took it back.', 'Left at the door in the rain.'],
    },
  ],
  'online-purchase/checkout': [
    {
      weight: { before: 0.5, recent: 0.4 },
      ja: ['クーポンが使えませんでした', 'クーポンコードを入れてもエラーになる', 'クーポンが適用されなかった'],
      en: ['Coupon code would not apply.', 'The coupon did not work.'],
    },
    {
      weight: { before: 0.5, recent: 0.6 },
      ja: ['カード決済エラーが何度も出ました', 'カード決済でエラーになって進めない', 'クレジットカードが通らなかった'],
      en: ['Card payment failed twice before it worked.', 'Card payment error at checkout.'],
    },
  ],
};

/**
 * A specific complaint for a touchpoint, or null when it has no themes. Takes one random number
 * (as the plain comment banks do), so the rest of the demo's draws stay the same.
 */
export function demoComplaint(touchpoint: string, language: 'ja' | 'en', daysAgo: number, r: number): string | null {
  const themes = DEMO_THEMES[touchpoint];
  if (!themes) return null;
  const weights = themes.map((th) => (daysAgo < 14 ? th.weight.recent : th.weight.before));
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r * total;
  for (let i = 0; i < themes.length; i++) {
    const w = weights[i] ?? 0;
    if (x < w || i === themes.length - 1) {
      const bank = themes[i]![language];
      const within = Math.min(0.999999, Math.max(0, x / w));
      return bank[Math.floor(within * bank.length)] ?? bank[0] ?? null;
    }
    x -= w;
  }
  return null;
}
