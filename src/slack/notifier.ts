import type { KnownBlock } from '@slack/types';
import type { DigestSubscription } from '../db/schema.js';
import type { DigestPeriod } from '../domain/schedule.js';
import type { AutomationSender, NotificationKind } from '../jobs/notifier.js';
import type { IncidentView } from '../db/queries/automation/incidents.js';
import { sendWithChartFallback } from './charts.js';
import { buildThreadNote } from './views/alert.js';
import { toDeliveryError } from './errors.js';
import { localeOf, renderAlert, renderDigest, type RenderDeps } from './automationMessages.js';

/**
 * Delivers digests and incident notifications through the background Web API client (longer
 * retries; honours Retry-After on 429). Every failure leaves here as a DeliveryError, so the jobs
 * know whether to retry later or record it and stop.
 */
export function createSlackSender(deps: RenderDeps): AutomationSender {
  const web = deps.web;
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw toDeliveryError(err);
    }
  };

  return {
    sendDigest: (sub: DigestSubscription, period: DigestPeriod) =>
      guard(async () => {
        const message = await renderDigest(deps, sub, period);
        const res = await sendWithChartFallback(message.blocks, (blocks: KnownBlock[]) =>
          web.chat.postMessage({ channel: sub.channelId, text: message.text, blocks, unfurl_links: false }),
        );
        return { ts: res.ts ?? null };
      }),

    sendIncident: (view: IncidentView, kind: NotificationKind, now: Date) =>
      guard(async () => {
        const locale = localeOf(view.locale, deps.config);
        if (kind === 'open') {
          const message = await renderAlert(deps, view, now);
          const res = await sendWithChartFallback(message.blocks, (blocks: KnownBlock[]) =>
            web.chat.postMessage({ channel: view.channelId, text: message.text, blocks, unfurl_links: false }),
          );
          return { ts: res.ts ?? null };
        }
        if (!view.messageTs) throw toDeliveryError(new Error('the alert message has not been posted yet'));
        if (kind === 'update') {
          // chat.update replaces every block, so the chart is rendered again with the new state.
          const message = await renderAlert(deps, view, now);
          const ts = view.messageTs;
          await sendWithChartFallback(message.blocks, (blocks: KnownBlock[]) => web.chat.update({ channel: view.channelId, ts, text: message.text, blocks }));
          return { ts: view.messageTs };
        }
        const note = buildThreadNote(view, kind, locale);
        const res = await web.chat.postMessage({ channel: view.channelId, thread_ts: view.messageTs, text: note.text, blocks: note.blocks });
        return { ts: res.ts ?? null };
      }),
  };
}
