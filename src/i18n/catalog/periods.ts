import { defineCatalog } from './define.js';

/**
 * How a period reads: its name, its days, whether it is still running, and the funnel and trend
 * notes that say which days their figures cover. English names are the command words (`30d`,
 * `this-month`), so a reader can type them back; Japanese reads them as words (直近30日間, 今月).
 */
export const periodsCatalog = defineCatalog({
  en: {
    'periods.name.days': '{n}d',
    'periods.name.weeks': '{n}w',
    'periods.name.thisWeek': 'this-week',
    'periods.name.lastWeek': 'last-week',
    'periods.name.thisMonth': 'this-month',
    'periods.name.lastMonth': 'last-month',
    'periods.name.thisQuarter': 'this-quarter',
    'periods.name.lastQuarter': 'last-quarter',
    'periods.button.days': '{n}d',
    'periods.button.weeks': '{n}w',
    'periods.label': '{name} · {from} – {to}{note}',
    'periods.note.today': ' · today so far',
    'periods.note.toDate': ' · to date, compared with the same days of the period before',
    'periods.funnelTitle': '*Funnel* · step counts through {day}',
    'periods.listThrough': 'Conversion counts steps through {day}',
    'periods.reachedThrough': '*Reached* (through {day})\n{current} (previous {previous})',
    'periods.trendPartial': 'The last week (from {day}) has {days} of 7 days so far; it is drawn dashed.',
  },
  ja: {
    'periods.name.days': '直近{n}日間',
    'periods.name.weeks': '直近{n}週間',
    'periods.name.thisWeek': '今週',
    'periods.name.lastWeek': '先週',
    'periods.name.thisMonth': '今月',
    'periods.name.lastMonth': '先月',
    'periods.name.thisQuarter': '今四半期',
    'periods.name.lastQuarter': '前四半期',
    'periods.button.days': '{n}日間',
    'periods.button.weeks': '{n}週間',
    'periods.label': '{name}（{from}〜{to}）{note}',
    'periods.note.today': '・本日分は集計途中',
    'periods.note.toDate': '・途中経過（前の期間の同じ日数と比較）',
    'periods.funnelTitle': '*ファネル*（到達数は{day}まで）',
    'periods.listThrough': 'コンバージョンは{day}までの到達数で計算しています',
    'periods.reachedThrough': '*到達数*（{day}まで）\n{current}（前期間 {previous}）',
    'periods.trendPartial': '最後の週（{day}〜）はまだ7日中{days}日分のため、点線で表示しています。',
  },
});
