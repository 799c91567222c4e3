import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { Db } from '../db/client.js';
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

export async function importJourneysFile(db: Db, file: string): Promise<JourneysImport> {
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

  const journeys = [];
  for (const { key, ...def } of defs) {
    const r = await upsertJourneyDefinition(db, key, def);
    journeys.push({ key, created: r.created, retired: r.retired, touchpoints: r.touchpoints.length });
  }
  return { ok: true, journeys };
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}
