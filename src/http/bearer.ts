import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What a request's Authorization header says against the expected bearer token. */
export type BearerCheck = 'ok' | 'missing' | 'invalid';

/**
 * A constant-time bearer-token check for the HTTP routes that have one (ingest API, metrics).
 * Both sides are hashed first, so timingSafeEqual compares equal lengths and neither the token
 * nor its length leaks through the comparison time.
 */
export function bearerChecker(token: string): (req: IncomingMessage) => BearerCheck {
  const expected = sha256(token);
  return (req) => {
    const match = /^Bearer +(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) return 'missing';
    return timingSafeEqual(sha256(match[1] ?? ''), expected) ? 'ok' : 'invalid';
  };
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}
