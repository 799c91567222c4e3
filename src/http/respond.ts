import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error: string; message: string; [extra: string]: unknown },
  ) {
    super(body.message);
    this.name = 'HttpError';
  }
}

/** Reads a request body up to `limitBytes`; larger bodies are refused with 413 without buffering them all. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume();
    throw new HttpError(413, { error: 'payload_too_large', message: `Request body is larger than ${limitBytes} bytes.` });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) {
      req.resume();
      throw new HttpError(413, { error: 'payload_too_large', message: `Request body is larger than ${limitBytes} bytes.` });
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * Checks the Content-Type: `application/json`, optionally with `charset=utf-8` (any case,
 * optionally quoted). Look-alikes such as application/jsonp, application/json-seq or
 * text/json are other formats, and any other charset would be decoded wrongly.
 */
export function checkJsonContentType(header: string | undefined): void {
  const [essence = '', ...params] = (header ?? '').split(';');
  if (essence.trim().toLowerCase() !== 'application/json') {
    const given = header === undefined || header.trim() === '' ? 'no Content-Type' : `Content-Type "${header.slice(0, 100)}"`;
    throw new HttpError(415, {
      error: 'unsupported_media_type',
      message: `Send the body as application/json (got ${given}).`,
    });
  }
  for (const param of params) {
    const eq = param.indexOf('=');
    const name = (eq < 0 ? param : param.slice(0, eq)).trim().toLowerCase();
    if (name !== 'charset') continue;
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    if (value !== 'utf-8') {
      throw new HttpError(415, {
        error: 'unsupported_charset',
        message: `Only UTF-8 is accepted: send Content-Type: application/json; charset=utf-8 (got charset "${value.slice(0, 40)}").`,
      });
    }
  }
}

/** Parses a JSON body; malformed JSON is a 400 that says where it broke. */
export async function readJson(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  try {
    checkJsonContentType(req.headers['content-type']);
  } catch (err) {
    req.resume();
    throw err;
  }
  const body = await readBody(req, limitBytes);
  if (body.length === 0) throw new HttpError(400, { error: 'empty_body', message: 'Request body is empty; expected a JSON object.' });
  let text: string;
  try {
    // Fatal: a lenient decoder would store U+FFFD in place of the bytes the sender meant.
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new HttpError(400, {
      error: 'invalid_utf8',
      message: `Request body is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8Offset(body)}); send the JSON encoded as UTF-8.`,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new HttpError(400, { error: 'malformed_json', message: `Request body is not valid JSON: ${detail}` });
  }
}

/** Byte offset where the first sequence a strict decoder refuses starts, so the sender can find it. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const decodes = (end: number, stream: boolean) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream });
      return true;
    } catch {
      return false;
    }
  };
  // The longest prefix that is valid as far as it goes (a cut-off last character allowed)...
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (decodes(mid, true)) lo = mid;
    else hi = mid - 1;
  }
  // ...then back to where its cut-off last character began (at most 3 bytes earlier).
  for (let start = lo; start >= Math.max(0, lo - 3); start--) if (decodes(start, false)) return start;
  return lo;
}
