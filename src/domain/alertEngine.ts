/**
 * The one evaluation step every alert path runs — the live job, the backtest CLI, the preview and
 * the quality benchmark: rules × touchpoints with their evidence and incident states in, decisions
 * out. Pure; where the evidence comes from (Postgres, generated streams) and where decisions go
 * (incident rows and the outbox, or an in-memory book) is the caller's business.
 */
import type { AlertKind, UnresolvedIncidentStatus } from './enums.js';
import { localDay } from './localTime.js';
import { decide, DEFAULT_POLICIES, type Decision, type RuleThreshold, type SubjectEvidence, type ThresholdPolicy } from './thresholds.js';

export interface EngineRule extends RuleThreshold {
  id: number;
  /** IANA timezone whose local days the evidence uses. */
  timezone: string;
  windowDays: number;
}

export interface SubjectInput {
  ruleId: number;
  touchpointId: number;
  evidence: SubjectEvidence;
}

export interface OpenIncident {
  id: number;
  status: UnresolvedIncidentStatus;
  snoozedUntil: Date | null;
  notifiedBadness: number;
  worsenCount: number;
  resolveNoted: boolean;
  openedAt: Date;
  /** nps_drop: the baseline at opening (shown as "previous"). */
  lastPrevious: number | null;
  lastValue: number;
}

export interface ResolvedIncident {
  id: number;
  resolvedAt: Date;
  resolveNoted: boolean;
}

export interface SubjectState {
  open: OpenIncident | null;
  lastResolved: ResolvedIncident | null;
}

export interface SubjectDecision {
  rule: EngineRule;
  touchpointId: number;
  state: SubjectState;
  decision: Decision;
}

export const subjectKey = (ruleId: number, touchpointId: number) => `${ruleId}:${touchpointId}`;

export function evaluateSubjects(
  rules: readonly EngineRule[],
  subjects: readonly SubjectInput[],
  stateOf: (ruleId: number, touchpointId: number) => SubjectState,
  now: Date,
  policies: Record<AlertKind, ThresholdPolicy> = DEFAULT_POLICIES,
): SubjectDecision[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const out: SubjectDecision[] = [];
  for (const s of subjects) {
    const rule = byId.get(s.ruleId);
    if (!rule) continue;
    const state = stateOf(s.ruleId, s.touchpointId);
    const open = state.open
      ? {
          status: state.open.status,
          snoozedUntil: state.open.snoozedUntil,
          notifiedBadness: state.open.notifiedBadness,
          worsenCount: state.open.worsenCount,
          resolveNoted: state.open.resolveNoted,
          openedDay: localDay(state.open.openedAt, rule.timezone),
          baseline: state.open.lastPrevious,
        }
      : null;
    const resolved = state.lastResolved
      ? { resolvedAt: state.lastResolved.resolvedAt, resolvedDay: localDay(state.lastResolved.resolvedAt, rule.timezone), resolveNoted: state.lastResolved.resolveNoted }
      : null;
    out.push({ rule, touchpointId: s.touchpointId, state, decision: decide(rule, s.evidence, open, resolved, now, policies[rule.kind]) });
  }
  return out;
}

/** How far back resolved incidents matter: the cooldown, and the evidence window that restarts after them. */
export function resolvedHorizonMs(rules: readonly EngineRule[]): number {
  const maxWindow = Math.max(1, ...rules.map((r) => r.windowDays));
  const maxCooldown = Math.max(...Object.values(DEFAULT_POLICIES).map((p) => p.cooldownMs));
  return Math.max(maxCooldown, (maxWindow + 1) * 86_400_000);
}

/** An incident as the in-memory book keeps it: what a backtest reports. */
export interface BookIncident {
  id: number;
  ruleId: number;
  kind: AlertKind;
  touchpointId: number;
  openedAt: Date;
  resolvedAt: Date | null;
  /** Top-level posts plus thread notes it sent (message edits are not counted), and when. */
  messages: number;
  messageTimes: Date[];
  /** Every resolution (a silent re-open may follow). */
  resolutionTimes: Date[];
  /** Kept across a resolution, as the incident row keeps them: a re-open does not re-arm the worsening note. */
  worsenCount: number;
  notifiedBadness: number;
  state: SubjectState;
}

/**
 * Incident lifecycle in memory, applying decisions exactly as applyDecisions does in Postgres:
 * one open incident per (rule, touchpoint), reopen within the cooldown, one resolution note per incident.
 */
export class IncidentBook {
  readonly incidents: BookIncident[] = [];
  private readonly current = new Map<string, BookIncident>();
  private nextId = 1;

  stateOf = (ruleId: number, touchpointId: number): SubjectState => {
    return this.current.get(subjectKey(ruleId, touchpointId))?.state ?? { open: null, lastResolved: null };
  };

  apply(decisions: readonly SubjectDecision[], now: Date): void {
    for (const { rule, touchpointId, decision } of decisions) {
      const key = subjectKey(rule.id, touchpointId);
      const inc = this.current.get(key);
      switch (decision.type) {
        case 'none':
          break;
        case 'open': {
          const id = this.nextId++;
          const fresh: BookIncident = {
            id,
            ruleId: rule.id,
            kind: rule.kind,
            touchpointId,
            openedAt: now,
            resolvedAt: null,
            messages: 1,
            messageTimes: [now],
            resolutionTimes: [],
            worsenCount: 0,
            notifiedBadness: decision.badness,
            state: {
              open: {
                id,
                status: 'open',
                snoozedUntil: null,
                notifiedBadness: decision.badness,
                worsenCount: 0,
                resolveNoted: false,
                openedAt: now,
                lastPrevious: decision.reading.previous,
                lastValue: decision.reading.value ?? 0,
              },
              lastResolved: null,
            },
          };
          this.incidents.push(fresh);
          this.current.set(key, fresh);
          break;
        }
        case 'update':
        case 'worsen': {
          const open = inc?.state.open;
          if (!inc || !open) break;
          open.lastValue = decision.reading.value ?? open.lastValue;
          if (decision.type === 'worsen') {
            open.worsenCount++;
            open.notifiedBadness = decision.badness;
            inc.worsenCount = open.worsenCount;
            inc.notifiedBadness = decision.badness;
            inc.messages++;
            inc.messageTimes.push(now);
          }
          break;
        }
        case 'resolve': {
          const open = inc?.state.open;
          if (!inc || !open) break;
          if (decision.note) {
            inc.messages++;
            inc.messageTimes.push(now);
          }
          inc.resolvedAt = now;
          inc.resolutionTimes.push(now);
          inc.state = { open: null, lastResolved: { id: inc.id, resolvedAt: now, resolveNoted: open.resolveNoted || decision.note } };
          break;
        }
        case 'reopen': {
          const last = inc?.state.lastResolved;
          if (!inc || !last) break;
          inc.resolvedAt = null;
          inc.notifiedBadness = Math.max(inc.notifiedBadness, decision.badness);
          inc.state = {
            open: {
              id: inc.id,
              status: 'open',
              snoozedUntil: null,
              notifiedBadness: Math.max(inc.notifiedBadness, decision.badness),
              worsenCount: inc.worsenCount,
              resolveNoted: last.resolveNoted,
              openedAt: now,
              lastPrevious: decision.reading.previous,
              lastValue: decision.reading.value ?? 0,
            },
            lastResolved: null,
          };
          break;
        }
      }
    }
  }
}
