/**
 * Variants that customers use for one complaint, folded into one term at analysis time so the
 * theme counts them together ("配送が遅れた" and "届くのが遅い"; "late", "delayed", "slow").
 * Kept small and generic to customer-experience comments; team-defined themes cover the rest.
 */

export const JA_SYNONYMS: Readonly<Record<string, string>> = {
  遅れる: '遅い',
  遅延: '遅い',
  おそい: '遅い',
  つぶれる: '潰れる',
  へこむ: '潰れる',
  凹む: '潰れる',
  ひしゃげる: '潰れる',
  こわれる: '壊れる',
  破損: '壊れる',
  割れる: '壊れる',
  分かりにくい: 'わかりにくい',
  分かりづらい: 'わかりにくい',
  わかりづらい: 'わかりにくい',
  不親切: 'わかりにくい',
  ダンボール: '箱',
  段ボール: '箱',
  外箱: '箱',
  梱包: '箱',
  パッケージ: '箱',
  置き配達: '置き配',
  時間指定: '配達時間',
  指定時間: '配達時間',
  時間帯: '配達時間',
  配達時間帯: '配達時間',
  置配: '置き配',
  クーポンコード: 'クーポン',
  割引コード: 'クーポン',
  決済エラー: 'カード決済エラー',
  支払いエラー: 'カード決済エラー',
  カードエラー: 'カード決済エラー',
  クレジットカード: 'カード',
  待つ: '待ち時間',
  待たす: '待ち時間',
  待たせる: '待ち時間',
  高額: '高い',
  親切: '丁寧',
  早い: '早い',
  速い: '早い',
};

export const EN_SYNONYMS: Readonly<Record<string, string>> = {
  delay: 'late',
  delayed: 'late',
  slow: 'late',
  overdue: 'late',
  crushed: 'crush',
  dent: 'crush',
  dented: 'crush',
  squash: 'crush',
  smash: 'crush',
  damage: 'crush',
  damaged: 'crush',
  broken: 'break',
  parcel: 'package',
  box: 'package',
  packaging: 'package',
  courier: 'driver',
  promo: 'coupon',
  voucher: 'coupon',
  discount: 'coupon',
  confusing: 'confuse',
  unclear: 'confuse',
  decline: 'fail',
  declined: 'fail',
  rejected: 'fail',
  reject: 'fail',
  error: 'fail',
  pricey: 'expensive',
  costly: 'expensive',
  quick: 'fast',
  speedy: 'fast',
  rapid: 'fast',
  polite: 'friendly',
  kind: 'friendly',
  helpful: 'friendly',
  wait: 'wait',
  hold: 'wait',
};

export const JA_STOP_WORDS: ReadonlySet<string> = new Set([
  'する', 'ある', 'いる', 'なる', 'れる', 'られる', 'こと', 'もの', 'よう', 'ため', 'とき', '時', 'これ', 'それ', 'あれ',
  'ここ', 'そこ', 'さん', 'ちゃん', '方', 'の', 'ん', 'ほしい', 'くれる', 'もらう', 'いう', '思う', '感じる', 'おる',
  'くる', 'いく', 'みる', 'しまう', 'おく', 'ない', 'いい', 'よい', 'ござる', 'いただく', 'くださる', '今回', '前回', '次回',
  'ちょっと', '少し', 'とても', 'すごい', 'まま', 'ところ', 'ほう', 'わけ', 'はず', '的', '感', 'そう', '毎回', '自分', '私', 'しない', 'ならない', 'いない', 'ない',
]);

export const EN_STOP_LEMMAS: ReadonlySet<string> = new Set([
  'be', 'have', 'do', 'get', 'make', 'go', 'come', 'take', 'say', 'thing', 'time', 'really', 'very', 'also', 'would',
  'could', 'should', 'will', 'can', 'just', 'even', 'still', 'order', 'i', 'me', 'my', 'we', 'us', 'it', 'they', 'you',
  'one', 'lot', 'bit', 'way', 'day', 'need', 'want', 'seem', 'feel', 'think', 'try', 'again', 'much', 'well',
]);

/**
 * Words every comment about a purchase may use: kept inside phrases ("配送が遅い", "package crush")
 * but never a theme on their own, where they would only say what the touchpoint is about.
 */
export const JA_GENERIC_WORDS: ReadonlySet<string> = new Set([
  '商品', '注文', '配送', '配達', '荷物', '届く', '購入', '利用', 'できる', 'できない', '出る', '使う', '買う', '来る', '来ない', '前', '後', 'かかる',
]);

export const EN_GENERIC_WORDS: ReadonlySet<string> = new Set([
  'delivery', 'deliver', 'package', 'order', 'item', 'product', 'service', 'arrive', 'come', 'buy', 'use', 'give', 'leave', 'find', 'send', 'receive',
]);
