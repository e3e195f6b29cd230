/**
 * A short transaction in one round trip: settings made with SET LOCAL (or set_config) first, then
 * the statement that must be planned with them. On a PostgreSQL server the statements go out
 * together in node-postgres's pipeline mode (BEGIN, the settings, the statement, COMMIT written
 * at once; the server runs them in order, so the planner sees the settings), where a transaction
 * awaited statement by statement costs four round trips. PGlite runs in this process, so it takes
 * the plain transaction; so does a handle that is already a transaction (a savepoint inside it).
 */
import { type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { queryRows, type Db, type Tx } from './database.ts';

/** The node-postgres pool behind a Drizzle handle, when it is one (not PGlite, not a transaction). */
function poolOf(db: Db | Tx): pg.Pool | undefined {
  const client = (db as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : undefined;
}

/**
 * The rows of `statement`, run in one transaction after `setup` (statements whose results are not
 * needed, e.g. `select set_config(..., true)`), as one round trip on a server.
 *
 * @example const rows = await rowsAfterSetup(db, [sql`select set_config('hnsw.ef_search', '200', true)`], statement);
 */
export async function rowsAfterSetup<T>(db: Db | Tx, setup: readonly SQL[], statement: SQL): Promise<T[]> {
  const pool = poolOf(db);
  if (!pool) {
    return db.transaction(async (tx) => {
      for (const s of setup) await tx.execute(s);
      return queryRows<T>(tx, statement);
    });
  }
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // Pipeline mode (node-postgres's `pipeline` client option) only for this batch: the pool's
    // other work includes COPY streams, which pipeline mode refuses. The client is idle here and
    // idle again once every reply is in, so switching it back leaves it as the pool lent it.
    setPipeline(client, true);
    const tx = drizzle({ client });
    // Each execute() is sent when its `then` is first called, which settle does at once: the
    // statements are all written while the socket is corked, so they leave in one write (one
    // system call, one packet) instead of one each.
    const socket = socketOf(client);
    socket.cork();
    let sent: Promise<{ value?: unknown; error?: unknown }>[];
    try {
      sent = [sql`begin`, ...setup, statement, sql`commit`].map((s) => settle(tx.execute(s)));
    } finally {
      socket.uncork();
    }
    const results = await Promise.all(sent);
    const failed = results.find((r) => r.error !== undefined);
    // After a failure PostgreSQL ends the transaction at COMMIT (as ROLLBACK): the session is clean.
    if (failed) throw failed.error;
    return (results[results.length - 2]!.value as { rows: T[] }).rows;
  } catch (error) {
    // The server's refusal (a DatabaseError) leaves the session usable; anything else (a lost
    // connection) may not: release(error) drops the client from the pool.
    if (!(error instanceof pg.DatabaseError)) broken = error as Error;
    throw error;
  } finally {
    setPipeline(client, false);
    client.release(broken);
  }
}

/** node-postgres reads `pipeline` on every query; its types declare it read-only (a constructor option). */
function setPipeline(client: pg.PoolClient, on: boolean): void {
  (client as { pipeline: boolean }).pipeline = on;
}

/** `promise`'s outcome, never rejecting; its `then` is called now (a query is sent then). */
function settle<T>(promise: PromiseLike<T>): Promise<{ value?: T; error?: unknown }> {
  return Promise.resolve(
    promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error: error ?? new Error('statement failed') }),
    ),
  );
}

/** The socket a node-postgres client writes to (its `connection.stream`, not in its types). */
function socketOf(client: pg.PoolClient): { cork(): void; uncork(): void } {
  return (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
}
