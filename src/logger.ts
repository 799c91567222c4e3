import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { errorCause, type ErrorCause } from './errorCause.js';

/**
 * Structured logging on top of pino: one JSON line per event on stderr, or a readable line
 * when a person is watching a terminal.
 *
 * Secrets never reach the output by accident, at two layers:
 *  - fields whose key names a credential or a single-use Slack value are censored by pino's
 *    `redact` paths (top level and two levels down, which covers `{ req: { headers } }`);
 *  - every string, and finally every written line, is scrubbed of Slack tokens, hooks.slack.com
 *    URLs and response_url/trigger_id values, because Bolt's debug logs put whole request bodies
 *    into the message text where no key-based rule can see them.
 * Strings are capped so one oversized payload cannot flood the log pipeline.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;
/** auto: pretty when stderr is a terminal, JSON otherwise. */
export type LogFormat = 'auto' | 'pretty' | 'json';

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  format?: LogFormat;
}

const CENSOR = '[redacted]';
/** Longest string kept in a log line; longer ones are cut and say how much was dropped. */
export const MAX_STRING_CHARS = 2048;
const MAX_DEPTH = 8;

const SECRET_KEYS = [
  'token',
  'accessToken',
  'access_token',
  'botToken',
  'bot_token',
  'appToken',
  'app_token',
  'userToken',
  'refreshToken',
  'refresh_token',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'INGEST_TOKEN',
  'METRICS_TOKEN',
  'DATABASE_URL',
  'secret',
  'signingSecret',
  'signing_secret',
  'clientSecret',
  'client_secret',
  'password',
  'authorization',
  'Authorization',
  'cookie',
  'signature',
  'response_url',
  'responseUrl',
  'trigger_id',
  'triggerId',
];
const SECRET_HEADERS = ['authorization', 'cookie', 'x-slack-signature'];

/** Each secret key at the top level, one and two levels down; headers wherever a request sits. */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  ...SECRET_HEADERS.flatMap((h) => [`headers["${h}"]`, `*.headers["${h}"]`, `*.*.headers["${h}"]`]),
];

const TOKEN = /xox[abeprs]-[\w-]+|xapp-[\w-]+/g;
// Slashes may be JSON-escaped (`\/`), doubly so once a body sits in a JSON line, or URL-encoded.
const HOOK_URL = /https?(?::|%3A)(?:\\*\/|%2F){2}hooks\.slack\.com(?:\\*\/|%2F|[^\s"'<>\\])*/gi;
// `response_url=…`, `"response_url":"…"`, `\"trigger_id\":\"…\"`, `response_url%22%3A%22…` (form-encoded JSON).
const SINGLE_USE_VALUE = /(?<![A-Za-z_])(response_?url|trigger_?id)(\\*["']?\s*[:=]\s*\\*["']?|%22%3A%22|%3D)((?:\\*\/|(?!%22|%26)[^\s"'\\&,}])+)/gi;

/** Removes Slack tokens, hooks.slack.com URLs and response_url/trigger_id values from free text. */
export function scrubSecrets(text: string): string {
  return text.replace(TOKEN, CENSOR).replace(HOOK_URL, CENSOR).replace(SINGLE_USE_VALUE, `$1$2${CENSOR}`);
}

function capString(text: string): string {
  if (text.length <= MAX_STRING_CHARS) return text;
  return `${text.slice(0, MAX_STRING_CHARS)}…[${text.length - MAX_STRING_CHARS} more chars]`;
}

/** Scrub before capping: a cut could otherwise leave half a token that no longer matches. */
function cleanString(text: string): string {
  return capString(scrubSecrets(text));
}

/** Keeps only the stack frames: the first lines repeat the message, which for drizzle holds the query and params. */
function stackFrames(stack: string | undefined): string | undefined {
  if (stack === undefined) return undefined;
  const at = stack.search(/\n\s+at /);
  return at < 0 ? undefined : stack.slice(at + 1);
}

export interface SerializedError extends ErrorCause {
  stack?: string;
  cause?: SerializedError;
}

