import { z } from 'zod';
import { METRIC_RANGE, type Metric } from '../domain/types.js';

/**
 * Zod schemas for everything that enters through the ingest API and the CLI.
 * Batches are validated as a whole so that every problem of every row is reported at once
 * (a pipeline fixing one error per round-trip would take forever on a 5,000-row batch).
 */

/** Same pattern as the `*_key_slug` checks in src/db/schema.ts. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const MAX_RESPONSES_PER_BATCH = 5000;
export const MAX_METRICS_PER_BATCH = 5000;
export const MAX_TOUCHPOINTS_PER_JOURNEY = 100;
/** Answers dated later than this past the server's clock are refused (clock skew allowance). */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

const isMissing = (input: unknown) => input === undefined || input === null;
/** Reads a field of a value that may not have passed validation (refinements that run regardless). */
const fieldOf = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/**
 * Text Postgres can store. A `text` column refuses NUL (the JSON escape \u0000) with an error
 * that would fail the whole batch as a 500, and a lone UTF-16 surrogate (JSON "\ud800" without
 * its pair) is not Unicode: the driver would silently store U+FFFD instead. Both are the
 * sender's mistake, so they are reported per field like any other.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function unstorableTextReason(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(s)) return 'must not contain a lone UTF-16 surrogate (\\ud800–\\udfff without its pair); send valid Unicode';
  return undefined;
}

/** Refuses unstorable text first and alone (abort), so "blank" or "too long" do not pile on. */
export const storableString = (what: string, base: z.ZodString): z.ZodString =>
  base
    .refine((s) => !s.includes('\u0000'), { message: `${what} ${unstorableTextReason('\u0000')}`, abort: true })
    .refine((s) => !LONE_SURROGATE.test(s), { message: `${what} ${unstorableTextReason('\ud800')}`, abort: true });

export const slug = (what: string) =>
  z
    .string({ error: (iss) => (isMissing(iss.input) ? `${what} is required` : `${what} must be a string`) })
    .regex(SLUG_PATTERN, `${what} must be a slug: lowercase a-z, 0-9, "-" or "_", starting with a letter or digit, at most 64 characters`);

/** Display names may be any Unicode (e.g. オンライン購入), trimmed, not blank. */
const displayName = (what: string, max: number) =>
  storableString(what, z.string({ error: (iss) => (isMissing(iss.input) ? `${what} is required` : `${what} must be a string`) }))
    .trim()
    .min(1, `${what} must not be blank`)
    .max(max, `${what} must be at most ${max} characters`);

const optionalText = (what: string, max: number) =>
  storableString(what, z.string({ error: () => `${what} must be a string` }))
    .trim()
    .max(max, `${what} must be at most ${max} characters`)
    // An empty optional text means "none": store NULL rather than ''.
    .transform((s) => (s.length === 0 ? undefined : s))
    .nullish()
    .transform((s) => s ?? undefined);

export const touchpointDefinitionSchema = z.object({
  key: slug('touchpoint key'),
  name: displayName('touchpoint name', 200),
  channel: optionalText('channel', 50),
});

export const journeyDefinitionSchema = z.object({
  name: displayName('journey name', 200),
  description: optionalText('description', 2000),
  touchpoints: z
    .array(touchpointDefinitionSchema, { error: (iss) => (isMissing(iss.input) ? 'touchpoints is required' : 'touchpoints must be a list') })
    .min(1, 'a journey needs at least one touchpoint')
    .max(MAX_TOUCHPOINTS_PER_JOURNEY, `a journey has at most ${MAX_TOUCHPOINTS_PER_JOURNEY} touchpoints`)
    .superRefine(
      (tps, ctx) => {
        const seen = new Map<string, number>();
        tps.forEach((tp: unknown, i) => {
          const key = fieldOf(tp, 'key');
          if (typeof key !== 'string') return;
          const first = seen.get(key);
          if (first !== undefined) {
            ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `duplicate touchpoint key "${key}" (also at touchpoints[${first}])` });
          } else seen.set(key, i);
        });
      },
      // Also when some touchpoints are malformed: every problem is reported in one go.
      { when: (payload) => Array.isArray(payload.value) },
    ),
  /** The touchpoint whose score is the journey's outcome for key drivers; default the last one. */
  outcome: slug('outcome').nullish(),
}).superRefine((def, ctx) => {
  if (def.outcome !== undefined && def.outcome !== null && !def.touchpoints.some((tp) => tp.key === def.outcome)) {
    ctx.addIssue({ code: 'custom', path: ['outcome'], message: `outcome "${def.outcome}" is not one of the journey's touchpoint keys` });
  }
});
export type JourneyDefinition = z.infer<typeof journeyDefinitionSchema>;

