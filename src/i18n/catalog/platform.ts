import { defineCatalog } from './define.js';

/** Messages of the Slack platform itself (errors, generic labels, chart fallbacks). */
export const platformCatalog = defineCatalog({
  en: {
    'platform.error.apology': 'Sorry, something went wrong on our side. Please try again; if it keeps happening, quote reference {ref}.',
    'platform.error.slackUnavailable': 'Slack did not answer in time, so this reply may be incomplete. Please try again in a minute.',
    'platform.truncated.blocks': '…and more. The message was shortened to fit Slack’s limits.',
    'platform.truncated.fields': '…and {count} more',
    'platform.chart.unavailable': 'Chart unavailable right now.',
    'platform.chart.altSuffix': '(chart)',
    'platform.busy': 'Journey Pulse is busy right now and could not take this request. Please try again in a minute.',
  },
  ja: {
    'platform.error.apology': '申し訳ありません。内部でエラーが発生しました。もう一度お試しください。繰り返し発生する場合は参照番号 {ref} をお伝えください。',
    'platform.error.slackUnavailable': 'Slack からの応答がなかったため、この返信は不完全な可能性があります。少し待ってからもう一度お試しください。',
    'platform.truncated.blocks': '…ほか。Slack の上限に収まるようメッセージを短縮しました。',
    'platform.truncated.fields': '…ほか {count} 件',
    'platform.chart.unavailable': '現在グラフを表示できません。',
    'platform.chart.altSuffix': '（グラフ）',
    'platform.busy': 'ただいま混み合っているため、このリクエストを受け付けられませんでした。1 分ほどしてからもう一度お試しください。',
  },
});
