import type { App, ReceiverEvent } from '@slack/bolt';
import { t, type Locale } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { secondsSince, type Metrics, type SlackSurface } from '../metrics.js';
import { postEphemeralText } from './interactions.js';
import type { UserDirectory } from './users.js';
import type { WorkQueue } from './workQueue.js';

/** Thrown from ack() when the work queue is full: the user has had a busy reply and the listener stops there. */
export class BusyError extends Error {
  constructor() {
    super('work queue full: the request was refused with a busy reply');
    this.name = 'BusyError';
  }
}

/** True for a BusyError, also when Bolt wrapped it (UnknownError.original, MultipleListenerError.originals). */
export function isBusyError(error: unknown): boolean {
  if (error instanceof BusyError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { original?: unknown; originals?: unknown };
  if (e.original instanceof BusyError) return true;
  return Array.isArray(e.originals) && e.originals.length > 0 && e.originals.every((o) => isBusyError(o));
}

export interface RequestInfo {
  surface: SlackSurface;
  /** The subcommand (first word), action_id, callback_id or event type. */
  kind: string;
  /** Commands, button clicks and modal submissions wait for a work slot after their ack; the rest pass. */
  queued: boolean;
  userId?: string;
  responseUrl?: string;
}

/** What kind of Slack request a receiver event carries. */
export function describeRequest(body: unknown): RequestInfo {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const user = (b.user ?? {}) as Record<string, unknown>;
  const userId = str(b.user_id) ?? str(user.id);
  const responseUrl = str(b.response_url);
  const base = { ...(userId ? { userId } : {}), ...(responseUrl ? { responseUrl } : {}) };
  if (typeof b.command === 'string') {
    const first = (str(b.text) ?? '').trim().split(/\s+/)[0] ?? '';
    return { surface: 'command', kind: first || '(none)', queued: true, ...base };
  }
  const type = str(b.type);
  if (type === 'block_actions') {
    const first = Array.isArray(b.actions) ? (b.actions[0] as Record<string, unknown> | undefined) : undefined;
    return { surface: 'action', kind: str(first?.action_id) ?? 'unknown', queued: true, ...base };
  }
  if (type === 'view_submission' || type === 'view_closed') {
    const view = (b.view ?? {}) as Record<string, unknown>;
    return { surface: 'view', kind: str(view.callback_id) ?? 'unknown', queued: type === 'view_submission', ...base };
  }
  if (type === 'block_suggestion') return { surface: 'options', kind: str(b.action_id) ?? 'unknown', queued: false, ...base };
  if (type === 'event_callback') {
    const event = (b.event ?? {}) as Record<string, unknown>;
    return { surface: 'event', kind: str(event.type) ?? 'unknown', queued: false, ...base };
  }
  return { surface: 'event', kind: type ?? 'unknown', queued: false, ...base };
}

export interface WorkGateDeps {
  queue: WorkQueue;
  metrics: Metrics;
  logger: Logger;
  users: Pick<UserDirectory, 'context'>;
  defaultLocale: Locale;
  /** Sends the busy notice where there is no response_url (modal submissions, App Home buttons): a DM. */
  postToUser(userId: string, text: string): Promise<unknown>;
}

export interface WorkGate {
  /** The error handler calls this for a request whose listener failed (its outcome becomes `error`). */
  markFailed(body: unknown): void;
}

/** A users.info lookup for the busy notice's language may not hold the notice up for long. */
const BUSY_LOCALE_WAIT_MS = 500;

/**
 * Puts Slack requests' after-ack work through the bounded work queue, without touching listeners.
 *
 * Bolt hands listeners the `ack` of the receiver event (a global middleware only sees a copy of
 * the arguments, so it cannot swap it), so the gate wraps `app.processEvent`, which every receiver
 * calls: the event goes on with an ack that sends the real ack at once and then resolves only when
 * a work slot is free. The listener's `await ack()` is where it waits; its work after that runs
 * in the slot, released when Bolt has finished with the event. When the backlog is full, ack()
 * sends the user a short busy notice and throws BusyError, so the listener stops there; the app's
 * error handler recognises it and neither logs it as a failure nor apologises.
 *
 * Arguments pass through to the real ack (a modal submission's `response_action: 'errors'`).
 */
export function installWorkGate(app: App, deps: WorkGateDeps): WorkGate {
  const failed = new WeakSet<object>();
  const processEvent = app.processEvent.bind(app);

  const busyNotice = async (info: RequestInfo): Promise<void> => {
    try {
      const locale = info.userId ? await localeWithin(deps.users, info.userId, deps.defaultLocale) : deps.defaultLocale;
      const text = t(locale, 'platform.busy');
      if (info.responseUrl) {
        await postEphemeralText(info.responseUrl, text);
      } else if (info.userId) {
        await deps.postToUser(info.userId, text);
      }
    } catch (err) {
      deps.logger.warn('could not send a busy notice', { surface: info.surface, kind: info.kind, err });
    }
  };

  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    const start = process.hrtime.bigint();
    const info = describeRequest(event.body);
    let acked = false;
    let busy = false;
    let release: (() => void) | undefined;
    const ack: ReceiverEvent['ack'] = async (response) => {
      if (acked) {
        // A second ack: the receiver answers it (Bolt reports it as a multiple-ack error).
        await event.ack(response);
        return;
      }
      acked = true;
      await event.ack(response);
      deps.metrics.observeSlackAck(info.surface, secondsSince(start));
      if (!info.queued) return;
      const slot = deps.queue.tryAcquire();
      if (!slot) {
        busy = true;
        await busyNotice(info);
        throw new BusyError();
      }
      release = await slot;
    };
    try {
      await processEvent({ ...event, ack });
    } finally {
      release?.();
      const outcome = busy ? 'busy' : typeof event.body === 'object' && event.body !== null && failed.has(event.body) ? 'error' : 'ok';
      deps.metrics.recordSlackRequest(info.surface, info.kind, outcome);
      if (!busy) deps.metrics.observeSlackReply(info.surface, secondsSince(start));
    }
  };

  return {
    markFailed: (body) => {
      if (typeof body === 'object' && body !== null) failed.add(body);
    },
  };
}

async function localeWithin(users: Pick<UserDirectory, 'context'>, userId: string, fallback: Locale): Promise<Locale> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Locale>((resolve) => {
    timer = setTimeout(() => resolve(fallback), BUSY_LOCALE_WAIT_MS);
  });
  try {
    return await Promise.race([users.context(userId).then((c) => c.locale), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
