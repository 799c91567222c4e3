import { DrizzleQueryError } from 'drizzle-orm/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeys } from '../src/db/schema.js';
import { errorCause } from '../src/errorCause.js';
import { createLogger, MAX_STRING_CHARS, resolveLogFormat, scrubSecrets } from '../src/logger.js';
import { createTestDb, type TestDb } from './helpers/db.js';

const TOKEN = 'xoxb-1234-5678-abcdefSECRET';
const COMMENT = 'The agent was rude and I want my money back';

function collect(level: Parameters<typeof createLogger>[0] = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(level, { service: 'test' }, (l) => lines.push(l));
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines, records };
}

/** A driver error as PGlite/node-postgres raise it, wrapped the way drizzle wraps it. */
function wrappedUniqueViolation(): DrizzleQueryError {
  const driver = Object.assign(new Error('duplicate key value violates unique constraint "responses_external_id_uq"'), {
    name: 'DatabaseError',
    code: '23505',
    constraint: 'responses_external_id_uq',
    table: 'responses',
    detail: `Key (external_id)=(${COMMENT}) already exists.`,
  });
  return new DrizzleQueryError('insert into "responses" ("comment", "external_id") values ($1, $2), ($3, $4)', [COMMENT, 'r-1', TOKEN, 'r-2'], driver);
}

