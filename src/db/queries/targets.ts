import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { queryRows } from '../rows.js';
import type { TargetMetric } from '../../domain/enums.js';
import type { TargetInput } from '../../domain/fixFirst.js';
import { addDays, daysBetween } from '../../domain/localTime.js';
import { localPeriod } from '../../domain/periods.js';
import { projectWeekly, targetProgress, targetValue, type TargetData, type TargetProgress, type TargetRow } from '../../domain/targets.js';
import type { PeriodWindow } from '../../domain/types.js';
import { listAllTouchpoints } from './lookup.js';
import { getReached, getScoreHistograms, type ReachedCounts, type ScoreCounts } from './scoreCounts.js';

export interface NewTarget {
  journeyId: number;
  touchpointId: number | null;
  metric: TargetMetric;
  value: number;
  dueDate: string | null;
  teamId: string | null;
  createdBy: string;
}

interface Row {
  id: number;
  journey_id: number;
  journey_key: string;
  journey_name: string;
  touchpoint_id: number | null;
  touchpoint_key: string | null;
  touchpoint_name: string | null;
  metric: TargetMetric;
  value: number;
  due_date: string | null;
  created_by: string;
  created_at: Date | string;
}

function toTarget(r: Row): TargetRow {
  return {
    id: r.id,
    journey: { id: r.journey_id, key: r.journey_key, name: r.journey_name },
    touchpoint: r.touchpoint_id === null ? null : { id: r.touchpoint_id, key: r.touchpoint_key ?? '', name: r.touchpoint_name ?? '' },
    metric: r.metric,
    value: Number(r.value),
    dueDate: r.due_date,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
  };
}

const SELECT = sql`select g.id, g.journey_id, j.key as journey_key, j.name as journey_name, g.touchpoint_id, t.key as touchpoint_key,
    t.name as touchpoint_name, g.metric, g.value, to_char(g.due_date, 'YYYY-MM-DD') as due_date, g.created_by, g.created_at
  from targets g join journeys j on j.id = g.journey_id left join touchpoints t on t.id = g.touchpoint_id`;

export async function insertTarget(db: Db, input: NewTarget): Promise<TargetRow> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into targets (journey_id, touchpoint_id, metric, value, due_date, team_id, created_by)
        values (${input.journeyId}, ${input.touchpointId}, ${input.metric}, ${input.value}, ${input.dueDate}::date, ${input.teamId}, ${input.createdBy})
        returning id`,
  );
  if (!row) throw new Error('insert into targets returned no row');
  const [target] = await listTargets(db, { id: row.id });
  if (!target) throw new Error('target vanished after insert');
  return target;
}

/** Targets by id, of one journey (touchpoint: only those on it), or all; journey then id order. */
export async function listTargets(db: Db, filter: { id?: number; journeyId?: number; touchpointId?: number } = {}): Promise<TargetRow[]> {
  const conditions = [
    ...(filter.id !== undefined ? [sql`g.id = ${filter.id}`] : []),
    ...(filter.journeyId !== undefined ? [sql`g.journey_id = ${filter.journeyId}`] : []),
    ...(filter.touchpointId !== undefined ? [sql`g.touchpoint_id = ${filter.touchpointId}`] : []),
  ];
  const where = conditions.length > 0 ? sql` where ${sql.join(conditions, sql` and `)}` : sql``;
  const rows = await queryRows<Row>(db, sql`${SELECT}${where} order by j.name, g.id`);
  return rows.map(toTarget);
}

export async function deleteTarget(db: Db, id: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(db, sql`delete from targets where id = ${id} returning id`);
  return rows.length > 0;
}

/** Weeks of history the projection fits a line through. */
export const PROJECTION_WEEKS = 8;
const NOW = 0;

/** Each target's data in one period (index into the periods the counts were read for). */
function dataOf(target: TargetRow, steps: readonly { id: number; journeyId: number }[], counts: ScoreCounts, reached: ReachedCounts, i: number): TargetData {
  const journeySteps = steps.filter((s) => s.journeyId === target.journey.id);
  if (target.metric === 'conversion' || target.metric === 'dropoff') {
    if (!target.touchpoint) {
      const first = journeySteps[0];
      const last = journeySteps[journeySteps.length - 1];
      return { kind: 'flow', entered: first ? reached.get(first.id, i) : null, reached: last ? reached.get(last.id, i) : null };
    }
    const index = journeySteps.findIndex((s) => s.id === target.touchpoint?.id);
    const from = index > 0 ? journeySteps[index - 1] : undefined;
    return { kind: 'flow', entered: from ? reached.get(from.id, i) : null, reached: reached.get(target.touchpoint.id, i) };
  }
  const metric = target.metric;
  const ids = target.touchpoint ? [target.touchpoint.id] : journeySteps.map((s) => s.id);
  return { kind: 'score', hist: counts.total(ids, metric, i) };
}

/** Customers a target's gap applies to: step entrants, the touchpoint's (or journey's first step's) reach, else answers. */
function reachOf(target: TargetRow, data: TargetData, steps: readonly { id: number; journeyId: number }[], reached: ReachedCounts, n: number): number {
  if (data.kind === 'flow') return data.entered ?? 0;
  const at = target.touchpoint?.id ?? steps.find((s) => s.journeyId === target.journey.id)?.id;
  const r = at === undefined ? null : reached.get(at, NOW);
  return r !== null && r > 0 ? r : n;
}

export interface TargetsInPeriod {
  progress: TargetProgress[];
  /** The same targets as fix-first inputs, by journey id. */
  inputs: ReadonlyMap<number, TargetInput[]>;
}

/**
 * Progress of the targets in scope over the window's current period, with a projection from the
 * PROJECTION_WEEKS weeks ending with it, and the fix-first inputs they give. Two set-based count
 * queries however many targets.
 */
export async function getTargetsInPeriod(db: Db, filter: { journeyId?: number; touchpointId?: number }, window: PeriodWindow): Promise<TargetsInPeriod> {
  const targets = await listTargets(db, filter);
  if (targets.length === 0) return { progress: [], inputs: new Map() };
  const end = window.current.endDay;
  const first = addDays(end, -7 * PROJECTION_WEEKS);
  const weeks = Array.from({ length: PROJECTION_WEEKS }, (_, w) => localPeriod(addDays(first, 7 * w), addDays(first, 7 * w + 7), window.timezone));
  const periods = [window.current, ...weeks];
  const [steps, counts, reached] = await Promise.all([listAllTouchpoints(db), getScoreHistograms(db, 'all', periods), getReached(db, 'all', periods)]);
  const inputs = new Map<number, TargetInput[]>();
  const progress = targets.map((target) => {
    const data = dataOf(target, steps, counts, reached, NOW);
    const current = targetValue(target.metric, data);
    const weekly = weeks.map((_, w) => targetValue(target.metric, dataOf(target, steps, counts, reached, 1 + w)));
    const projection = target.dueDate ? projectWeekly(weekly, daysBetween(first, target.dueDate)) : null;
    const list = inputs.get(target.journey.id) ?? [];
    const ref = target.touchpoint ?? { id: 0, key: target.journey.key, name: target.journey.name };
    list.push({
      targetId: target.id,
      touchpoint: ref,
      metric: target.metric,
      target: target.value,
      current: current?.value ?? null,
      interval: current?.interval ?? null,
      n: current?.n ?? 0,
      reach: reachOf(target, data, steps, reached, current?.n ?? 0),
    });
    inputs.set(target.journey.id, list);
    return targetProgress(target, current, projection);
  });
  return { progress, inputs };
}
