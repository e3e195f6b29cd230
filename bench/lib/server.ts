/**
 * Benchmark databases on the PostgreSQL server: each made fresh under its own name, opened
 * through Jobsight's own adapter, and dropped at the end of the run.
 */
import pg from 'pg';
import { resolveConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { initDatabase } from '../../src/db/setup.ts';
import type { Embedder } from '../../src/embed/embedder.ts';

const NAME = /^jobsight_bench_[a-z0-9_]+$/;

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Drops (if present) and creates database `name`, migrated and with the embedder recorded. */
export async function freshServerDatabase(serverUrl: string, name: string, embedder: Embedder, poolMax = 20): Promise<Database> {
  if (!NAME.test(name)) throw new Error(`benchmark database names start with jobsight_bench_: ${name}`);
  await admin(serverUrl, `drop database if exists ${name} with (force)`);
  await admin(serverUrl, `create database ${name}`);
  const config = resolveConfig({ databaseUrl: databaseUrl(serverUrl, name), poolMax });
  if (config.database.kind !== 'server') throw new Error('unreachable: a database URL gives a server config');
  const database = await openPostgres(config.database);
  await initDatabase(database.db, embedder);
  return database;
}

export async function dropServerDatabase(serverUrl: string, name: string): Promise<void> {
  if (!NAME.test(name)) throw new Error(`refusing to drop ${name}`);
  await admin(serverUrl, `drop database if exists ${name} with (force)`);
}

/** A plain node-postgres client on a benchmark database: the "bare SQL" side of comparisons. */
export async function bareClient(serverUrl: string, name: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, name), application_name: 'jobsight-bench-bare' });
  await client.connect();
  return client;
}
