/**
 * What is safe and useful to log about a thrown value.
 *
 * Database errors arrive wrapped: drizzle throws its own error whose message is
 * "Failed query: <sql>\nparams: <every bound value>" and keeps the driver's error in `.cause`.
 * Those params are customer data (survey comments, whole ingest batches), so for a wrapped
 * query error we report the driver's message and SQLSTATE fields instead and drop the query.
 * `detail` is left out on purpose: Postgres puts row values there ("Key (external_id)=(…)").
 * Only plain, whitelisted fields are copied, never the driver's `query`/`parameters` properties.
 */
export interface ErrorCause {
  name: string;
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

const QUERY_MESSAGE = /^Failed query:/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * drizzle's wrapper does not set a name, so it is recognised by its message. Not by `query`/`params`
 * fields: PGlite's own error carries those too, and it is the one whose code we want.
 */
function isWrappedQueryError(value: Record<string, unknown>): boolean {
  const message = value.message;
  return value.name === 'DrizzleQueryError' || (typeof message === 'string' && QUERY_MESSAGE.test(message));
}

function stringField(value: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = value[key];
    if (typeof v === 'string' && v.length > 0) return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}

export function errorCause(err: unknown): ErrorCause {
  if (!isObject(err)) return { name: 'Error', message: String(err) };
  let target: Record<string, unknown> = err;
  // Unwrap every query wrapper (a transaction may wrap a wrapped error); stop at the driver's error.
  for (let depth = 0; depth < 5 && isWrappedQueryError(target); depth++) {
    if (!isObject(target.cause)) {
      // No driver error to report: say that a query failed, without the query or its params.
      return { name: 'DrizzleQueryError', message: 'Failed query (query and params not logged)' };
    }
    target = target.cause;
  }
  const name = typeof target.name === 'string' && target.name.length > 0 ? target.name : 'Error';
  const message = typeof target.message === 'string' ? target.message : '';
  const out: ErrorCause = { name, message };
  const code = stringField(target, 'code');
  // node-postgres and PGlite say `constraint`/`table`/`column`; postgres.js adds `_name`.
  const constraint = stringField(target, 'constraint', 'constraint_name');
  const table = stringField(target, 'table', 'table_name');
  const column = stringField(target, 'column', 'column_name');
  if (code !== undefined) out.code = code;
  if (constraint !== undefined) out.constraint = constraint;
  if (table !== undefined) out.table = table;
  if (column !== undefined) out.column = column;
  return out;
}
