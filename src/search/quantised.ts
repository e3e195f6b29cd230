/**
 * Quantised vector indexes: how an index stores the embeddings (full precision, half precision,
 * one bit per dimension), the expression it is built on, and how a search orders so that the
 * planner can use it. The index and the search take the expression from here, since PostgreSQL
 * uses an expression index only for a query ordering by the same expression.
 *
 * The choice rule, in one place (searchAccess): for a query's metric, full precision when a valid
 * full-precision index for that metric exists, else half precision when a halfvec index for the
 * metric exists, else bits when a bit index exists (it serves every metric: Hamming distance picks
 * the candidates, the query's metric re-ranks them), else full precision with an exact scan.
 * Whatever orders the candidates, the distance a search returns is always the full-precision one.
 */
import { type SQL, sql } from 'drizzle-orm';
import { BIT_RERANK_FACTOR, DEFAULT_EF_SEARCH, MAX_EF_SEARCH } from '../core/defaults.ts';
import { choice } from '../core/validation.ts';
import type { Db, Tx } from '../db/database.ts';
import { usableVectorIndexes } from '../db/vector-indexes.ts';
import type { Metric } from './options.ts';
import type { SearchSettings } from './scan-settings.ts';

export const STORAGES = ['vector', 'halfvec', 'bit'] as const;
export type Storage = (typeof STORAGES)[number];

/** The `--type` of an index: how it stores the embeddings. */
export const storageType = () =>
  choice(STORAGES)
    .default('vector')
    .describe(
      'how the index stores the vectors: vector (full precision), halfvec (2-byte values: a smaller index, nearly the same results), ' +
        'bit (one bit per dimension: the smallest index; candidates by Hamming distance, re-ranked by the full vectors; serves every metric)',
    );

const OPERATOR_CLASSES: Record<Exclude<Storage, 'bit'>, Record<Metric, string>> = {
  vector: { cosine: 'vector_cosine_ops', l2: 'vector_l2_ops', ip: 'vector_ip_ops' },
  halfvec: { cosine: 'halfvec_cosine_ops', l2: 'halfvec_l2_ops', ip: 'halfvec_ip_ops' },
};
const BIT_OPERATOR_CLASS = 'bit_hamming_ops';

/** The operator class an index of this storage and metric is built with. */
export function operatorClass(storage: Storage, metric: Metric): string {
  return storage === 'bit' ? BIT_OPERATOR_CLASS : OPERATOR_CLASSES[storage][metric];
}

/**
 * What an index's operator class says about it: its storage, and the metric it serves (null for
 * bits: every metric). null for an operator class Jobsight does not build (l1, sparsevec, ...).
 */
export function storageOfOperatorClass(name: string): { storage: Storage; metric: Metric | null } | null {
  if (name === BIT_OPERATOR_CLASS) return { storage: 'bit', metric: null };
  for (const [storage, classes] of Object.entries(OPERATOR_CLASSES)) {
    const metric = (Object.keys(classes) as Metric[]).find((m) => classes[m] === name);
    if (metric) return { storage: storage as Storage, metric };
  }
  return null;
}

/**
 * `column` (the index's `embedding`, a query's `jobs.embedding`) as an index of this storage holds
 * it; `dimensions` is the column's declared dimension (checked whole).
 */
export function storedEmbedding(storage: Storage, dimensions: number, column = 'embedding'): string {
  if (storage === 'vector') return column;
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new Error(`storedEmbedding: bad dimensions ${dimensions}`);
  return storage === 'halfvec' ? `${column}::halfvec(${dimensions})` : `binary_quantize(${column})::bit(${dimensions})`;
}

/** How a search reaches the embeddings: the storage it orders by, and the index it expects to serve it (null: exact). */
export interface SearchAccess {
  storage: Storage;
  index: string | null;
  dimensions: number;
  /** Bits: how many candidates by Hamming distance are re-ranked (set by scanThrough). */
  candidates?: number;
}

