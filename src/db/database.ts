import type { Readable } from 'node:stream';
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
  /**
   * Read replicas of this (primary) server, when configured (db/replicas.ts). `db` and every
   * other member always work on the primary; only `readFrom` sends work to a replica.
   */
  readonly replicas?: ReadReplicas;
}

/** One node of a primary with read replicas, as `jobsight db info` shows it. */
export interface NodeStatus {
  role: 'primary' | 'replica';
  /** Where it is, without a password. */
  location: string;
  /** up: in use; down: not reachable; lagging: too far behind; not-standby: not a replica (promoted?). */
  state: 'up' | 'down' | 'lagging' | 'not-standby';
  /** Seconds behind the primary (0 for the primary); null when not known. */
  lagSeconds: number | null;
  /** Why it is not in use, when it is not. */
  reason?: string;
}

/** Read replicas behind a primary (db/replicas.ts). */
export interface ReadReplicas {
  /**
   * Runs read-only `fn` on a replica that is up, close enough to the primary and has replayed this
   * process's writes, least busy first; on the primary when there is none, or when the replica is
   * lost during `fn` (read-only work is safe to run again).
   */
  read<T>(fn: (database: Database) => Promise<T>): Promise<T>;
  /** Notes the primary's WAL position after a write: this process's later reads see that write. */
  wrote(): Promise<void>;
  /** Every node, checked now. */
  nodes(): Promise<NodeStatus[]>;
}

/**
 * Runs read-only `fn` on a read replica when `database` has some (see ReadReplicas.read),
 * else on `database` itself.
 * @example const hits = await readFrom(database, (d) => vectorSearch(d.db, embedder, 'nurse'));
 */
export function readFrom<T>(database: Database, fn: (database: Database) => Promise<T>): Promise<T> {
  return database.replicas ? database.replicas.read(fn) : fn(database);
}

/**
 * Loads a binary COPY payload into `table (columns)`; names must be plain SQL identifiers. A
 * stream lets the server load payloads larger than a Buffer or a file read may hold (2 GiB).
 */
export type CopyInto = (table: string, columns: readonly string[], payload: Buffer | Readable) => Promise<void>;

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
