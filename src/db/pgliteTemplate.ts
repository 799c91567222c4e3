import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A dump of a freshly initialised and migrated PGlite, written by `npm run build` (so by
 * `npm install`) next to the compiled code. PGlite's initdb costs ~3 s on these machines; loading
 * this dump into an empty directory costs under 1 s, which is most of a first start. Migrations
 * still run after opening, so a dump older than the code only means more of them to apply.
 */
export const PGLITE_TEMPLATE_PATH = fileURLToPath(new URL('../pglite-template.tar.gz', import.meta.url));

/** True when `dir` holds no database yet (PGlite, like Postgres, writes PG_VERSION first). */
export function isEmptyDataDir(dir: string): boolean {
  return !existsSync(join(dir, 'PG_VERSION'));
}

/** The template as PGlite's `loadDataDir` wants it, or undefined when none was built (e.g. running from src/). */
export function loadPgliteTemplate(): Blob | undefined {
  if (!existsSync(PGLITE_TEMPLATE_PATH)) return undefined;
  return new Blob([readFileSync(PGLITE_TEMPLATE_PATH)]);
}
