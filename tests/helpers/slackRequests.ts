import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SLASH_COMMAND } from '../../src/slack/ids.js';

/**
 * Signed requests to the real Bolt receiver, built from the payloads Slack sends
 * (copies in tests/fixtures/slack/) with our own values. Options forge the signature or move the timestamp.
 */
const FIXTURES = new URL('../fixtures/slack/', import.meta.url);
export const readFixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

export const TEST_IDS = { teamId: 'T0JP', appId: 'A0JP', userId: 'U0ALICE', channelId: 'C0CX', botId: 'B0BOT', botUserId: 'U0BOT' } as const;

export function signRequest(body: string, secret: string, timestamp: number | string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Sign with another secret (a forged request). */
  secretOverride?: string;
  /** Send this signature as is. */
  signature?: string;
  /** Leave the signature headers out entirely. */
  unsigned?: boolean;
}

export interface SlackHttpResult {
  status: number;
  text: string;
  /** Parsed JSON body when the ack carried one (e.g. view_submission errors). */
  json?: unknown;
}

export async function postSigned(baseUrl: string, secret: string, body: string, contentType: string, opts: SignOptions = {}): Promise<SlackHttpResult> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (!opts.unsigned) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = opts.signature ?? signRequest(body, opts.secretOverride ?? secret, timestamp);
  }
  const res = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers, body });
  const text = await res.text();
  let json: unknown;
  if (text.startsWith('{')) {
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, text, ...(json !== undefined ? { json } : {}) };
}

export interface SlashCommandInput {
  text: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  teamId?: string;
  appId?: string;
  command?: string;
  responseUrl: string;
  triggerId?: string;
}

/** The modern slash-command form body with our values in place. */
export function slashCommandBody(input: SlashCommandInput): string {
  const form = new URLSearchParams(readFixture('slash_command.bolt_js_modern.raw_body.txt').trim());
  form.set('command', input.command ?? SLASH_COMMAND);
  form.set('text', input.text);
  form.set('user_id', input.userId ?? TEST_IDS.userId);
  form.set('user_name', input.userName ?? 'alice');
  form.set('channel_id', input.channelId ?? TEST_IDS.channelId);
  form.set('channel_name', input.channelName ?? 'cx-team');
  form.set('team_id', input.teamId ?? TEST_IDS.teamId);
  form.set('api_app_id', input.appId ?? TEST_IDS.appId);
  form.set('response_url', input.responseUrl);
  form.set('trigger_id', input.triggerId ?? `trig.${Date.now()}.${Math.random().toString(36).slice(2, 8)}`);
  form.set('is_enterprise_install', 'false');
  form.delete('enterprise_id');
  form.delete('enterprise_name');
  return form.toString();
}

export function sendSlashCommand(baseUrl: string, secret: string, input: SlashCommandInput, opts: SignOptions = {}): Promise<SlackHttpResult> {
  return postSigned(baseUrl, secret, slashCommandBody(input), 'application/x-www-form-urlencoded', opts);
}

export interface BlockActionInput {
  actionId: string;
  value?: string;
  blockId?: string;
  /** For static selects etc.: the selected option's value. */
  selectedOption?: string;
  userId?: string;
  channelId?: string;
  teamId?: string;
  appId?: string;
  responseUrl?: string;
  /** Where the button was: a message (default, ephemeral unless messageTs given) or a view (App Home / modal). */
  container?: { type: 'message'; messageTs?: string; isEphemeral?: boolean } | { type: 'view'; viewId: string; viewType?: 'home' | 'modal'; callbackId?: string; privateMetadata?: string };
  /** For buttons in a posted message: the message as Slack would include it. */
  message?: Record<string, unknown>;
  triggerId?: string;
}

