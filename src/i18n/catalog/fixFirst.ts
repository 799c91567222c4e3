import { defineCatalog } from './define.js';

/** Fix first (the ranked problems) and targets. */
export const fixFirstCatalog = defineCatalog({
  en: {
    'fixFirst.title': '*Fix first:*',
    'fixFirst.step':
      '{title} {from} → *{step}* — about *{count}* more customers a week drop off here than in the previous 8 weeks ({now} vs {baseline}; 95% interval {low}–{high} a week; {n} reached {from})',
    'fixFirst.score.nps':
      '{title} *{touchpoint}* — about *{count}* more detractors a week than in the previous 8 weeks ({now} of NPS answers vs {baseline}; 95% interval {low}–{high} a week; {n} answers)',
    'fixFirst.score.csat':
      '{title} *{touchpoint}* — about *{count}* more dissatisfied customers (CSAT 1–3) a week than in the previous 8 weeks ({now} of answers vs {baseline}; 95% interval {low}–{high} a week; {n} answers)',
    'fixFirst.score.npsAnswers':
      '{title} *{touchpoint}* — about *{count}* more detractor answers a week than in the previous 8 weeks ({now} of NPS answers vs {baseline}; 95% interval {low}–{high} a week; {n} answers; no funnel counts for this touchpoint)',
    'fixFirst.score.csatAnswers':
      '{title} *{touchpoint}* — about *{count}* more dissatisfied answers (CSAT 1–3) a week than in the previous 8 weeks ({now} of answers vs {baseline}; 95% interval {low}–{high} a week; {n} answers; no funnel counts for this touchpoint)',
    'fixFirst.target':
      '{title} *{touchpoint}* — {metric} {current} (95% interval {low} to {high}, {n}) misses the target {target}: about *{count}* customers a week short',
    'fixFirst.none':
      '{title} nothing stands out — no funnel step or score is significantly worse than in the previous 8 weeks, and no target is clearly missed.',
    'fixFirst.next': 'Next: {items}',
    'fixFirst.nextItem': '{name} (about {count} a week)',
    'fixFirst.theme': 'Top theme: “{label}” ({mentions} mentions)',
    'fixFirst.segment': 'Concentrated in {attribute} = {value} ({share} of the change)',
    'fixFirst.funnelChanged': ':chart_with_upwards_trend: got worse (previous 8 weeks {baseline})',
    'fixFirst.word.step': '{name} drop-off',
    'fixFirst.word.score': '{name} {metric}',
    'fixFirst.word.target': '{name} {metric} target',
    'fixFirst.word.none': 'nothing stands out',
    'fixFirst.n.answers': '{n} answers',
    'fixFirst.n.customers': '{n} customers',
    'fixFirst.metric.nps': 'NPS',
    'fixFirst.metric.csat': 'CSAT',
    'fixFirst.metric.ces': 'CES',
    'fixFirst.metric.conversion': 'conversion',
    'fixFirst.metric.dropoff': 'drop-off',
    'fixFirst.evidence.step': 'drop-off {now} vs {baseline}',
    'fixFirst.evidence.nps': 'detractors {now} vs {baseline}',
    'fixFirst.evidence.csat': 'dissatisfied {now} vs {baseline}',
    'fixFirst.evidence.target': '{metric} {current} vs target {target}',
    'fixFirst.home.item': '{rank}. *{journey}* · {name} — about *{count}* customers a week ({evidence})',
    'fixFirst.home.none': 'Nothing stands out: no step or score is significantly worse than in the previous 8 weeks, and no target is clearly missed.',
    'fixFirst.home.open': 'Open',
    'fixFirst.home.openJourney': 'Open {journey}',
    'fixFirst.modal.title': 'Journey',
    'fixFirst.modal.close': 'Close',
    'fixFirst.modal.loading': 'Loading…',
    'fixFirst.digest.title': '*This week’s top problem:*',
    'fixFirst.list.line': '*Fix first:* {word}',
  },
  ja: {
    'fixFirst.title': '*まず直すところ:*',
    'fixFirst.step':
      '{title} {from} → *{step}*。直前8週間より、ここで離脱する人が週に約*{count}*人多くなっています（離脱率{now}、直前8週間は{baseline}。95%区間は週{low}〜{high}人、{from}の到達{n}人）',
    'fixFirst.score.nps':
      '{title} *{touchpoint}*。直前8週間より批判者が週に約*{count}*人多くなっています（NPS回答のうち{now}、直前8週間は{baseline}。95%区間は週{low}〜{high}人、回答{n}件）',
    'fixFirst.score.csat':
      '{title} *{touchpoint}*。直前8週間より不満（CSAT 1〜3）の人が週に約*{count}*人多くなっています（回答のうち{now}、直前8週間は{baseline}。95%区間は週{low}〜{high}人、回答{n}件）',
    'fixFirst.score.npsAnswers':
      '{title} *{touchpoint}*。直前8週間より批判者の回答が週に約*{count}*件多くなっています（NPS回答のうち{now}、直前8週間は{baseline}。95%区間は週{low}〜{high}件、回答{n}件。このタッチポイントにはファネルの数値がありません）',
    'fixFirst.score.csatAnswers':
      '{title} *{touchpoint}*。直前8週間より不満（CSAT 1〜3）の回答が週に約*{count}*件多くなっています（回答のうち{now}、直前8週間は{baseline}。95%区間は週{low}〜{high}件、回答{n}件。このタッチポイントにはファネルの数値がありません）',
    'fixFirst.target': '{title} *{touchpoint}*。{metric}{current}（95%区間{low}〜{high}、{n}）が目標{target}に届いていません。差は週に約*{count}*人分です',
    'fixFirst.none': '{title} 目立つ問題はありません。直前8週間より有意に悪化したステップやスコアはなく、はっきり未達の目標もありません。',
    'fixFirst.next': '次点: {items}',
    'fixFirst.nextItem': '{name}（週約{count}人）',
    'fixFirst.theme': '主なテーマ: 「{label}」（{mentions}件）',
    'fixFirst.segment': '{attribute}が「{value}」の人に集中しています（変化の{share}）',
    'fixFirst.funnelChanged': ':chart_with_upwards_trend: 悪化（直前8週間 {baseline}）',
    'fixFirst.word.step': '{name}の離脱',
    'fixFirst.word.score': '{name}の{metric}',
    'fixFirst.word.target': '{name}の{metric}目標',
    'fixFirst.word.none': '目立つ問題なし',
    'fixFirst.n.answers': '回答{n}件',
    'fixFirst.n.customers': '{n}人',
    'fixFirst.metric.nps': 'NPS',
    'fixFirst.metric.csat': 'CSAT',
    'fixFirst.metric.ces': 'CES',
    'fixFirst.metric.conversion': 'コンバージョン',
    'fixFirst.metric.dropoff': '離脱率',
    'fixFirst.evidence.step': '離脱率{now}、直前8週間は{baseline}',
    'fixFirst.evidence.nps': '批判者{now}、直前8週間は{baseline}',
    'fixFirst.evidence.csat': '不満{now}、直前8週間は{baseline}',
    'fixFirst.evidence.target': '{metric}{current}、目標{target}',
    'fixFirst.home.item': '{rank}. *{journey}* · {name}。週に約*{count}*人（{evidence}）',
    'fixFirst.home.none': '目立つ問題はありません。直前8週間より有意に悪化したステップやスコアはなく、はっきり未達の目標もありません。',
    'fixFirst.home.open': '開く',
    'fixFirst.home.openJourney': '{journey}を開く',
    'fixFirst.modal.title': 'ジャーニー',
    'fixFirst.modal.close': '閉じる',
    'fixFirst.modal.loading': '読み込み中…',
    'fixFirst.digest.title': '*今週いちばんの問題:*',
    'fixFirst.list.line': '*まず直すところ:* {word}',
  },
});
