/**
 * The vector indexes on jobs: which exist (and, cached, which a search can use), and dropping
 * them before a large write and rebuilding them after: building an HNSW index once over all rows
 * is far faster than updating it row by row. The definitions are kept in the database, so a load
 * or re-embed that is killed midway still rebuilds them on its next run.
 */
import { eq, sql } from 'drizzle-orm';
import { VECTOR_INDEX_CACHE_MS } from '../core/defaults.ts';
import { queryRows, type Db, type Tx } from './database.ts';
import { embeddingColumnDimensions } from './embedder-record.ts';
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

/** A vector index a search can use now (built and valid), with its operator class. */
export interface UsableVectorIndex {
  name: string;
  operatorClass: string;
  /** jobs.embedding's declared dimension: what a quantised index's cast names. */
  dimensions: number;
}

let usable = new WeakMap<object, { at: number; indexes: Promise<UsableVectorIndex[]> }>();

/**
 * The valid vector indexes on jobs, read from the catalog at most once per VECTOR_INDEX_CACHE_MS
 * per database handle, so a search does not pay a round trip for them. Changes made through
 * this module or indexes/manage.ts forget the cache (forgetUsableVectorIndexes).
 */
export function usableVectorIndexes(db: Db | Tx): Promise<UsableVectorIndex[]> {
  const known = usable.get(db);
  if (known && performance.now() - known.at < VECTOR_INDEX_CACHE_MS) return known.indexes;
  const indexes = queryRows<UsableVectorIndex>(
    db,
    sql`select i.relname as name, opc.opcname as "operatorClass",
               (select atttypmod from pg_attribute where attrelid = 'jobs'::regclass and attname = 'embedding') as dimensions
        from pg_index x join pg_class i on i.oid = x.indexrelid join pg_am am on am.oid = i.relam
          join pg_opclass opc on opc.oid = x.indclass[0]
        where x.indrelid = 'jobs'::regclass and am.amname in ('hnsw', 'ivfflat') and x.indisvalid and x.indisready
        order by i.relname`,
  ).then((rows) => rows.map((r) => ({ ...r, dimensions: Number(r.dimensions) })));
  indexes.catch(() => usable.delete(db));
  usable.set(db, { at: performance.now(), indexes });
  return indexes;
}

/** Forgets every cached usableVectorIndexes answer: call after creating or dropping a vector index. */
export function forgetUsableVectorIndexes(): void {
  usable = new WeakMap();
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
  forgetUsableVectorIndexes();
  return indexes.map((i) => i.name);
}

/**
 * A quantised index's definition casts to the column's dimension (`embedding::halfvec(384)`,
 * `binary_quantize(embedding)::bit(384)`): after a re-embed to another dimension it must name the new one.
 */
function withDimensions(definition: string, dimensions: number | null): string {
  return dimensions === null ? definition : definition.replace(/::(halfvec|bit)\(\d+\)/g, `::$1(${dimensions})`);
}

/** Rebuilds indexes dropped by `dropVectorIndexes` (also by a run that was interrupted). */
export async function restoreVectorIndexes(db: Db): Promise<string[]> {
  const [pending] = await db.select().from(settings).where(eq(settings.key, PENDING_KEY));
  const indexes = (pending?.value as IndexDefinition[] | undefined) ?? [];
  const existing = new Set((await vectorIndexes(db)).map((i) => i.name));
  const dimensions = indexes.length ? await embeddingColumnDimensions(db) : null;
  for (const index of indexes) {
    if (!existing.has(index.name)) await db.execute(sql.raw(withDimensions(index.definition, dimensions)));
  }
  if (pending) await db.delete(settings).where(eq(settings.key, PENDING_KEY));
  forgetUsableVectorIndexes();
  return indexes.map((i) => i.name);
}