describe('logger', () => {
  it('writes one JSON line per event with level label, time, bindings and fields', () => {
    const { logger, records } = collect();
    logger.child({ component: 'ingest' }).info('batch stored', { rows: 3 });
    const [rec] = records();
    expect(rec).toMatchObject({ level: 'info', msg: 'batch stored', service: 'test', component: 'ingest', rows: 3 });
    expect(typeof rec?.time).toBe('string');
    expect(Number.isNaN(Date.parse(String(rec?.time)))).toBe(false);
  });

  it('honours the level', () => {
    const { logger, lines } = collect('warn');
    logger.debug('no');
    logger.info('no');
    logger.warn('yes');
    logger.error('yes');
    expect(lines).toHaveLength(2);
  });

  it('logs a wrapped database error as its cause: code, constraint and message, never the query or params', () => {
    const { logger, lines, records } = collect();
    logger.error('ingest failed', { err: wrappedUniqueViolation() });
    const out = lines.join('\n');
    const err = records()[0]?.err as Record<string, unknown>;
    expect(err).toMatchObject({
      name: 'DatabaseError',
      message: 'duplicate key value violates unique constraint "responses_external_id_uq"',
      code: '23505',
      constraint: 'responses_external_id_uq',
      table: 'responses',
    });
    expect(typeof err.stack).toBe('string');
    expect(out).not.toContain(COMMENT);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('Failed query');
    expect(out).not.toContain('params');
    expect(out).not.toContain('insert into');
    expect(out).not.toContain('detail');
  });

  it('a wrapper without a driver cause says a query failed and nothing more', () => {
    expect(errorCause(new DrizzleQueryError('select $1', [COMMENT]))).toEqual({ name: 'DrizzleQueryError', message: 'Failed query (query and params not logged)' });
    expect(errorCause('plain string')).toEqual({ name: 'Error', message: 'plain string' });
    expect(errorCause(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toEqual({ name: 'Error', message: 'x', code: 'ECONNREFUSED' });
  });

  describe('with a real database error', () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await createTestDb();
    });
    afterAll(async () => {
      await db.close();
    });

    it('logs the driver’s code and constraint for a duplicate journey, not the row', async () => {
      await db.db.insert(journeys).values({ key: 'onboarding', name: 'Onboarding' });
      const err = await db.db
        .insert(journeys)
        .values({ key: 'onboarding', name: `${COMMENT} ${TOKEN}` })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(Error);
      const { logger, lines, records } = collect();
      logger.error('could not save', { err });
      expect(records()[0]?.err).toMatchObject({ code: '23505', constraint: 'journeys_key_uq' });
      const out = lines.join('\n');
      expect(out).not.toContain(COMMENT);
      expect(out).not.toContain(TOKEN);
      expect(out).not.toContain('onboarding');
    });
  });

  it('censors secret keys at the top level and nested, including Slack request headers', () => {
    const { logger, lines, records } = collect();
    logger.info('request', {
      token: 'plain-token-value',
      body: { response_url: 'http://127.0.0.1:9/response/abc', trigger_id: '123.456.abcdef', user: { password: 'hunter2' } },
      req: { headers: { 'x-slack-signature': 'v0=deadbeef', authorization: 'Bearer s3cr3t-ingest-token', 'content-type': 'application/json' } },
    });
    const out = lines.join('\n');
    for (const secret of ['plain-token-value', '127.0.0.1:9/response/abc', '123.456.abcdef', 'hunter2', 'v0=deadbeef', 's3cr3t-ingest-token']) {
      expect(out).not.toContain(secret);
    }
    expect(records()[0]).toMatchObject({ token: '[redacted]', req: { headers: { 'content-type': 'application/json' } } });
  });

  it('scrubs tokens, hook URLs, response_url and trigger_id out of message text at debug level', () => {
    const { logger, lines } = collect('debug');
    const hook = 'https://hooks.slack.com/commands/T0001/1234/ZZsecretZZ';
    const body = `token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&command=%2Fjourney&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0001%2F99%2FenCoded&trigger_id=13345224609.738474920.8088930838d88f008e0`;
    const json = JSON.stringify({ type: 'block_actions', trigger_id: '999.888.jsonTrigger', response_url: 'http://127.0.0.1:9/response/fromJson' });
    logger.debug(`Parsed request body ${body}`);
    logger.debug(`payload ${json}`);
    logger.debug(`calling with ${TOKEN} and xapp-1-A0001-secretapp then posting to ${hook}`);
    logger.debug('nested', { text: `reply to ${hook}`, list: [TOKEN] });
    const out = lines.join('\n');
    for (const secret of [TOKEN, 'xapp-1-A0001-secretapp', 'ZZsecretZZ', 'enCoded', '13345224609.738474920', '999.888.jsonTrigger', 'fromJson', 'hooks.slack.com']) {
      expect(out).not.toContain(secret);
    }
    // What is not secret survives, so the line is still useful.
    expect(out).toContain('team_id=T0001');
    expect(out).toContain('block_actions');
    expect(lines).toHaveLength(4);
  });

  it('scrubSecrets leaves ordinary text alone', () => {
    expect(scrubSecrets('trigger_ids are not here; response time 3s')).toBe('trigger_ids are not here; response time 3s');
  });

  it('caps long strings in fields and messages', () => {
    const { logger, records } = collect();
    logger.info('x'.repeat(10_000), { body: 'y'.repeat(10_000) });
    const rec = records()[0];
    expect(String(rec?.msg).length).toBeLessThan(MAX_STRING_CHARS + 50);
    expect(String(rec?.body).length).toBeLessThan(MAX_STRING_CHARS + 50);
    expect(String(rec?.body)).toContain('more chars');
  });

  it('survives circular fields', () => {
    const { logger, records } = collect();
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    logger.info('loop', { a });
    expect(records()[0]).toMatchObject({ a: { name: 'a', self: '[circular]' } });
  });

  it('is JSON when stderr is not a terminal, pretty when it is, unless LOG_FORMAT says otherwise', () => {
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
    const { logger, lines } = collect();
    logger.info('hello');
    expect(() => JSON.parse(lines[0] ?? '') as unknown).not.toThrow();
  });

  it('pretty output is readable text and still scrubbed', () => {
    const lines: string[] = [];
    const logger = createLogger('info', {}, (l) => lines.push(l), { format: 'pretty' });
    logger.info(`hello ${TOKEN}`, { rows: 3 });
    expect(lines.join('\n')).toContain('hello');
    expect(lines.join('\n')).toContain('INFO');
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(() => JSON.parse(lines[0] ?? '') as unknown).toThrow();
  });
});
