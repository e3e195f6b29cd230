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
  /**
   * Runs `fn` in one transaction on one connection, with `copy` loading a binary COPY payload
   * (see db/binary-copy.ts) into a table inside that same transaction. Used for bulk loads.
   */
  bulkTransaction<T>(fn: (tx: Db, copy: CopyInto) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` on one connection outside any transaction (for statements that refuse a
   * transaction block, such as CREATE INDEX CONCURRENTLY, and for session-level SETs). On the
   * server the connection is closed afterwards, so nothing set on it leaks into the pool.
   */
  session<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** Runs `COPY (query) TO ... (FORMAT binary)` and returns the payload; `query` is trusted SQL, never user input. */
  copyOut(query: string): Promise<Buffer>;
  /** Releases the engine (closes PGlite, ends the pool). Idempotent. */
  close(): Promise<void>;
}

/** Loads a binary COPY payload into `table (columns)`; names must be plain SQL identifiers. */
export type CopyInto = (table: string, columns: readonly string[], payload: Buffer) => Promise<void>;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The COPY statement for `table (columns)`, refusing anything that is not a plain identifier. */
export function copyStatement(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  }
  return `COPY ${table} (${columns.join(', ')}) FROM ${source} WITH (FORMAT binary)`;
}

/** Rows of a raw SQL statement, whichever driver ran it. */
export async function queryRows<T>(db: Db | Tx, query: Parameters<Db['execute']>[0]): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