/** For files that hold journeys with their key inside (CLI import-journeys). */
export const keyedJourneyDefinitionSchema = journeyDefinitionSchema.extend({ key: slug('journey key') });
export type KeyedJourneyDefinition = z.infer<typeof keyedJourneyDefinitionSchema>;

const metricSchema = z.enum(['nps', 'csat', 'ces'], {
  error: (iss) => (isMissing(iss.input) ? 'metric is required' : 'metric must be one of nps, csat, ces'),
});

const METRIC_LABEL: Record<Metric, string> = { nps: 'nps', csat: 'csat', ces: 'ces' };
export function scoreRangeMessage(metric: Metric): string {
  const { min, max } = METRIC_RANGE[metric];
  return `${METRIC_LABEL[metric]} score must be an integer ${min}–${max}`;
}

/**
 * ISO 8601 with an explicit offset (`Z` or `+09:00`): a bare local time would be ambiguous
 * by up to a day, which moves answers between daily buckets.
 */
const isoWithOffset = z.iso.datetime({ offset: true });
/** The same lower bound as `day` (isRealDay): 1900-01-01T00:00:00Z. */
const EARLIEST_RESPONSE_MS = Date.UTC(1900, 0, 1);
const respondedAtSchema = (now: () => Date) =>
  z
    .string({ error: (iss) => (isMissing(iss.input) ? 'respondedAt is required' : 'respondedAt must be a string') })
    .superRefine((s, ctx) => {
      // One message per problem: the future check only applies to a well-formed timestamp.
      const at = Date.parse(s);
      if (!isoWithOffset.safeParse(s).success || Number.isNaN(at)) {
        ctx.addIssue({ code: 'custom', message: 'respondedAt must be an ISO 8601 timestamp with an offset, e.g. 2026-03-01T09:30:00+09:00' });
      } else if (at < EARLIEST_RESPONSE_MS) {
        // Year 0000 is well-formed ISO 8601 but Postgres refuses it, and nothing real is that old.
        ctx.addIssue({ code: 'custom', message: 'respondedAt must be in 1900 or later' });
      } else if (at > now().getTime() + FUTURE_TOLERANCE_MS) {
        ctx.addIssue({ code: 'custom', message: 'respondedAt is in the future (more than 5 minutes ahead of the server clock)' });
      }
    });

/** The sender's answer id; numbers are accepted and stored as their decimal text. */
const externalIdSchema = z.union([z.string(), z.number().int().nonnegative()], {
  error: (iss) => (isMissing(iss.input) ? 'id is required' : 'id must be a string or a non-negative integer'),
})
  .transform((v) => String(v).trim())
  .pipe(storableString('id', z.string()).min(1, 'id must not be blank').max(200, 'id must be at most 200 characters'));

export const SOURCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
export const sourceSchema = z
  .string({ error: 'source must be a string' })
  .regex(SOURCE_PATTERN, 'source must be 1–64 characters: letters, digits, "_", "-", "." or ":"');

/** Attribute keys: short lowercase identifiers, as typed in `/journey … by <key>` and CSV `attr.<key>` headers. */
export const ATTRIBUTE_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_ATTRIBUTES = 10;
export const MAX_ATTRIBUTE_VALUE_LENGTH = 100;
/** `by channel` groups touchpoints by their own channel, so no customer attribute may take the name. */
export const RESERVED_ATTRIBUTE_KEYS: ReadonlySet<string> = new Set(['channel']);

/**
 * `{"region": "関西", "plan": "pro"}`: who answered (or which customers reached a step). Values
 * are strings (trimmed, not blank); numbers would invite "by age" with 80 segments of one.
 */
