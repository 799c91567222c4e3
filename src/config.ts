import cron from 'node-cron';
import { z } from 'zod';

/**
 * The one place that reads process.env. Parsed once at start-up; every problem is reported
 * together, naming the variable, and the process stops before it does anything else.
 * Empty strings count as unset (a blank line in an .env file should not mean "the empty token").
 */
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const withDefault = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

const ianaTimezone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA timezone such as Asia/Tokyo' },
);

export const configSchema = z.object({
  DATABASE_URL: withDefault(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  PGLITE_DIR: withDefault(z.string().default('./.data/pglite')),
  PORT: withDefault(z.coerce.number().int().min(0).max(65535).default(3000)),
  INGEST_TOKEN: withDefault(z.string().min(16, 'must be at least 16 characters').optional()),
  /** Largest accepted ingest request body, in bytes. */
  INGEST_MAX_BODY_BYTES: withDefault(z.coerce.number().int().positive().default(10 * 1024 * 1024)),
  SLACK_BOT_TOKEN: withDefault(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: withDefault(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_API_URL: withDefault(z.url().optional()),
  /** Requests from another workspace or app are ignored when these are set. */
  SLACK_TEAM_ID: optionalString,
  SLACK_APP_ID: optionalString,
  /** Bot ids let Bolt start without calling auth.test (Slack may be unreachable at boot). */
  SLACK_BOT_ID: optionalString,
  SLACK_BOT_USER_ID: optionalString,
  LOG_LEVEL: withDefault(z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info')),
  /** auto: readable lines when stderr is a terminal, JSON lines otherwise (log collectors). */
  LOG_FORMAT: withDefault(z.enum(['auto', 'pretty', 'json']).default('auto')),
  /** Serve Prometheus metrics at GET /metrics; off by default because it shares the public port with Slack. */
  METRICS_ENABLED: withDefault(
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  ),
  /** When set, GET /metrics requires Authorization: Bearer <METRICS_TOKEN>. */
  METRICS_TOKEN: withDefault(z.string().min(16, 'must be at least 16 characters').optional()),
  DEFAULT_TIMEZONE: withDefault(ianaTimezone.default('UTC')),
  DEFAULT_LOCALE: withDefault(z.enum(['en', 'ja']).default('en')),
  /** quickchart: image URL from QUICKCHART_URL; local: PNG rendered in-process and uploaded to Slack. */
  CHART_MODE: withDefault(z.enum(['quickchart', 'local', 'off']).default('local')),
  QUICKCHART_URL: withDefault(z.url().default('https://quickchart.io')),
  /** Worker threads rendering local charts; 0 picks one fewer than the CPUs (at least 1, at most 4). */
  CHART_WORKERS: withDefault(z.coerce.number().int().min(0).max(64).default(0)),
  /** Megabytes of rendered chart PNGs kept so identical charts are rendered once; 0 turns the cache off. */
  CHART_CACHE_MB: withDefault(z.coerce.number().min(0).max(1024).default(16)),
  /** Slack requests whose after-ack work runs at the same time (commands, button clicks, modal submissions). */
  WORK_CONCURRENCY: withDefault(z.coerce.number().int().min(1).max(1000).default(8)),
  /** Acked Slack requests waiting for a slot; past this the user gets a "busy, try again" reply at once. */
  WORK_MAX_BACKLOG: withDefault(z.coerce.number().int().min(0).max(100_000).default(32)),
  /** Comma-separated Slack user ids allowed to change alert rules and digests besides workspace admins. */
  ADMIN_USER_IDS: withDefault(
    z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x.length > 0),
      ),
  ),
  /** When alert rules are evaluated (5-field cron, UTC); they are also evaluated right after each ingest batch. */
  ALERT_EVAL_CRON: withDefault(
    z
      .string()
      .default('*/15 * * * *')
      .refine((expr) => cron.validate(expr), { message: 'must be a cron expression such as */15 * * * *' }),
  ),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(problems);
}

/** Reads process.env; only main and the CLI call this. */
export function loadConfig(): Config {
  return parseConfig(process.env);
}
