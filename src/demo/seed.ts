import type { Db } from '../db/client.js';
import {
  insertResponses,
  resolveTouchpointKeys,
  upsertJourneyDefinition,
  upsertStepMetrics,
  type ResponseInsert,
} from '../db/queries/ingest.js';
import { demoAttributes } from './attributes.js';
import { DEMO_OUTCOMES, linkDemoCustomers } from './customers.js';
import { DEMO_SOURCE } from './data.js';
import { generateDemo } from './generate.js';

export interface SeedDemoResult {
  journeys: number;
  touchpoints: number;
  accepted: number;
  duplicates: number;
  stepMetrics: number;
}

const BATCH = 2000;

/**
 * Loads the demo dataset through the same write functions as the ingest API. Idempotent:
 * answers carry source 'demo' and deterministic ids, so a re-run adds only days since.
 */
export async function seedDemo(db: Db, options: { now?: Date; progress?: (message: string) => void } = {}): Promise<SeedDemoResult> {
  const now = options.now ?? new Date();
  const data = linkDemoCustomers(generateDemo(now));
  let touchpoints = 0;
  for (const j of data.journeys) {
    const r = await upsertJourneyDefinition(db, j.key, {
      name: j.name,
      description: j.description,
      touchpoints: j.touchpoints.map((tp) => ({ key: tp.key, name: tp.name, channel: tp.channel })),
      outcome: DEMO_OUTCOMES[j.key],
    });
    touchpoints += r.touchpoints.length;
  }

  const ids = await resolveTouchpointKeys(db, data.responses);
  const rows: ResponseInsert[] = data.responses.map((r, i) => {
    const resolved = ids[i];
    if (!resolved || !('touchpointId' in resolved)) throw new Error(`seedDemo: ${r.journey}/${r.touchpoint} did not resolve`);
    return {
      touchpointId: resolved.touchpointId,
      metric: r.metric,
      score: r.score,
      comment: r.comment,
      customerRef: r.customer,
      respondedAt: r.respondedAt,
      source: DEMO_SOURCE,
      externalId: r.id,
      attributes: demoAttributes(r, now),
    };
  });
  let accepted = 0;
  let duplicates = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const r = await insertResponses(db, rows.slice(i, i + BATCH));
    accepted += r.accepted;
    duplicates += r.duplicates;
    const done = Math.min(i + BATCH, rows.length);
    if (done % 10_000 === 0 || done === rows.length) options.progress?.(`responses ${done.toLocaleString('en')} / ${rows.length.toLocaleString('en')}`);
  }

  const stepIds = await resolveTouchpointKeys(db, data.stepMetrics);
  const steps = data.stepMetrics.map((m, i) => {
    const resolved = stepIds[i];
    if (!resolved || !('touchpointId' in resolved)) throw new Error(`seedDemo: ${m.journey}/${m.touchpoint} did not resolve`);
    return { touchpointId: resolved.touchpointId, day: m.day, reached: m.reached };
  });
  let stepMetrics = 0;
  for (let i = 0; i < steps.length; i += BATCH) stepMetrics += (await upsertStepMetrics(db, steps.slice(i, i + BATCH))).written;

  return { journeys: data.journeys.length, touchpoints, accepted, duplicates, stepMetrics };
}