export const attributesSchema = z
  .record(z.string(), z.unknown(), { error: 'attributes must be an object of "key": "value" strings' })
  .superRefine((attrs, ctx) => {
    const keys = Object.keys(attrs);
    if (keys.length > MAX_ATTRIBUTES) ctx.addIssue({ code: 'custom', message: `at most ${MAX_ATTRIBUTES} attributes per row (got ${keys.length})` });
    for (const key of keys) {
      const value = attrs[key];
      if (!ATTRIBUTE_KEY_PATTERN.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `attribute key "${key.slice(0, 50)}" must be lowercase a-z, 0-9 or "_", starting with a letter, at most 40 characters` });
      } else if (RESERVED_ATTRIBUTE_KEYS.has(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `attribute key "${key}" is reserved (touchpoints have a channel); use another name such as "acquisition_channel"` });
      } else if (typeof value !== 'string') {
        ctx.addIssue({ code: 'custom', path: [key], message: `attribute "${key}" must be a string` });
      } else {
        const reason = unstorableTextReason(value);
        const trimmed = value.trim();
        if (reason) ctx.addIssue({ code: 'custom', path: [key], message: `attribute "${key}" ${reason}` });
        else if (trimmed.length === 0) ctx.addIssue({ code: 'custom', path: [key], message: `attribute "${key}" must not be blank (leave the key out instead)` });
        else if (trimmed.length > MAX_ATTRIBUTE_VALUE_LENGTH) ctx.addIssue({ code: 'custom', path: [key], message: `attribute "${key}" must be at most ${MAX_ATTRIBUTE_VALUE_LENGTH} characters` });
      }
    }
  })
  .transform((attrs): Record<string, string> | undefined => {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(attrs)) if (typeof value === 'string') out[key] = value.trim().normalize('NFC');
    return Object.keys(out).length > 0 ? out : undefined;
  })
  .nullish()
  .transform((a) => a ?? undefined);

