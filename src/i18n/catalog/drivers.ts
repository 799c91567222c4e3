import { defineCatalog } from './define.js';

/** Key drivers: `/journey drivers <journey> [period]`. */
export const driversCatalog = defineCatalog({
  en: {
    'drivers.usage': 'Which journey? For example: `/journey drivers online-purchase 90d`.',
    'drivers.title': 'Key drivers · {journey}',
    'drivers.context': '`{key}` · {period} · outcome: *{outcome}* ({metric} {score}, {n})',
    'drivers.contextNoOutcome': '`{key}` · {period}',
    'drivers.explained':
      'Among *{n}* customers who answered the outcome and other touchpoints, the touchpoints together explain *{r2}* of the variation in the outcome [{low}, {high}].',
    'drivers.quadrant.act': '*Important and low: act first*',
    'drivers.quadrant.keep': '*Important and high: keep it up*',
    'drivers.quadrant.watch': '*Less important and low: watch*',
    'drivers.quadrant.secondary': '*Less important and high: lower priority*',
    'drivers.quadrant.unknown': '*No current score*',
    'drivers.line': '• *{name}* `{key}`: importance *{share}* [{low}, {high}] · {metric} {score} · {n} linked',
    'drivers.leftOutTitle': '*Too few linked customers to judge* (fewer than {min} answered it and the outcome)',
    'drivers.leftOut': '• {name} `{key}`: {n} linked',
    'drivers.tooFew':
      'Not enough linked customers to say which touchpoints matter: *{n}* answered the outcome and another touchpoint in this period, and at least *{min}* are needed. Try a longer period, e.g. `/journey drivers {key} 90d`.',
    'drivers.noData':
      'No answers link customers across this journey’s touchpoints in this period. Key drivers need the outcome touchpoint ({outcome}) and other touchpoints answered by the same customers (`customerRef` on each answer).',
    'drivers.noOutcome': 'The outcome touchpoint has no answers in this period, so there is nothing to explain yet.',
    'drivers.legend':
      'Importance = each touchpoint’s share of the outcome variation the touchpoints explain (Shapley values of R²), [low, high] = 95% bootstrap interval. Important = above the average share; low = score below the average of these touchpoints. Scores are over every answer in the period.',
    'drivers.fallback': 'Key drivers of {journey} ({period}): {top}',
    'drivers.fallbackTop': 'most important: {name} ({share})',
    'drivers.fallbackNone': 'not enough linked customers to judge',
  },
  ja: {
    'drivers.usage': 'ジャーニーを指定してください。例: `/journey drivers online-purchase 90d`',
    'drivers.title': 'キードライバー · {journey}',
    'drivers.context': '`{key}` · {period} · 成果指標: *{outcome}*（{metric} {score}、{n}）',
    'drivers.contextNoOutcome': '`{key}` · {period}',
    'drivers.explained': '成果指標と他のタッチポイントの両方に回答した顧客 *{n}* 人では、タッチポイント全体で成果指標のばらつきの *{r2}* を説明します（[{low}, {high}]）。',
    'drivers.quadrant.act': '*重要度が高く評価が低い: 最優先で改善*',
    'drivers.quadrant.keep': '*重要度が高く評価も高い: 維持*',
    'drivers.quadrant.watch': '*重要度が低く評価も低い: 注視*',
    'drivers.quadrant.secondary': '*重要度が低く評価が高い: 優先度低*',
    'drivers.quadrant.unknown': '*現在のスコアなし*',
    'drivers.line': '• *{name}* `{key}`: 重要度 *{share}* [{low}, {high}] · {metric} {score} · 紐づく顧客 {n} 人',
    'drivers.leftOutTitle': '*紐づく顧客が少なく判断できません*（成果指標と両方に回答した顧客が {min} 人未満）',
    'drivers.leftOut': '• {name} `{key}`: 紐づく顧客 {n} 人',
    'drivers.tooFew':
      'どのタッチポイントが重要かを判断するには、紐づく顧客が足りません。この期間に成果指標と他のタッチポイントの両方に回答した顧客は *{n}* 人で、*{min}* 人以上必要です。期間を延ばしてください（例: `/journey drivers {key} 90d`）。',
    'drivers.noData':
      'この期間には、このジャーニーのタッチポイント間で顧客を紐づけられる回答がありません。キードライバーには、同じ顧客による成果指標（{outcome}）と他のタッチポイントへの回答（各回答の `customerRef`）が必要です。',
    'drivers.noOutcome': 'この期間は成果指標のタッチポイントに回答がないため、まだ分析できません。',
    'drivers.legend':
      '重要度 = タッチポイント全体で説明できる成果指標のばらつきのうち、各タッチポイントが占める割合（R² のシャープレイ値）。[下限, 上限] = 95% ブートストラップ区間。重要度が高い = 平均以上、評価が低い = これらのタッチポイントの平均未満。スコアは期間内の全回答から算出しています。',
    'drivers.fallback': '{journey}のキードライバー（{period}）：{top}',
    'drivers.fallbackTop': '最も重要: {name}（{share}）',
    'drivers.fallbackNone': '紐づく顧客が少なく判断できません',
  },
});
