import type { TouchpointScores } from './model.js';

/** Below this NPS a touchpoint with enough answers is worth a look. */
export const LOW_NPS = 0;
const ATTENTION_SHOWN = 5;

export interface AttentionItem {
  touchpoint: TouchpointScores;
  reason: 'drop' | 'low';
}

/**
 * The touchpoints most in need of attention: significant NPS drops first (largest first), then
 * the lowest NPS among touchpoints with enough answers to judge (below LOW_NPS).
 */
export function pickAttention(touchpoints: readonly TouchpointScores[], limit = ATTENTION_SHOWN): AttentionItem[] {
  const drops = touchpoints
    .filter((tp) => tp.nps.change.significant && (tp.nps.change.delta ?? 0) < 0)
    .sort((a, b) => (a.nps.change.delta ?? 0) - (b.nps.change.delta ?? 0))
    .map((touchpoint) => ({ touchpoint, reason: 'drop' as const }));
  const seen = new Set(drops.map((d) => d.touchpoint.touchpoint.id));
  const low = touchpoints
    .filter((tp) => !seen.has(tp.touchpoint.id) && !tp.nps.current.tooSmall && tp.nps.current.score !== null && tp.nps.current.score < LOW_NPS)
    .sort((a, b) => (a.nps.current.score ?? 0) - (b.nps.current.score ?? 0))
    .map((touchpoint) => ({ touchpoint, reason: 'low' as const }));
  return [...drops, ...low].slice(0, limit);
}