export const responseRowSchema = (now: () => Date) =>
  z
    .object(
      {
        id: externalIdSchema,
        journey: slug('journey'),
        touchpoint: slug('touchpoint'),
        metric: metricSchema,
        score: z.number({ error: (iss) => (isMissing(iss.input) ? 'score is required' : 'score must be a number') }),
        comment: optionalText('comment', 5000),
        customer: optionalText('customer', 200),
        respondedAt: respondedAtSchema(now),
        attributes: attributesSchema,
      },
      { error: 'each response must be an object' },
    )
    // Runs even when other fields failed, so a row with a bad comment still hears about its score.
    .superRefine(
      (row, ctx) => {
        const [metricValue, score] = [fieldOf(row, 'metric'), fieldOf(row, 'score')];
        if (typeof score !== 'number' || typeof metricValue !== 'string' || !Object.hasOwn(METRIC_RANGE, metricValue)) return;
        const metric = metricValue as Metric;
        const { min, max } = METRIC_RANGE[metric];
        if (!Number.isInteger(score) || score < min || score > max) {
          ctx.addIssue({ code: 'custom', path: ['score'], message: scoreRangeMessage(metric) });
        }
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    );
export type ResponseRow = z.infer<ReturnType<typeof responseRowSchema>>;

/**
 * `source` is per batch (default ''): it scopes the ids, so two systems may both send id "1".
 * A batch from one sender has one source; per-row sources would only invite mistakes.
 */
export const responsesBatchSchema = (now: () => Date = () => new Date()) =>
  z.object(
    {
      source: sourceSchema.optional(),
      responses: z
        .array(responseRowSchema(now), {
          error: (iss) => (isMissing(iss.input) ? 'responses is required' : 'responses must be a list'),
        })
        .min(1, 'responses must hold at least one answer')
        .max(MAX_RESPONSES_PER_BATCH, `at most ${MAX_RESPONSES_PER_BATCH} responses per request; split the batch`),
    },
    { error: 'the body must be a JSON object like { "responses": [...] }' },
  );
export type ResponsesBatch = z.infer<ReturnType<typeof responsesBatchSchema>>;

/** A real calendar day: 2026-02-30 matches the pattern but is refused. */
export const daySchema = z
  .string({ error: (iss) => (isMissing(iss.input) ? 'day is required' : 'day must be a string') })
  .refine((s) => isRealDay(s), { message: 'day must be a real date written YYYY-MM-DD' });

export function isRealDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const stepMetricRowSchema = z.object(
  {
    journey: slug('journey'),
    touchpoint: slug('touchpoint'),
    day: daySchema,
    reached: z
      .number({ error: (iss) => (isMissing(iss.input) ? 'reached is required' : 'reached must be a number') })
      // A refine rather than .int(): zod's int failure aborts the batch-level duplicate check.
      .refine((n) => Number.isInteger(n) && n >= 0, 'reached must be a non-negative integer')
      .refine((n) => n <= 2_147_483_647, 'reached is too large'),
    /**
     * One attribute: the row is then that segment's count (e.g. region=関西), stored beside the
     * unsplit total, which only a row without attributes sets.
     */
    attributes: attributesSchema.refine((a) => a === undefined || Object.keys(a).length === 1, {
      message: 'step metric attributes hold exactly one key: a funnel is split by one attribute at a time',
    }),
  },
  { error: 'each step metric must be an object' },
);
export type StepMetricRow = z.infer<typeof stepMetricRowSchema>;

export const stepMetricsBatchSchema = z.object(
  {
    metrics: z
      .array(stepMetricRowSchema, { error: (iss) => (isMissing(iss.input) ? 'metrics is required' : 'metrics must be a list') })
      .min(1, 'metrics must hold at least one row')
      .max(MAX_METRICS_PER_BATCH, `at most ${MAX_METRICS_PER_BATCH} step metrics per request; split the batch`)
      // Two values for one step and day in one batch: which should win? Refuse instead of guessing.
      .superRefine(
        (rows, ctx) => {
          const seen = new Map<string, number>();
          rows.forEach((r: unknown, i) => {
            const [j, t, d] = [fieldOf(r, 'journey'), fieldOf(r, 'touchpoint'), fieldOf(r, 'day')];
            if (typeof j !== 'string' || typeof t !== 'string' || typeof d !== 'string') return;
            const attrs = fieldOf(r, 'attributes');
            const segment = typeof attrs === 'object' && attrs !== null ? Object.entries(attrs).map(([ak, av]) => ` ${ak}=${String(av)}`).join('') : '';
            const k = `${j}/${t}/${d}${segment}`;
            const first = seen.get(k);
            if (first !== undefined) {
              ctx.addIssue({ code: 'custom', path: [i, 'day'], message: `duplicate step metric for ${k} (also at index ${first})` });
            } else seen.set(k, i);
          });
        },
        { when: (payload) => Array.isArray(payload.value) },
      ),
  },
  { error: 'the body must be a JSON object like { "metrics": [...] }' },
);
export type StepMetricsBatch = z.infer<typeof stepMetricsBatchSchema>;

// ---------------------------------------------------------------------------------------------
// Problems: the uniform shape of every validation error, in HTTP 400 bodies and CLI output.

export interface Problem {
  /** Row index within the batch list (0-based); absent for problems of the batch itself. */
  index?: number;
  field: string;
  message: string;
}

export const MAX_REPORTED_PROBLEMS = 100;

/** Turns zod issues into problems; `listKey` is the batch's array (responses, metrics, touchpoints). */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], listKey: string): Problem[] {
  return issues.map((issue) => {
    const path = issue.path;
    if (path[0] === listKey && typeof path[1] === 'number') {
      const rest = path.slice(2).map(String).join('.');
      return { index: path[1], field: rest || '(row)', message: issue.message };
    }
    return { field: path.map(String).join('.') || '(body)', message: issue.message };
  });
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function validate<T>(schema: z.ZodType<T>, input: unknown, listKey: string): Validated<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: issuesToProblems(result.error.issues, listKey) };
}

/** The 400 body: every problem up to a cap, and how many more there were. */
export function problemsBody(error: string, problems: Problem[], what: string) {
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
  const rows = new Set(problems.filter((p) => p.index !== undefined).map((p) => p.index)).size;
  const where = rows > 0 ? ` in ${rows} row${rows === 1 ? '' : 's'}` : '';
  return {
    error,
    message: `${problems.length} problem${problems.length === 1 ? '' : 's'}${where}; nothing was written. Fix ${what} and send it again.`,
    errors: shown,
    ...(problems.length > shown.length ? { moreErrors: problems.length - shown.length } : {}),
  };
}
