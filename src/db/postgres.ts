import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { drizzle } from 'drizzle-orm/node-postgres';
import { describeDatabase, type ServerDatabaseConfig } from '../config.ts';
import { connectionLostMessage, JobsightError } from '../core/errors.ts';
import { copyStatement, type Database, type Db } from './database.ts';
import * as schema from './schema.ts';
import { withSessionDefaults } from './session-defaults.ts';

// node-postgres returns int8 and numeric as strings by default; ids fit a JS number
// (identity columns stay far below 2^53), so parse int8 once here for both engines to agree.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

/**
 * Opens a pooled connection to a PostgreSQL server and checks that it answers (unless `check` is
 * false: a read replica or a primary that may be down is connected to when first used).
 */
export async function openPostgres(config: ServerDatabaseConfig, options: { check?: boolean } = {}): Promise<Database> {
  const location = describeDatabase(config);
  let pool = createPool(config, true);
  if (options.check !== false) {
    try {
      await checkConnection(pool, location);
    } catch (error) {
      // PgBouncer (unless ignore_startup_parameters lists options) refuses the startup packet's
      // options: connect without the session defaults. Searches still run at Jobsight's
      // ef_search (set inside each statement); only the planner's costing sees pgvector's own.
      if (!/unsupported startup parameter: options/.test(String(error))) throw error;
      pool = createPool(config, false);
      await checkConnection(pool, location);
    }
  }
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  let closed = false;
  const database: Database = {
    engine: 'postgres',
    db,
    location,
    async bulkTransaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const tx = drizzle({ client, schema }) as unknown as Db;
        const result = await fn(tx, async (table, columns, payload) => {
          await pipeline(
            Buffer.isBuffer(payload) ? Readable.from([payload]) : payload,
            client.query(copyFrom(copyStatement(table, columns, 'STDIN'))),
          );
        });
        await client.query('commit');
        return result;
      } catch (e) {
        // A rollback that fails means the connection is gone: release(error) discards it.
        broken = await client.query('rollback').then(
          () => undefined,
          (rollbackError: Error) => rollbackError,
        );
        throw e;
      } finally {
        client.release(broken);
      }
    },
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn(drizzle({ client, schema }) as unknown as Db);
      } finally {
        client.release(true);
      }
    },
    async copyOut(query) {
      const client = await pool.connect();
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`))) chunks.push(chunk as Buffer);
        client.release();
        return Buffer.concat(chunks);
      } catch (e) {
        // A COPY cut off midway leaves the connection in an unknown state: do not reuse it.
        client.release(e as Error);
        throw e;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
  return database;
}

/** A pool on `config`; its connections start with Jobsight's session defaults when `sessionDefaults`. */
function createPool(config: ServerDatabaseConfig, sessionDefaults: boolean): pg.Pool {
  const pool = new pg.Pool({
    connectionString: sessionDefaults ? withSessionDefaults(config.url) : config.url,
    max: config.pool.max,
    idleTimeoutMillis: config.pool.idleTimeoutMillis,
    connectionTimeoutMillis: config.pool.connectionTimeoutMillis,
    application_name: 'jobsight',
  });
  // A server restart cuts every session: node-postgres then emits 'error' on each client, and
  // an 'error' event nobody listens to kills the process. The pool listens on idle clients only;
  // a client checked out (a transaction, a COPY, Drizzle's db.transaction) had no listener, so
  // every client gets one for its whole life. The query in flight fails with the same error and
  // its caller sees it; the broken client is dropped when released (pg-pool checks
  // `_queryable`), and the pool opens fresh connections once the server is back.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  pool.on('error', () => {});
  return pool;
}

async function checkConnection(pool: pg.Pool, location: string): Promise<void> {
  try {
    const client = await pool.connect();
    client.release();
  } catch (cause) {
    await pool.end().catch(() => {});
    throw new JobsightError(`cannot connect to ${location}: ${connectionLostMessage(cause)}`, {
      hint: 'Check that the server runs and DATABASE_URL is right (postgres://user:password@host:5432/dbname).',
      status: 503,
      cause,
    });
  }
}
