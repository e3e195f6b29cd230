/**
 * Dropping vector indexes before a large write and rebuilding them after: building an HNSW
 * index once over all rows is far faster than updating it row by row. The definitions are kept
 * in the database, so a load or re-embed that is killed midway still rebuilds them on its next run.
 */
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from './database.ts';
import { settings } from './schema.ts';

const PENDING_KEY = 'pending_vector_indexes';

interface IndexDefinition {
  name: string;
  definition: string;
}

/** HNSW and IVFFlat indexes on jobs. */
export async function vectorIndexes(db: Db | Tx): Promise<IndexDefinition[]> {
  return queryRows(
    db,
    sql`select i.relname as name, pg_get_indexdef(i.oid) as definition
        from pg_index x join pg_class i on i.oid = x.indexrelid join pg_am am on am.oid = i.relam
        where x.indrelid = 'jobs'::regclass and am.amname in ('hnsw', 'ivfflat')
        order by i.relname`,
  );
}

/** Drops the vector indexes, remembering them for `restoreVectorIndexes`. Returns their names. */
export async function dropVectorIndexes(db: Db | Tx): Promise<string[]> {
  const indexes = await vectorIndexes(db);
  if (indexes.length === 0) return [];
  const [pending] = await db.select().from(settings).where(eq(settings.key, PENDING_KEY));
  const keep = [...((pending?.value as IndexDefinition[] | undefined) ?? []), ...indexes];
  await db
    .insert(settings)
    .values({ key: PENDING_KEY, value: keep })
    .onConflictDoUpdate({ target: settings.key, set: { value: keep, updatedAt: sql`now()` } });
  for (const index of indexes) await db.execute(sql`drop index if exists ${sql.identifier(index.name)}`);
  return indexes.map((i) => i.name);
}

/** Rebuilds indexes dropped by `dropVectorIndexes` (also by a run that was interrupted). */
export async function restoreVectorIndexes(db: Db): Promise<string[]> {
  const [pending] = await db.select().from(settings).where(eq(settings.key, PENDING_KEY));
  const indexes = (pending?.value as IndexDefinition[] | undefined) ?? [];
  const existing = new Set((await vectorIndexes(db)).map((i) => i.name));
  for (const index of indexes) {
    if (!existing.has(index.name)) await db.execute(sql.raw(index.definition));
  }
  if (pending) await db.delete(settings).where(eq(settings.key, PENDING_KEY));
  return indexes.map((i) => i.name);
}
