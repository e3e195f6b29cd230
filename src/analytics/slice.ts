/**
 * The postings a statistic is computed over, as CTEs ending in `slice (id)`, and the runner that
 * puts them in front of a statistic's aggregate: the whole analysis is one SQL statement.
 *
 * With `like`, the slice is the top of a vector search (ordered by the distance operator with a
 * LIMIT, the form an HNSW index serves) or of hybrid search (search/hybrid.ts's own CTEs, so
 * both rank postings alike). Filters apply inside the ranking, as in search.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { JobsightError } from '../errors.ts';
import { filterConditions, parseFilters } from '../search/filters.ts';
import { HYBRID_DEFAULTS, hybridRanking } from '../search/hybrid.ts';
import { distanceOperator, embedQuery, withScanSettings } from '../search/vector.ts';
import type { LikeOptions, SliceOptions } from './options.ts';

/** The CTEs (to follow `with`) that define `slice (id)`. */
async function sliceCtes(embedder: Embedder | undefined, options: SliceOptions): Promise<SQL> {
  const filters = options.filters ?? parseFilters({});
  const like = options.like;
  if (!like) return sql`slice as (select jobs.id from jobs where ${filterConditions(filters)})`;
  const vector = await embedQuery(requireEmbedder(embedder, like), like.query);
  const op = distanceOperator(like.metric);
  if (like.mode === 'hybrid') {
    // Each branch ranks `size` candidates, so the fused top `size` is not cut short by a branch.
    const ranking = hybridRanking({
      vector, words: like.query, op, filters, candidates: like.size, k: like.size, rrfK: HYBRID_DEFAULTS.rrfK, vectorWeight: HYBRID_DEFAULTS.vectorWeight, textWeight: HYBRID_DEFAULTS.textWeight,
    });
    return sql`${ranking}, slice as (select id from fused)`;
  }
  const maxDistance = like.maxDistance ?? null;
  return sql`nearest as materialized (
      select jobs.id, jobs.embedding ${op} ${vector}::vector as distance
      from jobs
      where jobs.embedding is not null and ${filterConditions(filters)}
      order by distance
      limit ${like.size}
    ),
    slice as (
      select id from nearest where ${maxDistance}::float8 is null or distance <= ${maxDistance}::float8
    )`;
}

function requireEmbedder(embedder: Embedder | undefined, like: LikeOptions): Embedder {
  if (embedder) return embedder;
  throw new JobsightError(`a market slice like "${like.query}" needs an embedder, and none was given`, {
    hint: 'Pass the embedder the database was opened with (createEmbedder(config.embedder)).',
    status: 500,
  });
}

/** What every statistic returns: how many postings it was computed over, and its rows. */
export interface MarketStat<Row> {
  /** Postings in the slice (after filters and `like`). */
  total: number;
  rows: Row[];
}

/**
 * Runs `statement(ctes)`, which must begin `with ${ctes}, ...` and read the postings from `slice`,
 * as one statement. A filtered vector slice runs with HNSW iterative scans (as vectorSearch does),
 * so it still finds `size` postings when an index serves it.
 *
 * @example
 * await overSlice(db, embedder, options, (ctes) => sql`with ${ctes} select count(*) from slice`);
 */
export async function overSlice<T>(
  db: Db,
  embedder: Embedder | undefined,
  options: SliceOptions,
  statement: (ctes: SQL) => SQL,
): Promise<T[]> {
  const ctes = await sliceCtes(embedder, options);
  const iterative = options.like !== undefined && options.filters !== undefined;
  return withScanSettings(db, { iterative, efSearch: undefined }, (tx) => queryRows<T>(tx, statement(ctes)));
}
