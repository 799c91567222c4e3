/**
 * Alert quality: do alerts catch real drops and stay quiet otherwise? 200 touchpoints × 12 evaluated
 * weeks (after 9 weeks of history) of NPS answers at NPS 30, a sustained fall injected into 50 of
 * them at a random hour; every rule checked every 15 minutes with an injected clock, the new rules
 * through the evaluation step the live job runs (evaluateSubjects + IncidentBook), the legacy
 * previous-window rule beside them on the same answers. Two seeds, so 400 touchpoints in all.
 * No database needed (generated in memory); runs in a couple of minutes.
 */
import type { Benchmark } from './index.js';
import { generate, ISSUE_SCENARIO, runEngine, runLegacy, score, type Quality, type Scenario } from './alertSimulation.js';
import { ALARM_H } from '../src/domain/thresholds.js';

const SEEDS = [9, 10];

interface Row {
  label: string;
  q: Quality;
}

function merge(label: string, parts: Quality[]): Row {
  // Seeds are of equal size: rates and delays are the mean of the per-seed figures.
  const avg = (f: (q: Quality) => number | null) => {
    const xs = parts.map(f).filter((x): x is number => x !== null);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  return {
    label,
    q: {
      rule: label,
      falseAlarms: parts.reduce((s, q) => s + q.falseAlarms, 0),
      falsePer200: avg((q) => q.falsePer200) ?? 0,
      recall7d: avg((q) => q.recall7d) ?? 0,
      medianDelayH: avg((q) => q.medianDelayH),
      p90DelayH: avg((q) => q.p90DelayH),
      messagesPerDrop: avg((q) => q.messagesPerDrop) ?? 0,
      falseRecoveries: parts.reduce((s, q) => s + q.falseRecoveries, 0),
      checks: parts[0]?.checks ?? 0,
    },
  };
}

const RULES = [
  { label: 'legacy `nps-drop * 10`', legacy: { kind: 'nps_drop' as const, threshold: 10 } },
  { label: 'legacy `nps-below * 20`', legacy: { kind: 'nps_below' as const, threshold: 20 } },
  { label: 'new `nps-drop * 10`', engine: { kind: 'nps_drop' as const, threshold: 10 } },
  { label: 'new `nps-drop * 15`', engine: { kind: 'nps_drop' as const, threshold: 15 } },
  { label: 'new `nps-below * 20`', engine: { kind: 'nps_below' as const, threshold: 20 } },
];

function measure(base: Scenario, log: (m: string) => void, rules = RULES): Row[] {
  const perRule = rules.map(() => [] as Quality[]);
  for (const seed of SEEDS) {
    const st = generate({ ...base, seed });
    rules.forEach((r, i) => {
      const o = r.legacy
        ? runLegacy(st, { ...r.legacy, minSample: 30 })
        : runEngine(st, { id: 1, kind: r.engine?.kind ?? 'nps_drop', threshold: r.engine?.threshold ?? 10, minSample: 30, timezone: 'UTC', windowDays: 7 });
      perRule[i]?.push(score(st, r.label, o));
    });
    log(`${base.answersPerWeek}/week, ${base.dropPoints}-point falls, seed ${seed} done`);
  }
  return rules.map((r, i) => merge(r.label, perRule[i] ?? []));
}

const h = (x: number | null) => (x === null ? '—' : `${Math.round(x)} h`);
function table(rows: Row[]): string {
  return [
    '| rule | false alarms per 200 touchpoint-weeks | falls alerted within 7 days | median delay | p90 delay | messages per real fall | "Recovered" while still down |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      ({ label, q }) =>
        `| ${label} | ${q.falsePer200.toFixed(2)} | ${(100 * q.recall7d).toFixed(0)}% | ${h(q.medianDelayH)} | ${h(q.p90DelayH)} | ${q.messagesPerDrop.toFixed(2)} | ${q.falseRecoveries} |`,
    ),
  ].join('\n');
}

const bench: Benchmark = {
  name: 'Alert quality (200 touchpoints × 12 weeks, checked every 15 minutes)',
  async run(ctx) {
    const t0 = performance.now();
    const sections: string[] = [];
    for (const volume of [550, 100, 2000]) {
      const rows = measure({ ...ISSUE_SCENARIO, answersPerWeek: volume }, (m) => ctx.log(m));
      sections.push(`### ${volume.toLocaleString('en')} NPS answers a week per touchpoint, 15-point falls\n\n${table(rows)}`);
    }
    const drops = RULES.filter((r) => r.label.includes('nps-drop'));
    for (const points of [10, 20]) {
      const rows = measure({ ...ISSUE_SCENARIO, dropPoints: points }, (m) => ctx.log(m), drops);
      sections.push(`### 550 answers a week, ${points}-point falls\n\n${table(rows)}`);
    }
    const secs = ((performance.now() - t0) / 1000).toFixed(0);
    return `Generated streams: ${ISSUE_SCENARIO.touchpoints} touchpoints per seed (seeds ${SEEDS.join(', ')}; figures are the mean of the two), NPS 30 (50% promoters, 20% detractors), Poisson answers hour by hour; a sustained fall (half of it promoters turned detractors) injected into ${ISSUE_SCENARIO.dropped} of them at a random hour of weeks 1–11; ${ISSUE_SCENARIO.weeks} weeks evaluated every 15 minutes (${(ISSUE_SCENARIO.weeks * 7 * 96).toLocaleString('en')} checks per rule and touchpoint) after ${ISSUE_SCENARIO.historyWeeks} weeks of history. New rules: CUSUM over completed UTC days, h = ${ALARM_H}; legacy: the previous-window rule the bot had before (last 7 days including today vs the 7 before, 95% gate, 24 h cooldown). False alarms: new incidents on a touchpoint before its fall (or at all, for the 150 controls) per 200 touchpoint-weeks without a fall. Delay: from the fall to the first alert (falls not alerted by the end are left out of the delays). Messages: top-level posts plus thread notes from the fall to the end. ${secs} s.

${sections.join('\n\n')}`;
  },
};
export default bench;
