import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { queryRows } from '../rows.js';
import { normalizeForMatch, suggest } from '../../domain/suggest.js';
import type { JourneyRef, LookupResult, TouchpointRef } from '../../domain/model.js';

/**
 * Journeys and touchpoints by key or display name, for commands typed by people: matching is
 * case- and width-insensitive (NFKC), and a miss comes back with "did you mean" suggestions.
 * Journeys and touchpoints number in the tens to hundreds, so matching happens in memory.
 */

interface JourneyRow {
  id: number;
  key: string;
  name: string;
  description: string | null;
  touchpoint_count: number;
}

function toJourneyRef(r: JourneyRow): JourneyRef {
  return { id: r.id, key: r.key, name: r.name, description: r.description, touchpointCount: r.touchpoint_count };
}

/** Every journey, by name, with its number of active touchpoints. */
export async function listJourneys(db: Db): Promise<JourneyRef[]> {
  const rows = await queryRows<JourneyRow>(
    db,
    sql`select j.id, j.key, j.name, j.description,
          (select count(*) from touchpoints t where t.journey_id = j.id and t.active)::int as touchpoint_count
        from journeys j order by j.name, j.key`,
  );
  return rows.map(toJourneyRef);
}

export async function getJourneyRef(db: Db, journeyId: number): Promise<JourneyRef | null> {
  const rows = await queryRows<JourneyRow>(
    db,
    sql`select j.id, j.key, j.name, j.description,
          (select count(*) from touchpoints t where t.journey_id = j.id and t.active)::int as touchpoint_count
        from journeys j where j.id = ${journeyId}`,
  );
  return rows[0] ? toJourneyRef(rows[0]) : null;
}

interface TouchpointRow {
  id: number;
  key: string;
  name: string;
  channel: string | null;
  position: number;
  journey_id: number;
  journey_key: string;
  journey_name: string;
}

function toTouchpointRef(r: TouchpointRow): TouchpointRef {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    channel: r.channel,
    position: r.position,
    journeyId: r.journey_id,
    journeyKey: r.journey_key,
    journeyName: r.journey_name,
  };
}

async function touchpointRows(db: Db, journeyId: number | null, touchpointId: number | null = null): Promise<TouchpointRef[]> {
  const rows = await queryRows<TouchpointRow>(
    db,
    sql`select t.id, t.key, t.name, t.channel, t.position, t.journey_id, j.key as journey_key, j.name as journey_name
        from touchpoints t join journeys j on j.id = t.journey_id
        where t.active
          and (${journeyId}::int is null or t.journey_id = ${journeyId}::int)
          and (${touchpointId}::int is null or t.id = ${touchpointId}::int)
        order by j.name, j.key, t.position, t.id`,
  );
  return rows.map(toTouchpointRef);
}

/** Active touchpoints of a journey in journey order. */
export async function listTouchpoints(db: Db, journeyId: number): Promise<TouchpointRef[]> {
  return touchpointRows(db, journeyId);
}

/** Every active touchpoint, grouped by journey, in journey order. */
export async function listAllTouchpoints(db: Db): Promise<TouchpointRef[]> {
  return touchpointRows(db, null);
}

/** One active touchpoint by id (null when unknown or retired). */
export async function getTouchpointRef(db: Db, touchpointId: number): Promise<TouchpointRef | null> {
  return (await touchpointRows(db, null, touchpointId))[0] ?? null;
}

/** Exact key first, then exact display name; both compared after NFKC + lower-casing. */
function exactMatches<T extends { key: string; name: string }>(text: string, items: readonly T[]): T[] {
  const wanted = normalizeForMatch(text);
  const byKey = items.filter((i) => normalizeForMatch(i.key) === wanted);
  if (byKey.length > 0) return byKey;
  return items.filter((i) => normalizeForMatch(i.name) === wanted);
}

export async function findJourney(db: Db, text: string): Promise<LookupResult<JourneyRef>> {
  const journeys = await listJourneys(db);
  const [match] = exactMatches(text, journeys);
  if (match) return { found: true, value: match };
  return { found: false, reason: 'not_found', suggestions: suggest(text, journeys) };
}

/**
 * `journey/touchpoint` (each part a key or a name), or a touchpoint alone when its key or
 * name is unique across journeys; otherwise the candidates to choose from.
 */
export async function findTouchpoint(db: Db, text: string): Promise<LookupResult<TouchpointRef>> {
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const journey = await findJourney(db, text.slice(0, slash));
    const rest = text.slice(slash + 1);
    const all = await touchpointRows(db, null);
    if (!journey.found) {
      // Touchpoints of the journeys the user probably meant come first; when the journey part is too
      // far off to suggest any journey ("shop/delivry"), the touchpoint part alone still finds the pair.
      const near = journey.reason === 'not_found' ? journey.suggestions : [];
      const inNear = all.filter((tp) => near.some((j) => j.id === tp.journeyId));
      const options = suggest(rest, inNear);
      return { found: false, reason: 'not_found', suggestions: options.length > 0 ? options : suggest(rest, all) };
    }
    const options = all.filter((tp) => tp.journeyId === journey.value.id);
    const [match] = exactMatches(rest, options);
    if (match) return { found: true, value: match };
    // A touchpoint of another journey ("support/delivery") is a better hint than none.
    const near = suggest(rest, options);
    return { found: false, reason: 'not_found', suggestions: near.length > 0 ? near : suggest(rest, all) };
  }
  const all = await touchpointRows(db, null);
  const matches = exactMatches(text, all);
  const [only] = matches;
  if (only && matches.length === 1) return { found: true, value: only };
  if (matches.length > 1) return { found: false, reason: 'ambiguous', candidates: matches };
  return { found: false, reason: 'not_found', suggestions: suggest(text, all) };
}
