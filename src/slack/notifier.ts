import type { Notifier } from '../jobs/notifier.js';
import { sendWithChartFallback } from './charts.js';
import { toDeliveryError } from './errors.js';
import { alertMessage, digestMessage, localeOf, type MessageDeps } from './notificationMessages.js';
import { buildThreadNote } from './views/alert.js';

/**
 * The jobs' notifier on Slack: renders what the job loaded and sends it through the background Web
 * API client (longer retries; honours Retry-After on 429; separate from the interactive client, so
 * a rate-limited digest never stalls a user's reply). Every failure leaves here as a DeliveryError,
 * so the jobs know whether to retry later or record it and stop.
 */
export function createSlackNotifier(deps: MessageDeps): Notifier {
  const { web } = deps;
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw toDeliveryError(err);
    }
  };

  return {
    postDigest: (notice) =>
      guard(async () => {
        const message = await digestMessage(deps, notice);
        const res = await sendWithChartFallback(message, (m) =>
          web.chat.postMessage({ channel: notice.target.channelId, text: m.text, blocks: m.blocks, unfurl_links: false }),
        );
        return { ts: res.ts ?? null };
      }),

    sendIncident: ({ incident, kind, trend, insight, now }) =>
      guard(async () => {
        if (kind === 'open') {
          const message = await alertMessage(deps, incident, trend, now, insight ?? null);
          const res = await sendWithChartFallback(message, (m) =>
            web.chat.postMessage({ channel: incident.channelId, text: m.text, blocks: m.blocks, unfurl_links: false }),
          );
          return { ts: res.ts ?? null };
        }
        const ts = incident.messageTs;
        if (!ts) throw toDeliveryError(new Error('the alert message has not been posted yet'));
        if (kind === 'update') {
          // chat.update replaces every block, so the chart is rendered again with the new state.
          const message = await alertMessage(deps, incident, trend, now, insight ?? null);
          await sendWithChartFallback(message, (m) => web.chat.update({ channel: incident.channelId, ts, text: m.text, blocks: m.blocks }));
          return { ts };
        }
        const note = buildThreadNote(incident, kind, localeOf(incident.locale, deps.config));
        const res = await web.chat.postMessage({ channel: incident.channelId, thread_ts: ts, text: note.text, blocks: note.blocks });
        return { ts: res.ts ?? null };
      }),
  };
}
