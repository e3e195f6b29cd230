import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

/** Drizzle over either engine; the rest of the code uses only this type. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A Drizzle transaction handle, usable wherever a `Db` is. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * One open database, embedded (PGlite) or server (node-postgres Pool). Engine quirks stay in
 * the adapters (db/pglite.ts, db/postgres.ts); callers see the same Drizzle API either way.
 */
export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Db;
  /** Where the database is, safe to print (no password). */
  readonly location: string;
  /** Releases the engine (closes PGlite, ends the pool). Idempotent. */
  close(): Promise<void>;
}

/** Rows of a raw SQL statement, whichever driver ran it. */
export async function queryRows<T>(db: Db | Tx, query: Parameters<Db['execute']>[0]): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
