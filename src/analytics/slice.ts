/**
 * The postings a statistic is computed over, as CTEs ending in `slice (id)`, and the runner that
 * puts them in front of a statistic's aggregate: the whole analysis is one SQL statement.
 *
 * With `like`, the slice is the top of a vector search (ordered by the distance operator with a
 * LIMIT, the form an HNSW index serves) or of hybrid search (search/hybrid.ts's own CTEs, so
 * both rank postings alike). Filters apply inside the ranking, as in search.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { HYBRID_DEFAULTS } from '../core/defaults.ts';
import { InternalError } from '../core/errors.ts';
import { distanceOperator, embedQuery, nearest } from '../search/distance.ts';
import { filterConditions } from '../search/filters.ts';
import { hybridRanking } from '../search/hybrid.ts';
import { FULL_PRECISION, type SearchAccess, scanThrough, searchAccess } from '../search/quantised.ts';
import { isDistributed, type SearchSettings, scanRows, scanTarget } from '../search/scan-settings.ts';
import type { z } from 'zod';
import { type LikeOptions, parseOptions, type SliceOptions } from './options.ts';

/** The CTEs (to follow `with`) that define `slice (id)`. */
async function sliceCtes(embedder: Embedder | undefined, options: SliceOptions, settings: SearchSettings, access: SearchAccess): Promise<SQL> {
  // Near-duplicates count once unless the caller turned it off (the operations say which in their output).
  const filters = { ...options.filters, dedupe: options.filters?.dedupe ?? true };
  const like = options.like;
  if (!like) return sql`slice as (select jobs.id from jobs where ${filterConditions(filters)})`;
  const vector = await embedQuery(requireEmbedder(embedder, like), like.query);
  const op = distanceOperator(like.metric);
  if (like.mode === 'hybrid') {
    // Each branch ranks `size` candidates, so the fused top `size` is not cut short by a branch.
    const ranking = hybridRanking({
      ...HYBRID_DEFAULTS,
      vector,
      words: like.query,
      op,
      filters,
      candidates: like.size,
      k: like.size,
      settings,
      access,
    });
    return sql`${ranking}, slice as (select id from fused)`;
  }
  const maxDistance = like.maxDistance ?? null;
  return sql`${nearest('nearest', { op, target: scanTarget(sql`${vector}::vector`, settings), where: filterConditions(filters), limit: like.size, access })},
    slice as (
      select id from nearest where ${maxDistance}::float8 is null or distance <= ${maxDistance}::float8
    )`;
}

function requireEmbedder(embedder: Embedder | undefined, like: LikeOptions): Embedder {
  if (embedder) return embedder;
  throw new InternalError(`a market slice like "${like.query}" needs an embedder, and none was given`, {
    hint: 'Pass the embedder the database was opened with (createEmbedder(config.embedder)).',
  });
}

/** What every statistic returns: how many postings it was computed over, and its rows. */
export interface MarketStat<Row> {
  /** Postings in the slice (after filters and `like`). */
  total: number;
  rows: Row[];
}

/**
 * Runs a statistic as one statement: the CTEs of `slice (id)` and `total (n)` (postings in the
 * slice), then `rest`, which goes on with its own CTEs and ends in the select. A vector
 * slice runs with HNSW iterative scans, filtered or not: an index scan yields ef_search rows and
 * stops, and a slice is often larger than that (200 by default), so only the iterative scan lets
 * it hold `size` postings when an index serves it.
 *
 * @example
 * await overSlice(db, embedder, options, sql`counted as (select count(*) from slice) select * from counted`);
 */
export async function overSlice<T>(db: Db, embedder: Embedder | undefined, options: SliceOptions, rest: SQL): Promise<T[]> {
  const [distributed, available] = await Promise.all([isDistributed(db), options.like ? searchAccess(db, options.like.metric) : FULL_PRECISION]);
  const iterative = options.like !== undefined;
  const { access, settings } = scanThrough(available, { iterative, distributed }, options.like?.size ?? 0);
  const ctes = await sliceCtes(embedder, options, settings, access);
  const statement = sql`with ${ctes}, total as (select count(*)::int as n from slice), ${rest}`;
  return scanRows<T>(db, settings, statement);
}

/**
 * A statistic: its options checked against `schema` (an InvalidInputError naming `what`), then
 * its statement run over the slice (see overSlice). Returns the first row and the options.
 *
 * @example const { row } = await runStatistic(db, embedder, SliceOptions, input, 'total', () => sql`x as (select 1) select n from total`);
 */
export async function runStatistic<S extends z.ZodType<SliceOptions>, Row>(
  db: Db,
  embedder: Embedder | undefined,
  schema: S,
  input: unknown,
  what: string,
  rest: (options: z.output<S>) => SQL,
): Promise<{ row: Row; options: z.output<S> }> {
  const options = parseOptions(schema, input, what);
  const [row] = await overSlice<Row>(db, embedder, options, rest(options));
  return { row: row!, options };
}
