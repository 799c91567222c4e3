import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Slack Web API (use `${url}/api/` as SLACK_API_URL) that records every
 * call and answers like Slack does, plus response_url endpoints and the file upload URL.
 * Errors, 429s, 500s and slow answers are scripted per method with failNext().
 */
export interface RecordedCall {
  method: string;
  /** Form fields (JSON-looking values parsed) or the JSON body. */
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  at: number;
}

export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeUser {
  locale?: string;
  tz?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  /** Make users.info fail for this user with this error (e.g. user_not_found). */
  error?: string;
}

export interface FakeChannel {
  is_member?: boolean;
  is_private?: boolean;
  is_archived?: boolean;
  name?: string;
  error?: string;
}

export interface Failure {
  status?: 429 | 500 | 502 | 503;
  /** Seconds, sent as Retry-After with a 429. */
  retryAfter?: number;
  /** A Slack error code answered as 200 { ok: false, error }. */
  error?: string;
  /** Wait this long before answering (to trigger client timeouts). */
  delayMs?: number;
}

export interface FakeSlack {
  url: string;
  apiUrl: string;
  calls: RecordedCall[];
  responses: RecordedResponse[];
  /** Uploaded file bytes by file id. */
  uploads: Map<string, Buffer>;
  callsTo(method: string): RecordedCall[];
  setUser(id: string, user: FakeUser): void;
  setChannel(id: string, channel: FakeChannel): void;
  failNext(method: string, failure: Failure, times?: number): void;
  responseUrl(id: string): string;
  responsesTo(id: string): RecordedResponse[];
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const uploads = new Map<string, Buffer>();
  const users = new Map<string, FakeUser>();
  const channels = new Map<string, FakeChannel>();
  const failures = new Map<string, Failure[]>();
  let seq = 0;
  let url = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readAll(req);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/response/')) {
      const id = decodeURIComponent(path.slice('/response/'.length));
      responses.push({ id, body: parseBody(raw, req.headers['content-type']) });
      return send(res, 200, 'ok', 'text/plain');
    }
    if (path.startsWith('/upload/')) {
      // The SDK posts the bytes as multipart/form-data (one part); keep just the file bytes.
      uploads.set(decodeURIComponent(path.slice('/upload/'.length)), firstMultipartPart(raw, req.headers['content-type']) ?? raw);
      return send(res, 200, `OK - ${raw.length}`, 'text/plain');
    }
    if (!path.startsWith('/api/')) return send(res, 404, 'not found', 'text/plain');
    const method = path.slice('/api/'.length);
    const body = parseBody(raw, req.headers['content-type']);
    calls.push({ method, body, headers: req.headers, at: Date.now() });

    const failure = failures.get(method)?.shift();
    if (failure) {
      if (failure.delayMs) await new Promise((r) => setTimeout(r, failure.delayMs));
      if (failure.status === 429) {
        return send(res, 429, JSON.stringify({ ok: false, error: 'ratelimited' }), 'application/json', { 'retry-after': String(failure.retryAfter ?? 0) });
      }
      if (failure.status) return send(res, failure.status, 'upstream error', 'text/plain');
      if (failure.error) return json(res, { ok: false, error: failure.error });
    }
    return json(res, answer(method, body));
  }

  function answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    seq += 1;
    const ts = `${1_700_000_000 + seq}.${String(seq).padStart(6, '0')}`;
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k]) : '');
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'journey-pulse', team_id: 'T0JP', user_id: 'U0BOT', bot_id: 'B0BOT' };
      case 'chat.postMessage':
        return { ok: true, channel: str('channel'), ts, message: { text: str('text'), ts, bot_id: 'B0BOT' } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts };
      case 'chat.update':
        return { ok: true, channel: str('channel'), ts: str('ts'), text: str('text') };
      case 'chat.delete':
        return { ok: true, channel: str('channel'), ts: str('ts') };
      case 'chat.getPermalink':
        return { ok: true, channel: str('channel'), permalink: `https://fake.slack.com/archives/${str('channel')}/p${str('message_ts').replace('.', '')}` };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
      case 'views.push': {
        const view = typeof body.view === 'object' && body.view !== null ? (body.view as Record<string, unknown>) : {};
        return { ok: true, view: { ...view, id: str('view_id') || `V${seq}`, hash: `h${seq}` } };
      }
      case 'users.info': {
        const id = str('user');
        const u = users.get(id) ?? {};
        if (u.error) return { ok: false, error: u.error };
        return {
          ok: true,
          user: {
            id,
            team_id: 'T0JP',
            name: id.toLowerCase(),
            real_name: `User ${id}`,
            tz: u.tz ?? 'America/Los_Angeles',
            ...(body.include_locale === true || body.include_locale === 'true' ? { locale: u.locale ?? 'en-US' } : {}),
            is_admin: u.is_admin ?? false,
            is_owner: u.is_owner ?? false,
            is_primary_owner: false,
            is_bot: false,
          },
        };
      }
      case 'conversations.info': {
        const id = str('channel');
        const c = channels.get(id) ?? {};
        if (c.error) return { ok: false, error: c.error };
        return { ok: true, channel: { id, name: c.name ?? `channel-${id.toLowerCase()}`, is_private: c.is_private ?? false, is_member: c.is_member ?? true, is_archived: c.is_archived ?? false } };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(seq).padStart(9, '0')}`;
        return { ok: true, upload_url: `${url}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(body.files) ? (body.files as { id: string; title?: string }[]) : [];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '', mimetype: 'image/png' })) };
      }
      default:
        return { ok: true };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    responses,
    uploads,
    callsTo: (method) => calls.filter((c) => c.method === method),
    setUser: (id, user) => users.set(id, user),
    setChannel: (id, channel) => channels.set(id, channel),
    failNext: (method, failure, times = 1) => {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < times; i += 1) list.push(failure);
      failures.set(method, list);
    },
    responseUrl: (id) => `${url}/response/${encodeURIComponent(id)}`,
    responsesTo: (id) => responses.filter((r) => r.id === id),
    waitFor: async <T>(predicate: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = predicate();
        if (value !== undefined && value !== null && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`fake Slack: condition not met within ${timeoutMs} ms (${calls.length} calls: ${calls.map((c) => c.method).join(', ')})`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    reset: () => {
      calls.length = 0;
      responses.length = 0;
      failures.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function firstMultipartPart(raw: Buffer, contentType: string | undefined): Buffer | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return undefined;
  const delimiter = Buffer.from(`--${b}`);
  const start = raw.indexOf(delimiter);
  if (start < 0) return undefined;
  const headersEnd = raw.indexOf('\r\n\r\n', start);
  const next = raw.indexOf(Buffer.from(`\r\n--${b}`), headersEnd);
  if (headersEnd < 0 || next < 0) return undefined;
  return raw.subarray(headersEnd + 4, next);
}

/** Form bodies as Slack's SDK sends them: nested values (blocks, view, files) are JSON strings. */
function parseBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (text.length === 0) return {};
  if ((contentType ?? '').includes('application/json')) {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { _raw: text };
    }
  }
  if ((contentType ?? '').includes('application/x-www-form-urlencoded')) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(text)) {
      if (/^[[{]/.test(v)) {
        try {
          out[k] = JSON.parse(v) as unknown;
          continue;
        } catch {
          // not JSON after all: keep the string
        }
      }
      out[k] = v;
    }
    return out;
  }
  return { _raw: text };
}

function send(res: ServerResponse, status: number, body: string, type: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body);
}

function json(res: ServerResponse, body: Record<string, unknown>): void {
  send(res, 200, JSON.stringify(body), 'application/json; charset=utf-8');
}
