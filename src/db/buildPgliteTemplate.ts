import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite } from './client.js';
import { runMigrations } from './migrate.js';
import { PGLITE_TEMPLATE_PATH } from './pgliteTemplate.js';

// Run by `npm run build`: initdb and every migration once, dumped for fast first starts (see pgliteTemplate.ts).
const pg = new PGlite();
await pg.waitReady;
const handle = wrapPglite(pg);
await runMigrations(handle);
const dump = await pg.dumpDataDir('gzip');
await handle.close();
writeFileSync(PGLITE_TEMPLATE_PATH, Buffer.from(await dump.arrayBuffer()));
console.log(`PGlite template written to ${PGLITE_TEMPLATE_PATH}`);
