/**
 * "Did you mean" for journey and touchpoint names. Compares Unicode code points (not UTF-16
 * units) after NFKC + lower-casing, so full-width/half-width and kana variants typed through an
 * IME still match, and a Japanese name counts its characters correctly.
 */

export interface SuggestCandidate {
  key: string;
  name: string;
}

/** NFKC, lower-case, with spaces, `-` and `_` treated alike. */
export function normalizeForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim().replace(/[\s_-]+/g, ' ');
}

/**
 * Edits (insert, delete, substitute, or swap two neighbours: "hlep" → "help" is one) between two
 * strings, counted over Unicode code points so a Japanese character is one character.
 */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let before: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, (before[j - 2] ?? 0) + 1);
      row[j] = d;
    }
    before = prev;
    prev = row;
  }
  return prev[y.length] ?? 0;
}

interface Ranked<T> {
  candidate: T;
  tier: number;
  distance: number;
}

function rank(input: string, target: string): { tier: number; distance: number } | null {
  if (target === '') return null;
  const distance = editDistance(input, target);
  if (input === target) return { tier: 0, distance };
  if (target.startsWith(input)) return { tier: 1, distance };
  if (target.includes(input) || input.includes(target)) return { tier: 2, distance };
  // Allow roughly one typo per three characters of the longer string, at least one.
  const allowed = Math.max(1, Math.floor(Math.max(Array.from(input).length, Array.from(target).length) / 3));
  return distance <= allowed ? { tier: 3, distance } : null;
}

/** Up to `limit` candidates close to `input`: exact, then prefix, then substring, then by edit distance. */
export function suggest<T extends SuggestCandidate>(input: string, candidates: readonly T[], limit = 3): T[] {
  const needle = normalizeForMatch(input);
  if (needle === '' || limit <= 0) return [];
  const ranked: Ranked<T>[] = [];
  for (const candidate of candidates) {
    const scores = [rank(needle, normalizeForMatch(candidate.key)), rank(needle, normalizeForMatch(candidate.name))].filter(
      (s): s is { tier: number; distance: number } => s !== null,
    );
    if (scores.length === 0) continue;
    const best = scores.reduce((a, b) => (b.tier < a.tier || (b.tier === a.tier && b.distance < a.distance) ? b : a));
    ranked.push({ candidate, ...best });
  }
  ranked.sort((a, b) => a.tier - b.tier || a.distance - b.distance || a.candidate.key.localeCompare(b.candidate.key));
  return ranked.slice(0, limit).map((r) => r.candidate);
}
