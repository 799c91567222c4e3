/**
 * What is safe and useful to log about a thrown value, above all a failed database call. Drizzle wraps the driver's error in a
 * DrizzleQueryError whose message (and stack) holds the whole query and every parameter — for
 * an ingest batch, every comment and customer ref. The driver's error (postgres.js
 * PostgresError, PGlite DatabaseError) sits in `.cause` and carries the SQLSTATE, the
 * constraint and the table, which is what an operator needs. PGlite's error also carries
 * `query` and `params`, and both carry `detail`, which quotes row values
 * (`Key (source, external_id)=(…)`): none of those are copied.
 */
export interface ErrorCause {
  name: string;
  message: string;
  /** SQLSTATE, e.g. 40P01 (deadlock), 23505 (unique violation). */
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
const MAX_MESSAGE = 500;
const MAX_DEPTH = 8;

/** Postgres codes after which running the same transaction again can succeed. */
const RETRYABLE_CODES = new Set(['40P01', '40001']);

type Fields = Record<string, unknown>;

function fieldsOf(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null ? (value as Fields) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function clip(s: string): string {
  return s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE)}…` : s;
}

/** The error and its causes, outermost first; bounded and safe against cycles. */
function chain(err: unknown): Fields[] {
  const out: Fields[] = [];
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (out.length < MAX_DEPTH && !seen.has(current)) {
    const fields = fieldsOf(current);
    if (!fields) break;
    seen.add(current);
    out.push(fields);
    current = fields.cause;
  }
  return out;
}

/** The first error in the cause chain that came from Postgres (it has a SQLSTATE), safely summarised. */
export function dbErrorCause(err: unknown): ErrorCause | undefined {
  for (const e of chain(err)) {
    const code = text(e.code);
    if (!code || !SQLSTATE.test(code)) continue;
    const cause: ErrorCause = { name: text(e.name) ?? 'DatabaseError', message: clip(text(e.message) ?? '(no message)'), code };
    // postgres.js names the fields after the protocol (constraint_name), PGlite after pg (constraint).
    const constraint = text(e.constraint_name) ?? text(e.constraint);
    const table = text(e.table_name) ?? text(e.table);
    const column = text(e.column_name) ?? text(e.column);
    if (constraint) cause.constraint = constraint;
    if (table) cause.table = table;
    if (column) cause.column = column;
    return cause;
  }
  return undefined;
}

/**
 * A loggable summary of any thrown value: the Postgres cause when there is one, otherwise the
 * name and message of the innermost error that is not a query wrapper (a connection error
 * such as ECONNREFUSED keeps its code). Never the query text or its parameters.
 */
export function errorCause(err: unknown): ErrorCause {
  const db = dbErrorCause(err);
  if (db) return db;
  const errors = chain(err);
  if (errors.length === 0) return { name: 'Error', message: clip(String(err)) };
  const unwrapped = errors.filter((e) => !isQueryWrapper(e));
  const inner = unwrapped[unwrapped.length - 1];
  if (!inner) return { name: 'DrizzleQueryError', message: 'Failed query (query and params not logged)' };
  const cause: ErrorCause = { name: text(inner.name) ?? 'Error', message: clip(text(inner.message) ?? '(no message)') };
  const code = text(inner.code);
  if (code) cause.code = code;
  return cause;
}

/** Drizzle's wrapper, recognised by shape so that a renamed class cannot leak params into logs. */
function isQueryWrapper(e: Fields): boolean {
  return 'params' in e || 'query' in e || (typeof e.message === 'string' && e.message.startsWith('Failed query:'));
}

/** A deadlock or serialization failure: the transaction was rolled back and may simply be run again. */
export function isRetryableTransactionError(err: unknown): boolean {
  const code = dbErrorCause(err)?.code;
  return code !== undefined && RETRYABLE_CODES.has(code);
}
