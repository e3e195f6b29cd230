import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import { drizzle } from 'drizzle-orm/pglite';
import { JobsightError } from '../core/errors.ts';
import type { EmbeddedDatabaseConfig } from '../config.ts';
import { lockFolder } from './folder-lock.ts';
import { copyStatement, type Database, type Db } from './database.ts';
import * as schema from './schema.ts';
import { SESSION_DEFAULTS_SQL } from './session-defaults.ts';

/** Where PGlite keeps its files inside Jobsight's data folder (room beside it for other state). */
export function pgliteDataDir(dataDir: string): string {
  return dataDir.startsWith('memory://') ? dataDir : path.join(dataDir, 'pglite');
}

/**
 * Opens (creating on first use) the embedded database. pgvector is loaded on every open:
 * a PGlite reopened without `extensions: { vector }` fails on every vector column. pg_trgm (near-duplicate
 * postings, src/dupes) is loaded too: its functions fail in a PGlite opened without it.
 */
export async function openPglite(
  config: EmbeddedDatabaseConfig,
  options: { /** Start from a dump (`dumpDataDir`) instead of an empty cluster: tests use it to skip initdb. */ loadDataDir?: Blob } = {},
): Promise<Database & { dump(): Promise<Blob> }> {
  const dir = pgliteDataDir(config.dataDir);
  const inMemory = dir.startsWith('memory://');
  if (!inMemory) await mkdir(dir, { recursive: true });
  // One process at a time on a folder: two would each write their own copy over the other's.
  const lock = inMemory ? undefined : lockFolder(config.dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir: dir, extensions: { vector, pg_trgm }, loadDataDir: options.loadDataDir });
    await client.exec(SESSION_DEFAULTS_SQL);
  } catch (cause) {
    lock?.release();
    throw new JobsightError(`cannot open the embedded database in ${dir}: ${(cause as Error).message}`, {
      hint: 'The folder may be damaged or not a Jobsight database; use --data-dir for a separate database.',
      cause,
    });
  }
  const db = drizzle({ client, schema }) as unknown as Db;
  let closed = false;
  const database: Database & { dump(): Promise<Blob> } = {
    engine: 'pglite',
    db,
    location: `embedded PGlite in ${dir}`,
    bulkTransaction: (fn) =>
      client.transaction(async (t) => {
        // Drizzle over the transaction handle: every statement runs inside this transaction.
        const tx = drizzle({ client: t as unknown as PGlite, schema }) as unknown as Db;
        return fn(tx, async (table, columns, payload) => {
          // PGlite reads COPY from one blob in its own memory: a stream is gathered first.
          const bytes = Buffer.isBuffer(payload) ? payload : Buffer.concat(await payload.toArray());
          await t.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([bytes]) });
        });
      }),
    // PGlite is one session already; callers restore any setting they change.
    session: (fn) => fn(db),
    async copyOut(query) {
      const result = await client.query(`COPY (${query}) TO '/dev/blob' WITH (FORMAT binary)`);
      return Buffer.from(await result.blob!.arrayBuffer());
    },
    dump: () => client.dumpDataDir('none') as Promise<Blob>,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
  return database;
}
