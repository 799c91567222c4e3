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

/** Parses a JSON body; malformed JSON is a 400 that says where it broke. */
export async function readJson(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    req.resume();
    throw new HttpError(415, { error: 'unsupported_media_type', message: 'Send the body as application/json.' });
  }
  const body = await readBody(req, limitBytes);
  if (body.length === 0) throw new HttpError(400, { error: 'empty_body', message: 'Request body is empty; expected a JSON object.' });
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new HttpError(400, { error: 'malformed_json', message: `Request body is not valid JSON: ${detail}` });
  }
}
