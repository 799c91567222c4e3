/**
 * `npm run cli -- <command>`: imports and the demo seed. Opens the same database as
 * `npm start` (DATABASE_URL, or the embedded PGlite at PGLITE_DIR), migrates it, runs one
 * command and always closes the database (an open PGlite would keep the process alive).
 */
import { ConfigError, loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { parseArgs, runCommand, UsageError, USAGE, type CliIo } from './commands.js';

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(err.message);
      return 2;
    }
    throw err;
  }
  if (args.command === 'help') {
    io.out(USAGE);
    return 0;
  }
  const config = loadConfig();
  const db = await createDb({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR, maxConnections: 2 });
  try {
    await runMigrations(db);
    return await runCommand(db.db, args, io);
  } finally {
    await db.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof ConfigError) io.err(err.message);
  else io.err(`Failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
