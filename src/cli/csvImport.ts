import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { Db } from '../db/client.js';
import { withTransactionRetry } from '../db/retry.js';
import { checkResponses, checkStepMetrics, type Checked } from '../ingest/pipeline.js';
import { ATTRIBUTE_KEY_PATTERN, type Problem } from '../ingest/schemas.js';
import { insertResponses, upsertStepMetrics, type ResponseInsert, type StepMetricUpsert } from '../db/queries/ingest.js';

/**
 * CSV imports for responses and step metrics. A file goes through the same zod validation and
 * insert functions as the HTTP API, in batches of 1,000, in two passes: the whole file is
 * checked first and nothing is written if any row is bad; only then is it streamed again and
 * written. Re-importing a file counts its answers as duplicates (idempotent by source + id).
 */

export const RESPONSE_COLUMNS = ['id', 'journey', 'touchpoint', 'metric', 'score', 'comment', 'customer', 'responded_at'] as const;
export const REQUIRED_RESPONSE_COLUMNS = ['id', 'journey', 'touchpoint', 'metric', 'score', 'responded_at'] as const;
export const STEP_METRIC_COLUMNS = ['journey', 'touchpoint', 'day', 'reached'] as const;

/** `attr.<key>` columns carry attributes (`attr.region` → `{"region": …}`); an empty cell means none. */
export const ATTRIBUTE_COLUMN_PREFIX = 'attr.';

export const CSV_BATCH_SIZE = 1000;

/** A problem located in the file: `line` is the CSV line the record ends on (header = line 1). */
export interface LineProblem {
  line?: number;
  field: string;
  message: string;
}

export type ImportOutcome<T> = ({ ok: true; rows: number } & T) | { ok: false; problems: LineProblem[] };

export interface ImportOptions {
  now?: () => Date;
  /** Progress lines (stderr in the CLI); called once per batch for files over one batch. */
  progress?: (message: string) => void;
  batchSize?: number;
}

interface RawBatch {
  rows: Array<Record<string, unknown>>;
  lines: number[];
}

/** Streams a CSV file in batches of objects keyed by header; '' cells become missing values. */
async function* readBatches(
  file: string,
  toRow: (record: Record<string, string>) => Record<string, unknown>,
  batchSize: number,
): AsyncGenerator<RawBatch> {
  const parser = createReadStream(file).pipe(
    parse({ columns: (header: string[]) => header.map((h) => h.trim()), bom: true, skip_empty_lines: true, trim: true, info: true }),
  );
  let batch: RawBatch = { rows: [], lines: [] };
  for await (const item of parser) {
    const { record, info } = item as { record: Record<string, string>; info: { lines: number } };
    batch.rows.push(toRow(record));
    batch.lines.push(info.lines);
    if (batch.rows.length >= batchSize) {
      yield batch;
      batch = { rows: [], lines: [] };
    }
  }
  if (batch.rows.length > 0) yield batch;
}

async function readHeader(file: string): Promise<string[]> {
  const parser = createReadStream(file).pipe(parse({ bom: true, to_line: 1, trim: true }));
  for await (const record of parser) return (record as string[]).map((h) => h.trim());
  return [];
}

async function checkHeader(file: string, required: readonly string[], known: readonly string[]): Promise<LineProblem[]> {
  const header = await readHeader(file);
  if (header.length === 0) return [{ line: 1, field: '(header)', message: `the file is empty; expected a header line: ${known.join(',')}` }];
  const problems: LineProblem[] = [];
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) problems.push({ line: 1, field: '(header)', message: `missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (expected ${known.join(',')})` });
  const unknown = header.filter((c) => !known.includes(c) && !c.startsWith(ATTRIBUTE_COLUMN_PREFIX));
  for (const c of header.filter((h) => h.startsWith(ATTRIBUTE_COLUMN_PREFIX))) {
    const key = c.slice(ATTRIBUTE_COLUMN_PREFIX.length);
    if (!ATTRIBUTE_KEY_PATTERN.test(key)) {
      problems.push({ line: 1, field: '(header)', message: `column "${c}": an attribute key must be lowercase a-z, 0-9 or "_", starting with a letter (e.g. attr.region)` });
    }
  }
  if (unknown.length > 0) problems.push({ line: 1, field: '(header)', message: `unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (expected ${known.join(',')})` });
  return problems;
}

const blankToUndefined = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);
/** Integers become numbers; anything else stays text so validation can say what is wrong with it. */
const numberish = (v: string | undefined) => {
  const s = blankToUndefined(v);
  return s !== undefined && /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
};

