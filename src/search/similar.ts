/**
 * Postings like a given posting: the nearest by embedding, without the posting itself and its
 * exact duplicates (same content hash, e.g. one job listed on two boards).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { JobsightError, NotFoundError } from '../core/errors.ts';
import { filterConditions, parseFilters, type SearchFiltersInput } from './filters.ts';
import { checkCount, DEFAULT_EF_SEARCH, distanceOperator, HIT_COLUMNS, numericHit, withScanSettings, type Metric, type VectorHit } from './vector.ts';

export interface SimilarOptions {
  /** How many postings, 1 to 1000. Default 10. */
  k?: number;
  /** Distance function. Default 'cosine'. */
  metric?: Metric;
  /** Structured filters on the similar postings (see filters.ts). */
  filters?: SearchFiltersInput;
  /** HNSW candidate list size for this query (1 to 1000). */
  efSearch?: number;
  /** IVFFlat lists scanned for this query (1 to 1000). */
  probes?: number;
}

/**
 * The k postings nearest to posting `id`, nearest first.
 *
 * The target's embedding comes from a scalar subquery, which PostgreSQL evaluates once before
 * the scan, so an HNSW or IVFFlat index can serve `ORDER BY distance LIMIT k` (the form
 * pgvector's README shows). Excluding the target and its duplicates is a filter on that scan, so
 * the scan is iterative: it keeps going until k rows pass.
 *
 * @example const like = await similarJobs(db, 42, { k: 5, filters: { country: ['GB'] } });
 */
export async function similarJobs(db: Db, id: number, options: SimilarOptions = {}): Promise<VectorHit[]> {
  if (!Number.isSafeInteger(id) || id < 1) throw new JobsightError(`a job id is a whole number of 1 or more, got ${JSON.stringify(id)}`);
  const k = checkCount('k', options.k ?? 10);
  const op = distanceOperator(options.metric ?? 'cosine');
  const filters = parseFilters(options.filters);

  const [target] = await queryRows<{ hasEmbedding: boolean }>(db, sql`select embedding is not null as "hasEmbedding" from jobs where id = ${id}`);
  if (!target) throw new NotFoundError(`job ${id} does not exist`, 'List jobs with `jobsight jobs list` or find one with `jobsight search`.');
  if (!target.hasEmbedding) {
    throw new JobsightError(`job ${id} has no embedding yet`, { hint: 'Run `jobsight db reembed` to embed every posting.' });
  }

  const rows = await withScanSettings(db, { iterative: true, efSearch: options.efSearch ?? DEFAULT_EF_SEARCH, probes: options.probes }, (tx) =>
    queryRows<VectorHit>(
      tx,
      sql`with nearest as materialized (
            select jobs.id, jobs.embedding ${op} (select embedding from jobs where id = ${id}) as distance
            from jobs
            where jobs.embedding is not null
              and jobs.id <> ${id}
              and jobs.content_hash <> (select content_hash from jobs where id = ${id})
              and ${filterConditions(filters)}
            order by distance
            limit ${k}
          )
          select ${HIT_COLUMNS}, nearest.distance
          from nearest
          join jobs on jobs.id = nearest.id
          left join companies on companies.id = jobs.company_id
          order by nearest.distance, jobs.id`,
    ),
  );
  return rows.map(numericHit);
}