export function blockActionPayload(input: BlockActionInput): Record<string, unknown> {
  const base = JSON.parse(readFixture('block_actions.payload.json')) as Record<string, unknown>;
  const userId = input.userId ?? TEST_IDS.userId;
  const teamId = input.teamId ?? TEST_IDS.teamId;
  const channelId = input.channelId ?? TEST_IDS.channelId;
  const action: Record<string, unknown> = {
    action_id: input.actionId,
    block_id: input.blockId ?? 'b',
    type: input.selectedOption !== undefined ? 'static_select' : 'button',
    action_ts: `${Math.floor(Date.now() / 1000)}.000001`,
    ...(input.selectedOption !== undefined
      ? { selected_option: { text: { type: 'plain_text', text: input.selectedOption }, value: input.selectedOption } }
      : { text: { type: 'plain_text', text: 'Button', emoji: true }, ...(input.value !== undefined ? { value: input.value } : {}) }),
  };
  const container = input.container ?? { type: 'message' };
  const payload: Record<string, unknown> = {
    ...base,
    user: { id: userId, username: 'alice', name: 'alice', team_id: teamId },
    api_app_id: input.appId ?? TEST_IDS.appId,
    team: { id: teamId, domain: 'journey-pulse-test' },
    trigger_id: input.triggerId ?? `trig.${Date.now()}`,
    actions: [action],
  };
  if (container.type === 'message') {
    payload.container = { type: 'message', message_ts: container.messageTs ?? '1700000000.000100', channel_id: channelId, is_ephemeral: container.isEphemeral ?? container.messageTs === undefined };
    payload.channel = { id: channelId, name: 'cx-team' };
    if (input.responseUrl) payload.response_url = input.responseUrl;
    else delete payload.response_url;
    if (input.message) payload.message = input.message;
  } else {
    payload.container = { type: 'view', view_id: container.viewId };
    delete payload.channel;
    delete payload.response_url;
    payload.view = {
      id: container.viewId,
      team_id: teamId,
      type: container.viewType ?? 'home',
      callback_id: container.callbackId ?? '',
      private_metadata: container.privateMetadata ?? '',
      blocks: [],
      state: { values: {} },
      hash: 'h1',
      app_id: input.appId ?? TEST_IDS.appId,
    };
  }
  return payload;
}

export function sendBlockAction(baseUrl: string, secret: string, input: BlockActionInput, opts: SignOptions = {}): Promise<SlackHttpResult> {
  const body = new URLSearchParams({ payload: JSON.stringify(blockActionPayload(input)) }).toString();
  return postSigned(baseUrl, secret, body, 'application/x-www-form-urlencoded', opts);
}

export interface ViewSubmissionInput {
  callbackId: string;
  /** view.state.values: { [blockId]: { [actionId]: { type, value | selected_option | selected_date ... } } } */
  values: Record<string, Record<string, Record<string, unknown>>>;
  privateMetadata?: string;
  userId?: string;
  teamId?: string;
  appId?: string;
  viewId?: string;
  /** Unique per submission unless given, as in Slack (a replay repeats it). */
  triggerId?: string;
}

export function viewSubmissionPayload(input: ViewSubmissionInput): Record<string, unknown> {
  const base = JSON.parse(readFixture('view_submission.payload.json')) as Record<string, unknown> & { view: Record<string, unknown> };
  const userId = input.userId ?? TEST_IDS.userId;
  const teamId = input.teamId ?? TEST_IDS.teamId;
  const appId = input.appId ?? TEST_IDS.appId;
  return {
    ...base,
    team: { id: teamId, domain: 'journey-pulse-test' },
    user: { id: userId, username: 'alice', name: 'alice', team_id: teamId },
    api_app_id: appId,
    trigger_id: input.triggerId ?? `trig.${Date.now()}.${Math.random().toString(36).slice(2, 8)}`,
    view: {
      ...base.view,
      id: input.viewId ?? 'V0MODAL',
      team_id: teamId,
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata ?? '',
      state: { values: input.values },
      app_id: appId,
      app_installed_team_id: teamId,
      bot_id: TEST_IDS.botId,
    },
  };
}

export function sendViewSubmission(baseUrl: string, secret: string, input: ViewSubmissionInput, opts: SignOptions = {}): Promise<SlackHttpResult> {
  const body = new URLSearchParams({ payload: JSON.stringify(viewSubmissionPayload(input)) }).toString();
  return postSigned(baseUrl, secret, body, 'application/x-www-form-urlencoded', opts);
}

/** An Events API callback (e.g. app_home_opened), sent as JSON like Slack does. */
export function sendEvent(
  baseUrl: string,
  secret: string,
  event: Record<string, unknown>,
  ids: { teamId?: string; appId?: string } = {},
  opts: SignOptions = {},
): Promise<SlackHttpResult> {
  const body = JSON.stringify({
    token: 'verification_token',
    team_id: ids.teamId ?? TEST_IDS.teamId,
    api_app_id: ids.appId ?? TEST_IDS.appId,
    event: { event_ts: `${Math.floor(Date.now() / 1000)}.000100`, ...event },
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: ids.teamId ?? TEST_IDS.teamId, user_id: TEST_IDS.botUserId, is_bot: true, is_enterprise_install: false }],
  });
  return postSigned(baseUrl, secret, body, 'application/json', opts);
}