/** How an Error appears in a log line: the database cause's fields, never a query or its params. */
export function serializeError(err: Error, depth = 0): SerializedError {
  const summary = errorCause(err);
  const out: SerializedError = { ...summary };
  const frames = stackFrames(err.stack);
  if (frames !== undefined) out.stack = `${summary.name}: ${summary.message}\n${frames}`;
  // A plain wrapper (fetch failed → ECONNREFUSED) says little without its cause; query wrappers were unwrapped above.
  const cause: unknown = err.cause;
  if (depth < 2 && summary.message === err.message && cause instanceof Error) out.cause = serializeError(cause, depth + 1);
  return out;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Serializes errors and scrubs/caps every string in the fields before pino stringifies them. */
function clean(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return cleanString(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth > MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) {
    seen.add(value);
    return clean(serializeError(value), depth, seen);
  }
  if (Array.isArray(value)) {
    seen.add(value);
    return value.map((v: unknown) => clean(v, depth + 1, seen));
  }
  // Dates, Buffers and class instances are left to pino's serializer; the line-level scrub still covers them.
  if (!isPlainObject(value)) return value;
  seen.add(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = clean(v, depth + 1, seen);
  return out;
}

function cleanFields(fields: Record<string, unknown>): Record<string, unknown> {
  return clean(fields, 0, new WeakSet()) as Record<string, unknown>;
}

function lineWriter(write: (line: string) => void, transform: (line: string) => string = (l) => l): DestinationStream {
  return {
    write: (chunk: string) => {
      const out = transform(chunk);
      write(out.endsWith('\n') ? out.slice(0, -1) : out);
    },
  };
}

function wrap(p: PinoLogger): Logger {
  const emit = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields) => {
    if (!p.isLevelEnabled(lvl)) return;
    p[lvl](fields ?? {}, cleanString(msg));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => wrap(p.child(fields)),
  };
}

export function resolveLogFormat(format: LogFormat, isTTY: boolean): 'pretty' | 'json' {
  if (format !== 'auto') return format;
  return isTTY ? 'pretty' : 'json';
}

const noop = (): void => undefined;
const silent: Logger = { debug: noop, info: noop, warn: noop, error: noop, child: () => silent };

/**
 * `write` receives each line without its newline (tests collect them); by default lines go to
 * stderr. Output is JSON unless `format` is pretty, or auto with stderr a terminal and no `write`.
 */
export function createLogger(level: LogLevel, base: LogFields = {}, write?: (line: string) => void, options: LoggerOptions = {}): Logger {
  if (level === 'silent') return silent;
  // Lines handed to `write` are machine-read (tests, collectors), so auto means JSON there.
  const pretty = resolveLogFormat(options.format ?? 'auto', write === undefined && process.stderr.isTTY) === 'pretty';
  const sink = write ?? ((line: string) => process.stderr.write(line + '\n'));
  let destination: DestinationStream;
  if (pretty) {
    const prettify = prettyFactory({ colorize: process.stderr.isTTY && write === undefined, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
    destination = lineWriter(sink, (line) => prettify(line));
  } else {
    destination = write ? lineWriter(write) : pino.destination({ dest: 2, sync: true });
  }
  const p = pino(
    {
      level,
      base,
      redact: { paths: [...REDACT_PATHS], censor: CENSOR },
      timestamp: pretty ? pino.stdTimeFunctions.epochTime : pino.stdTimeFunctions.isoTime,
      // Errors were already turned into SerializedError by `clean`; pino's own err serializer would re-wrap them.
      serializers: { err: (v: unknown) => v },
      formatters: {
        // pino-pretty colours numeric levels; JSON consumers read the label.
        ...(pretty ? {} : { level: (label: string) => ({ level: label }) }),
        bindings: cleanFields,
        log: cleanFields,
      },
      hooks: { streamWrite: scrubSecrets },
    },
    destination,
  );
  return wrap(p);
}

export const silentLogger: Logger = silent;
