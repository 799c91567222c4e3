import type { Db } from '../db/client.js';
import { withTransactionRetry, type RetryOptions } from '../db/retry.js';
import {
  insertResponses,
  resolveTouchpointKeys,
  upsertJourneyDefinition,
  upsertStepMetrics,
  type InsertResponsesResult,
  type KeyPair,
  type ResponseInsert,
  type StepMetricUpsert,
  type UpsertJourneyResult,
} from '../db/queries/ingest.js';
import {
  journeyDefinitionSchema,
  responsesBatchSchema,
  SLUG_PATTERN,
  stepMetricsBatchSchema,
  validate,
  type Problem,
} from './schemas.js';

/**
 * The steps every write path shares (HTTP routes, CLI, tests): validate the shape with zod,
 * resolve journey/touchpoint keys, and only when nothing is wrong anywhere, write.
 * `check*` functions never write, so the CLI can validate a whole file before inserting.
 */

export type Checked<T> = { ok: true; rows: T[] } | { ok: false; problems: Problem[] };

async function resolveAll(db: Db, pairs: readonly KeyPair[]): Promise<{ ids: number[]; problems: Problem[] }> {
  const resolved = await resolveTouchpointKeys(db, pairs);
  const ids: number[] = [];
  const problems: Problem[] = [];
  resolved.forEach((r, index) => {
    const pair = pairs[index]!;
    if ('touchpointId' in r) ids.push(r.touchpointId);
    else if (r.unknown === 'journey') problems.push({ index, field: 'journey', message: `unknown journey "${pair.journey}"` });
    else problems.push({ index, field: 'touchpoint', message: `journey "${pair.journey}" has no touchpoint "${pair.touchpoint}"` });
  });
  return { ids, problems };
}

// Building the zod schema costs more than validating 1,000 rows with it: one per clock.
const schemaByClock = new WeakMap<() => Date, ReturnType<typeof responsesBatchSchema>>();
function responsesSchemaFor(now: () => Date): ReturnType<typeof responsesBatchSchema> {
  let schema = schemaByClock.get(now);
  if (!schema) {
    schema = responsesBatchSchema(now);
    schemaByClock.set(now, schema);
  }
  return schema;
}

/** Validates a `{ source?, responses: [...] }` body and resolves its keys; writes nothing. */
export async function checkResponses(db: Db, body: unknown, now: () => Date): Promise<Checked<ResponseInsert>> {
  const parsed = validate(responsesSchemaFor(now), body, 'responses');
  if (!parsed.ok) {
    // Keys of rows that are otherwise fine are still worth checking, so every problem shows at once.
    const extra = await unknownKeysOfRawRows(db, body, 'responses');
    return { ok: false, problems: mergeProblems(parsed.problems, extra) };
  }
  const { source = '', responses } = parsed.value;
  const { ids, problems } = await resolveAll(db, responses);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    rows: responses.map((r, i) => ({
      touchpointId: ids[i]!,
      metric: r.metric,
      score: r.score,
      comment: r.comment,
      customerRef: r.customer,
      respondedAt: r.respondedAt,
      source,
      externalId: r.id,
      ...(r.attributes ? { attributes: r.attributes } : {}),
    })),
  };
}

/** Validates a `{ metrics: [...] }` body and resolves its keys; writes nothing. */
export async function checkStepMetrics(db: Db, body: unknown): Promise<Checked<StepMetricUpsert>> {
  const parsed = validate(stepMetricsBatchSchema, body, 'metrics');
  if (!parsed.ok) {
    const extra = await unknownKeysOfRawRows(db, body, 'metrics');
    return { ok: false, problems: mergeProblems(parsed.problems, extra) };
  }
  const { metrics } = parsed.value;
  const { ids, problems } = await resolveAll(db, metrics);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    rows: metrics.map((m, i) => ({ touchpointId: ids[i]!, day: m.day, reached: m.reached, ...(m.attributes ? { attributes: m.attributes } : {}) })),
  };
}

/** Unknown-key problems for rows whose journey and touchpoint are at least well-formed slugs. */
async function unknownKeysOfRawRows(db: Db, body: unknown, listKey: string): Promise<Problem[]> {
  if (typeof body !== 'object' || body === null) return [];
  const list = (body as Record<string, unknown>)[listKey];
  if (!Array.isArray(list) || list.length > 10_000) return [];
  const pairs: KeyPair[] = [];
  const indexes: number[] = [];
  list.forEach((row: unknown, i) => {
    if (typeof row !== 'object' || row === null) return;
    const { journey, touchpoint } = row as Record<string, unknown>;
    if (typeof journey === 'string' && typeof touchpoint === 'string' && SLUG_PATTERN.test(journey) && SLUG_PATTERN.test(touchpoint)) {
      pairs.push({ journey, touchpoint });
      indexes.push(i);
    }
  });
  if (pairs.length === 0) return [];
  const { problems } = await resolveAll(db, pairs);
  return problems.map((p) => ({ ...p, index: indexes[p.index!]! }));
}

/** Problems ordered by row, batch-level ones first. */
function mergeProblems(a: Problem[], b: Problem[]): Problem[] {
  return [...a, ...b].sort((x, y) => (x.index ?? -1) - (y.index ?? -1));
}

export type IngestOutcome<T> = ({ ok: true } & T) | { ok: false; problems: Problem[] };

/** How writes react to deadlocks and serialization failures (see withTransactionRetry). */
export type WriteOptions = Pick<RetryOptions, 'onRetry' | 'retries' | 'baseDelayMs'>;

export async function ingestResponses(
  db: Db,
  body: unknown,
  now: () => Date,
  options: WriteOptions = {},
): Promise<IngestOutcome<InsertResponsesResult & { touchpointIds: number[] }>> {
  const checked = await checkResponses(db, body, now);
  if (!checked.ok) return checked;
  // A retried batch is the same statement again: ids a competing batch stored meanwhile become duplicates.
  const { value: result } = await withTransactionRetry(() => insertResponses(db, checked.rows), options);
  return { ok: true, ...result, touchpointIds: distinctIds(checked.rows) };
}

export async function ingestStepMetrics(
  db: Db,
  body: unknown,
  options: WriteOptions = {},
): Promise<IngestOutcome<{ written: number; touchpointIds: number[] }>> {
  const checked = await checkStepMetrics(db, body);
  if (!checked.ok) return checked;
  const { value: result } = await withTransactionRetry(() => upsertStepMetrics(db, checked.rows), options);
  return { ok: true, ...result, touchpointIds: distinctIds(checked.rows) };
}

export async function ingestJourney(db: Db, key: string, body: unknown, options: WriteOptions = {}): Promise<IngestOutcome<UpsertJourneyResult>> {
  const parsed = validate(journeyDefinitionSchema, body, 'touchpoints');
  if (!parsed.ok) {
    return { ok: false, problems: parsed.problems.map((p) => (p.index === undefined ? p : { ...p, field: `touchpoints[${p.index}].${p.field}` })) };
  }
  const { value } = await withTransactionRetry(() => upsertJourneyDefinition(db, key, parsed.value), options);
  return { ok: true, ...value };
}

function distinctIds(rows: ReadonlyArray<{ touchpointId: number }>): number[] {
  return [...new Set(rows.map((r) => r.touchpointId))].sort((a, b) => a - b);
}
