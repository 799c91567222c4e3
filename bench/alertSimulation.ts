/**
 * Alert quality on generated answer streams, evaluated at the product's cadence (every 15 minutes,
 * injected clock) through the real evaluation step (evaluateSubjects + IncidentBook, the code the
 * live job and the backtest run), beside the legacy previous-window rule on the same answers.
 * No database: the data source is in memory, so 200 touchpoints × 12 weeks × 96 checks a day run in seconds.
 */
import { type DayTally, type Tally } from '../src/domain/alertEvidence.js';
import { evaluateSubjects, IncidentBook, type EngineRule, type SubjectInput } from '../src/domain/alertEngine.js';
import { BASELINE_DAYS, DEFAULT_POLICIES, type AlertKind, type ThresholdPolicy } from '../src/domain/thresholds.js';
import { mulberry32 } from '../src/domain/random.js';

function withAlarmH(alarmH: number): Record<AlertKind, ThresholdPolicy> {
  return {
    nps_below: { ...DEFAULT_POLICIES.nps_below, alarmH },
    nps_drop: { ...DEFAULT_POLICIES.nps_drop, alarmH },
    dropoff_above: { ...DEFAULT_POLICIES.dropoff_above, alarmH },
  };
}
import { LegacySubject, type LegacyRule, type Window } from './legacyAlertRule.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 5); // a Monday, UTC

export interface Scenario {
  touchpoints: number;
  dropped: number;
  weeks: number;
  /** Weeks of answers before the evaluated weeks (history for baselines and previous windows). */
  historyWeeks: number;
  answersPerWeek: number;
  /** Shares of promoters and detractors before the drop (NPS = 100 (p − d)). */
  promoters: number;
  detractors: number;
  /** Size of the sustained fall, NPS points: half the promoters lost become detractors' half. */
  dropPoints: number;
  seed: number;
}

export const ISSUE_SCENARIO: Scenario = {
  touchpoints: 200,
  dropped: 50,
  weeks: 12,
  historyWeeks: 9,
  answersPerWeek: 550,
  promoters: 0.5,
  detractors: 0.2,
  dropPoints: 15,
  seed: 9,
};


