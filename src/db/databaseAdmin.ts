import postgres from 'postgres';

/**
 * Creating and dropping whole databases on a server: test runs and benchmarks each work in a
 * database of their own so they never see one another's rows. Names are checked, not quoted
 * from user input, because CREATE DATABASE cannot take a bind parameter.
 */
const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function databaseUrlFor(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Drops the database if it exists, creates it empty and returns its URL. */
export async function recreateDatabase(serverUrl: string, database: string): Promise<string> {
  await withAdmin(serverUrl, async (admin) => {
    await admin.unsafe(`drop database if exists "${checked(database)}" with (force)`);
    await admin.unsafe(`create database "${checked(database)}"`);
  });
  return databaseUrlFor(serverUrl, database);
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withAdmin(serverUrl, (admin) => admin.unsafe(`drop database if exists "${checked(database)}" with (force)`));
}

async function withAdmin(serverUrl: string, work: (admin: postgres.Sql) => Promise<unknown>): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

function checked(name: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`Refusing database name ${JSON.stringify(name)}`);
  return name;
}
