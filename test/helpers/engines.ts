/**
 * One test suite, two engines: `describeEngines` runs the same tests against embedded PGlite
 * and, when DATABASE_URL is set, against that PostgreSQL server. Each suite gets a database of
 * its own (a PGlite loaded from the migrated dump; a fresh server database, dropped afterwards).
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { initDatabase } from '../../src/db/setup.ts';
import { createEmbedder } from '../../src/embed/index.ts';

export type EngineName = 'pglite' | 'server';

export const SERVER_URL = process.env.DATABASE_URL;

export const testEmbedder = createEmbedder({ provider: 'hash', dimensions: 384 });

export interface OpenOptions {
  /** false: a bare cluster with no migrations applied. Default true: migrated, embedder recorded. */
  initialized?: boolean;
}

const POOL = { max: 8, idleTimeoutMillis: 1000, connectionTimeoutMillis: 5000 };

function serverUrlFor(database: string): string {
  const url = new URL(SERVER_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Opens a new, isolated database on the engine. Close it with `close()`; server ones are dropped. */
export async function openTestDatabase(engine: EngineName, options: OpenOptions = {}): Promise<Database> {
  const initialized = options.initialized ?? true;
  if (engine === 'pglite') {
    const loadDataDir = initialized ? new Blob([await readFile(inject('pgliteDump'))]) : undefined;
    return openPglite({ kind: 'embedded', dataDir: 'memory://' }, { loadDataDir });
  }
  const name = `jobsight_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(`create database ${name}`);
  const database = await openPostgres({ kind: 'server', url: serverUrlFor(name), pool: POOL });
  if (initialized) await initDatabase(database.db, testEmbedder);
  return {
    ...database,
    async close() {
      await database.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

export const ENGINES: EngineName[] = ['pglite', 'server'];

/**
 * `describe` once per engine, titled `[pglite] ...` and `[server] ...`. Without DATABASE_URL the
 * server suite is skipped, visibly; CI always sets it.
 */
export function describeEngines(
  title: string,
  body: (ctx: { engine: EngineName; database: () => Database }) => void,
  options: OpenOptions = {},
): void {
  for (const engine of ENGINES) {
    const skip = engine === 'server' && !SERVER_URL;
    describe.skipIf(skip)(`[${engine}] ${title}${skip ? ' (DATABASE_URL unset)' : ''}`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(engine, options);
      });
      afterAll(async () => {
        await database?.close();
      });
      body({
        engine,
        database: () => {
          if (!database) throw new Error('database not open yet');
          return database;
        },
      });
    });
  }
}
