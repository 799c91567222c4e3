import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { wrapPglite } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';

/**
 * PGlite's initdb costs ~2 s per instance; loading a dump of an already migrated one costs
 * ~0.5 s. So the suite migrates once here and every test file starts from that dump.
 */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  if (process.env.TEST_DATABASE_URL) return undefined;
  const pg = new PGlite();
  await pg.waitReady;
  const handle = wrapPglite(pg);
  await runMigrations(handle);
  const dump = await pg.dumpDataDir('none');
  await handle.close();
  const path = join(tmpdir(), `jp-pglite-template-${process.pid}-${Date.now()}.tar`);
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', path);
  return () => rmSync(path, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