/** Ordering by the full vectors: the access of a table without quantised indexes. */
export const FULL_PRECISION: SearchAccess = { storage: 'vector', index: null, dimensions: 0 };

const PREFERENCE: readonly Storage[] = ['vector', 'halfvec', 'bit'];

/**
 * How a search with `metric` should order, by the choice rule in the file comment. Reads the
 * indexes through usableVectorIndexes (cached), so it costs no round trip on most searches.
 * @example const access = await searchAccess(db, 'cosine'); // { storage: 'halfvec', index: 'jobs_embedding_hnsw_halfvec_cosine', dimensions: 384 }
 */
export async function searchAccess(db: Db | Tx, metric: Metric): Promise<SearchAccess> {
  const indexes = await usableVectorIndexes(db);
  for (const storage of PREFERENCE) {
    const index = indexes.find((i) => {
      const kind = storageOfOperatorClass(i.operatorClass);
      return kind?.storage === storage && (kind.metric === null || kind.metric === metric);
    });
    if (index) return { storage, index: index.name, dimensions: index.dimensions };
  }
  return FULL_PRECISION;
}

/**
 * A scan through `access` returning `limit` rows, with `settings`. Through bits it re-ranks
 * every candidate the HNSW scan keeps, at least limit × BIT_RERANK_FACTOR (at most MAX_EF_SEARCH,
 * never fewer than `limit`): ef_search is raised to that count, since an HNSW scan returns no
 * more rows than its candidate list, and a higher ef_search re-ranks more (better recall).
 * @example const scan = scanThrough(await searchAccess(db, 'cosine'), { efSearch: 100 }, 10); // bits: 100 candidates
 */
export function scanThrough<S extends SearchSettings>(access: SearchAccess, settings: S, limit: number): { access: SearchAccess; settings: S } {
  if (access.storage !== 'bit') return { access, settings };
  const efSearch = settings.efSearch ?? DEFAULT_EF_SEARCH;
  const candidates = Math.max(limit, Math.min(Math.max(limit * BIT_RERANK_FACTOR, efSearch), MAX_EF_SEARCH));
  return { access: { ...access, candidates }, settings: candidates > efSearch ? { ...settings, efSearch: candidates } : settings };
}

/**
 * The rows of `(id, distance)` nearest to `target` through `access`, ordered by the distance
 * an index of that storage serves, `distance` always at full precision. Full precision and half
 * precision: `limit` rows ordered by the (cast) distance; bits: the bitCandidates(limit) rows
 * nearest by Hamming distance, then the `limit` of them nearest at full precision.
 */
export function nearestRows(access: SearchAccess, options: { op: SQL; target: SQL; where: SQL; limit: number }): SQL {
  const { op, target, where, limit } = options;
  const select = sql`select jobs.id, jobs.embedding ${op} ${target} as distance
      from jobs
      where jobs.embedding is not null and ${where}`;
  if (access.storage === 'vector') return sql`${select} order by distance limit ${limit}`;
  const stored = sql.raw(storedEmbedding(access.storage, access.dimensions, 'jobs.embedding'));
  if (access.storage === 'halfvec') {
    return sql`${select} order by ${stored} ${op} (${target})::halfvec(${sql.raw(String(access.dimensions))}) limit ${limit}`;
  }
  return sql`select id, distance from (
        ${select} order by ${stored} <~> binary_quantize(${target}) limit ${access.candidates ?? limit * BIT_RERANK_FACTOR}
      ) as bit_candidates
      order by distance limit ${limit}`;
}

/** For people: how `access` served a search with `metric` (after the index name, or for an exact scan). */
export function describeAccess(access: SearchAccess, metric: Metric): string {
  if (access.storage === 'halfvec') return 'half precision (halfvec), distances returned at full precision';
  if (access.storage === 'bit') {
    return `binary quantised: the nearest ${access.candidates} by Hamming distance, re-ranked by full-precision ${metric} distance`;
  }
  return 'full precision';
}