function poisson(lambda: number, rand: () => number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

/** Hourly answers per touchpoint as prefix sums, and when each dropped touchpoint's fall began. */
export interface Streams {
  scenario: Scenario;
  hours: number;
  /** [touchpoint][hour] cumulative promoters / detractors / answers before that hour. */
  cumP: Int32Array[];
  cumD: Int32Array[];
  cumN: Int32Array[];
  /** Epoch ms of the fall, or null for a control touchpoint. */
  dropAt: (number | null)[];
  evalStart: number;
  evalEnd: number;
}

export function generate(s: Scenario): Streams {
  const rand = mulberry32(s.seed);
  const hours = (s.historyWeeks + s.weeks) * 168;
  const evalStart = T0 + s.historyWeeks * 7 * DAY;
  const evalEnd = evalStart + s.weeks * 7 * DAY;
  const lambda = s.answersPerWeek / 168;
  const shift = s.dropPoints / 200;
  const cumP: Int32Array[] = [];
  const cumD: Int32Array[] = [];
  const cumN: Int32Array[] = [];
  const dropAt: (number | null)[] = [];
  for (let tp = 0; tp < s.touchpoints; tp++) {
    // Falls start at a random hour between the start of week 1 and a week before the end, so 7-day recall is measurable.
    const drop = tp < s.dropped ? evalStart + Math.floor(rand() * (s.weeks - 1) * 168) * HOUR : null;
    dropAt.push(drop);
    const p = new Int32Array(hours + 1);
    const d = new Int32Array(hours + 1);
    const n = new Int32Array(hours + 1);
    for (let h = 0; h < hours; h++) {
      const at = T0 + h * HOUR;
      const down = drop !== null && at >= drop;
      const pp = down ? s.promoters - shift : s.promoters;
      const dd = down ? s.detractors + shift : s.detractors;
      const k = poisson(lambda, rand);
      let np = 0;
      let nd = 0;
      for (let i = 0; i < k; i++) {
        const u = rand();
        if (u < pp) np++;
        else if (u < pp + dd) nd++;
      }
      p[h + 1] = (p[h] ?? 0) + np;
      d[h + 1] = (d[h] ?? 0) + nd;
      n[h + 1] = (n[h] ?? 0) + k;
    }
    cumP.push(p);
    cumD.push(d);
    cumN.push(n);
  }
  return { scenario: s, hours, cumP, cumD, cumN, dropAt, evalStart, evalEnd };
}

/** Answers of touchpoint `tp` in [from, to) (epoch ms, whole hours; clipped to the data). */
function windowOf(st: Streams, tp: number, from: number, to: number): Window {
  const h0 = Math.max(0, Math.min(st.hours, Math.floor((from - T0) / HOUR)));
  const h1 = Math.max(0, Math.min(st.hours, Math.floor((to - T0) / HOUR)));
  const at = (a: Int32Array, h: number) => a[h] ?? 0;
  const p = st.cumP[tp] ?? new Int32Array(1);
  const d = st.cumD[tp] ?? new Int32Array(1);
  const n = st.cumN[tp] ?? new Int32Array(1);
  return { promoters: at(p, h1) - at(p, h0), detractors: at(d, h1) - at(d, h0), n: at(n, h1) - at(n, h0) };
}

const tallyOf = (w: Window): Tally => ({ n: w.n, sum: 100 * (w.promoters - w.detractors), sumSq: 10_000 * (w.promoters + w.detractors) });
const dayName = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The in-memory data source: the same shapes the Postgres loader returns, for completed UTC days. */
export function evidenceAt(st: Streams, rule: EngineRule, now: number): SubjectInput[] {
  const today = Math.floor(now / DAY) * DAY;
  const first = today - rule.windowDays * DAY;
  const out: SubjectInput[] = [];
  for (let tp = 0; tp < st.scenario.touchpoints; tp++) {
    const days: DayTally[] = [];
    for (let d = first; d < today; d += DAY) days.push({ day: dayName(d), ...tallyOf(windowOf(st, tp, d, d + DAY)) });
    out.push({ ruleId: rule.id, touchpointId: tp, evidence: { days, baseline: tallyOf(windowOf(st, tp, first - BASELINE_DAYS * DAY, first)) } });
  }
  return out;
}

export interface Quality {
  rule: string;
  falseAlarms: number;
  /** False alarms per 200 touchpoint-weeks without a fall. */
  falsePer200: number;
  recall7d: number;
  medianDelayH: number | null;
  p90DelayH: number | null;
  messagesPerDrop: number;
  /** Falls marked recovered while still down. */
  falseRecoveries: number;
  checks: number;
}

interface Outcome {
  /** Per touchpoint: openings (new incidents, not silent re-opens), message times, resolution times. */
  opens: number[][];
  messages: number[][];
  resolutions: number[][];
  checks: number;
}

const STEP = 15 * 60_000;

export function runEngine(st: Streams, rule: EngineRule, alarmH?: number): Outcome {
  const policies = alarmH === undefined ? DEFAULT_POLICIES : withAlarmH(alarmH);
  const book = new IncidentBook();
  let cachedDay = -1;
  let subjects: SubjectInput[] = [];
  let checks = 0;
  for (let now = st.evalStart; now < st.evalEnd; now += STEP) {
    const day = Math.floor(now / DAY);
    // Evidence is made of completed days only: it changes at local midnight, not every 15 minutes.
    if (day !== cachedDay) {
      subjects = evidenceAt(st, rule, now);
      cachedDay = day;
    }
    book.apply(evaluateSubjects([rule], subjects, book.stateOf, new Date(now), policies), new Date(now));
    checks++;
  }
  const n = st.scenario.touchpoints;
  const opens: number[][] = Array.from({ length: n }, () => []);
  const messages: number[][] = Array.from({ length: n }, () => []);
  const resolutions: number[][] = Array.from({ length: n }, () => []);
  for (const inc of book.incidents) {
    opens[inc.touchpointId]?.push(inc.openedAt.getTime());
    for (const m of inc.messageTimes) messages[inc.touchpointId]?.push(m.getTime());
    for (const r of inc.resolutionTimes) resolutions[inc.touchpointId]?.push(r.getTime());
  }
  return { opens, messages, resolutions, checks };
}

export function runLegacy(st: Streams, rule: LegacyRule, windowDays = 7): Outcome {
  const subjects = Array.from({ length: st.scenario.touchpoints }, () => new LegacySubject(rule));
  let checks = 0;
  for (let now = st.evalStart; now < st.evalEnd; now += STEP) {
    const today = Math.floor(now / DAY) * DAY;
    const curStart = today - (windowDays - 1) * DAY;
    const prevStart = curStart - windowDays * DAY;
    subjects.forEach((s, tp) => s.step(windowOf(st, tp, curStart, now), windowOf(st, tp, prevStart, curStart), now));
    checks++;
  }
  return {
    opens: subjects.map((s) => s.opens),
    messages: subjects.map((s) => s.messages.map((m) => m.at)),
    resolutions: subjects.map((s) => s.resolutions),
    checks,
  };
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? null;
}

export function score(st: Streams, name: string, o: Outcome): Quality {
  let falseAlarms = 0;
  let quietMs = 0;
  const delays: number[] = [];
  let within7 = 0;
  let dropMessages = 0;
  let falseRecoveries = 0;
  let drops = 0;
  st.dropAt.forEach((drop, tp) => {
    const opens = o.opens[tp] ?? [];
    const end = drop ?? st.evalEnd;
    quietMs += end - st.evalStart;
    falseAlarms += opens.filter((t) => t < end).length;
    if (drop === null) return;
    drops++;
    // Detected: the first new incident after the fall, or one already open when it began.
    const after = opens.filter((t) => t >= drop);
    const resolvedBefore = (o.resolutions[tp] ?? []).filter((t) => t < drop);
    const openBefore = opens.some((t) => t < drop) && resolvedBefore.length < opens.filter((t) => t < drop).length;
    const at = openBefore ? drop : after[0];
    if (at !== undefined) {
      delays.push((at - drop) / HOUR);
      if (at - drop <= 7 * DAY) within7++;
    }
    dropMessages += (o.messages[tp] ?? []).filter((t) => t >= drop).length;
    falseRecoveries += (o.resolutions[tp] ?? []).filter((t) => t >= drop).length;
  });
  delays.sort((a, b) => a - b);
  return {
    rule: name,
    falseAlarms,
    falsePer200: (falseAlarms / (quietMs / (7 * DAY))) * 200,
    recall7d: drops > 0 ? within7 / drops : 0,
    medianDelayH: quantile(delays, 0.5),
    p90DelayH: quantile(delays, 0.9),
    messagesPerDrop: drops > 0 ? dropMessages / drops : 0,
    falseRecoveries,
    checks: o.checks,
  };
}
