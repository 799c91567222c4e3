import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { keyedJourneyDefinitionSchema, type KeyedJourneyDefinition } from '../ingest/schemas.js';
import { upsertJourneyDefinition, type UpsertJourneyResult } from '../db/queries/ingest.js';

/**
 * `import-journeys <file>`: one journey object with a `key`, or a list of them, in JSON or
 * YAML (YAML is a superset of JSON, so one parser reads both). Every journey is validated
 * before any is written.
 */

export interface FileProblem {
  field: string;
  message: string;
}

export type JourneysImport =
  | { ok: true; journeys: Array<{ key: string } & Pick<UpsertJourneyResult, 'created' | 'retired'> & { touchpoints: number }> }
  | { ok: false; problems: FileProblem[] };

/** What an import would change in one journey, for `--dry-run`. */
export interface JourneyChange {
  key: string;
  /** The journey does not exist yet. */
  created: boolean;
  /** Its name changes: [from, to]. */
  renamed: [string, string] | null;
  added: string[];
  /** Touchpoints whose name changes: key, from, to. */
  renamedTouchpoints: Array<{ key: string; from: string; to: string }>;
  /** Active touchpoints the file leaves out: they would stop being shown (kept, inactive). */
  retired: string[];
  /** Retired touchpoints the file names again: they would be shown again. */
  reactivated: string[];
}

export type JourneysDryRun = { ok: true; changes: JourneyChange[] } | { ok: false; problems: FileProblem[] };

/** Reads and validates the file like importJourneysFile, and says what it would change without writing anything. */
export async function planJourneysFile(db: Db, file: string): Promise<JourneysDryRun> {
  const read = await readJourneysFile(file);
  if (!read.ok) return read;
  const keys = read.defs.map((d) => d.key);
  const rows = await queryRows<{ journey_key: string; journey_name: string; key: string | null; name: string | null; active: boolean | null }>(
    db,
    sql`select j.key as journey_key, j.name as journey_name, t.key, t.name, t.active
        from journeys j left join touchpoints t on t.journey_id = j.id
        where j.key in (select value from jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))
        order by j.key, t.position, t.id`,
  );
  return { ok: true, changes: read.defs.map((def) => journeyChange(def, rows.filter((r) => r.journey_key === def.key))) };
}

function journeyChange(
  def: KeyedJourneyDefinition,
  existing: ReadonlyArray<{ journey_name: string; key: string | null; name: string | null; active: boolean | null }>,
): JourneyChange {
  const first = existing[0];
  const stored = new Map(existing.flatMap((r) => (r.key !== null ? [[r.key, { name: r.name ?? '', active: r.active === true }] as const] : [])));
  const named = new Set(def.touchpoints.map((tp) => tp.key));
  return {
    key: def.key,
    created: first === undefined,
    renamed: first !== undefined && first.journey_name !== def.name ? [first.journey_name, def.name] : null,
    added: def.touchpoints.filter((tp) => !stored.has(tp.key)).map((tp) => tp.key),
    renamedTouchpoints: def.touchpoints.flatMap((tp) => {
      const s = stored.get(tp.key);
      return s && s.name !== tp.name ? [{ key: tp.key, from: s.name, to: tp.name }] : [];
    }),
    retired: [...stored].filter(([key, s]) => s.active && !named.has(key)).map(([key]) => key),
    reactivated: def.touchpoints.filter((tp) => stored.get(tp.key)?.active === false).map((tp) => tp.key),
  };
}

/** The lines `import-journeys --dry-run` prints for one journey. */
export function describeChange(c: JourneyChange): string[] {
  const lines = [c.created ? `would create journey ${c.key}` : `would update journey ${c.key}`];
  if (c.renamed) lines.push(`  rename journey: ${c.renamed[0]} → ${c.renamed[1]}`);
  if (c.added.length > 0) lines.push(`  add touchpoints: ${c.added.join(', ')}`);
  for (const r of c.renamedTouchpoints) lines.push(`  rename touchpoint ${r.key}: ${r.from} → ${r.to}`);
  if (c.reactivated.length > 0) lines.push(`  bring back retired touchpoints: ${c.reactivated.join(', ')}`);
  if (c.retired.length > 0) lines.push(`  RETIRE touchpoints left out of the file (kept, no longer shown): ${c.retired.join(', ')}`);
  if (lines.length === 1 && !c.created) lines.push('  no changes');
  return lines;
}

export async function importJourneysFile(db: Db, file: string): Promise<JourneysImport> {
  const read = await readJourneysFile(file);
  if (!read.ok) return read;
  const journeys = [];
  for (const { key, ...def } of read.defs) {
    const r = await upsertJourneyDefinition(db, key, def);
    journeys.push({ key, created: r.created, retired: r.retired, touchpoints: r.touchpoints.length });
  }
  return { ok: true, journeys };
}

async function readJourneysFile(file: string): Promise<{ ok: true; defs: KeyedJourneyDefinition[] } | { ok: false; problems: FileProblem[] }> {
  let data: unknown;
  try {
    data = parseYaml(await readFile(file, 'utf8'));
  } catch (err) {
    return { ok: false, problems: [{ field: '(file)', message: `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  const list: unknown[] = Array.isArray(data) ? data : [data];
  const problems: FileProblem[] = [];
  const defs: KeyedJourneyDefinition[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const prefix = Array.isArray(data) ? `[${i}]` : '';
    const parsed = keyedJourneyDefinitionSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ field: `${prefix}${formatPath(issue.path)}`.replace(/^\./, '') || '(journey)', message: issue.message });
      }
      return;
    }
    const first = seen.get(parsed.data.key);
    if (first !== undefined) problems.push({ field: `${prefix}.key`.replace(/^\./, ''), message: `journey "${parsed.data.key}" is defined twice (also at [${first}])` });
    seen.set(parsed.data.key, i);
    defs.push(parsed.data);
  });
  if (list.length === 0) problems.push({ field: '(file)', message: 'the list of journeys is empty' });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, defs };
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}