/** The non-empty `attr.<key>` cells of a record, or undefined when there are none. */
function attributesOf(r: Record<string, string>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [column, value] of Object.entries(r)) {
    if (column.startsWith(ATTRIBUTE_COLUMN_PREFIX) && value !== '') out[column.slice(ATTRIBUTE_COLUMN_PREFIX.length)] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function responseRecord(r: Record<string, string>): Record<string, unknown> {
  return {
    attributes: attributesOf(r),
    id: blankToUndefined(r.id),
    journey: blankToUndefined(r.journey),
    touchpoint: blankToUndefined(r.touchpoint),
    metric: blankToUndefined(r.metric),
    score: numberish(r.score),
    comment: blankToUndefined(r.comment),
    customer: blankToUndefined(r.customer),
    respondedAt: blankToUndefined(r.responded_at),
  };
}

function stepMetricRecord(r: Record<string, string>): Record<string, unknown> {
  return {
    journey: blankToUndefined(r.journey),
    touchpoint: blankToUndefined(r.touchpoint),
    day: blankToUndefined(r.day),
    reached: numberish(r.reached),
    attributes: attributesOf(r),
  };
}

/** CSV column names in messages, not the API's camelCase. */
const CSV_FIELD: Record<string, string> = { respondedAt: 'responded_at' };

function locate(problems: Problem[], lines: number[]): LineProblem[] {
  return problems.map((p) => ({
    ...(p.index !== undefined ? { line: lines[p.index] } : {}),
    field: CSV_FIELD[p.field] ?? p.field.replace(/^attributes\./, ATTRIBUTE_COLUMN_PREFIX),
    message: p.message.replace(/^respondedAt/, 'responded_at'),
  }));
}

async function importCsv<T>(
  file: string,
  spec: {
    required: readonly string[];
    known: readonly string[];
    toRow: (record: Record<string, string>) => Record<string, unknown>;
    check: (rows: Array<Record<string, unknown>>) => Promise<Checked<T>>;
    write: (rows: T[]) => Promise<void>;
  },
  options: ImportOptions,
): Promise<ImportOutcome<object>> {
  const batchSize = options.batchSize ?? CSV_BATCH_SIZE;
  const headerProblems = await checkHeader(file, spec.required, spec.known);
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems };

  // Pass 1: validate everything, write nothing.
  const problems: LineProblem[] = [];
  let total = 0;
  for await (const batch of readBatches(file, spec.toRow, batchSize)) {
    total += batch.rows.length;
    const checked = await spec.check(batch.rows);
    if (!checked.ok) problems.push(...locate(checked.problems, batch.lines));
    if (total > batchSize) options.progress?.(`checked ${total.toLocaleString('en')} rows`);
  }
  if (total === 0) return { ok: false, problems: [{ field: '(file)', message: 'the file has a header but no rows' }] };
  if (problems.length > 0) return { ok: false, problems: dedupeFileLevel(problems) };

  // Pass 2: write batch by batch (each batch is its own all-or-nothing statement).
  let done = 0;
  for await (const batch of readBatches(file, spec.toRow, batchSize)) {
    const checked = await spec.check(batch.rows);
    // The file changed between the passes (or a journey was redefined meanwhile): stop here.
    if (!checked.ok) return { ok: false, problems: locate(checked.problems, batch.lines) };
    await spec.write(checked.rows);
    done += batch.rows.length;
    if (total > batchSize) options.progress?.(`imported ${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows`);
  }
  return { ok: true, rows: total };
}

/** A problem of the batch itself (e.g. a bad --source) repeats once per batch: report it once. */
function dedupeFileLevel(problems: LineProblem[]): LineProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (p.line !== undefined) return true;
    const k = `${p.field}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export async function importResponsesCsv(
  db: Db,
  file: string,
  options: ImportOptions & { source?: string } = {},
): Promise<ImportOutcome<{ accepted: number; duplicates: number }>> {
  const now = options.now ?? (() => new Date());
  let accepted = 0;
  let duplicates = 0;
  const outcome = await importCsv<ResponseInsert>(
    file,
    {
      required: REQUIRED_RESPONSE_COLUMNS,
      known: RESPONSE_COLUMNS,
      toRow: responseRecord,
      check: (rows) => checkResponses(db, { ...(options.source !== undefined ? { source: options.source } : {}), responses: rows }, now),
      write: async (rows) => {
        const { value: r } = await withTransactionRetry(() => insertResponses(db, rows));
        accepted += r.accepted;
        duplicates += r.duplicates;
      },
    },
    options,
  );
  return outcome.ok ? { ok: true, rows: outcome.rows, accepted, duplicates } : outcome;
}

export async function importStepMetricsCsv(db: Db, file: string, options: ImportOptions = {}): Promise<ImportOutcome<{ written: number }>> {
  let written = 0;
  const outcome = await importCsv<StepMetricUpsert>(
    file,
    {
      required: STEP_METRIC_COLUMNS,
      known: STEP_METRIC_COLUMNS,
      toRow: stepMetricRecord,
      check: (rows) => checkStepMetrics(db, { metrics: rows }),
      write: async (rows) => {
        written += (await withTransactionRetry(() => upsertStepMetrics(db, rows))).value.written;
      },
    },
    options,
  );
  return outcome.ok ? { ok: true, rows: outcome.rows, written } : outcome;
}
