/**
 * Postings like a given posting: the nearest by embedding, without the posting itself and its
 * exact duplicates (same content hash, e.g. one job listed on two boards).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { DEFAULT_EF_SEARCH } from '../core/defaults.ts';
import { InvalidInputError } from '../core/errors.ts';
import { parseInput, wholeNumber } from '../core/validation.ts';
import { queryRows, type Db } from '../db/database.ts';
import { jobNotFound } from '../jobs/repository.ts';
import { distanceOperator, nearest } from './distance.ts';
import { filterConditions, SearchFilters } from './filters.ts';
import { numericHit, selectHits } from './hits.ts';
import { hitCount, metric, scanOptions } from './options.ts';
import { scanThrough, searchAccess } from './quantised.ts';
import { isDistributed, scanRows, scanTarget } from './scan-settings.ts';
import type { VectorHit } from './vector.ts';

/** A job id: a whole number of 1 or more. */
export const jobId = () => wholeNumber(1).describe('job id');

export const SimilarOptions = z.strictObject({ id: jobId(), k: hitCount(), metric: metric(), filters: SearchFilters.optional(), ...scanOptions() });
export type SimilarOptions = Omit<z.input<typeof SimilarOptions>, 'id'>;

/**
 * The k postings nearest to posting `id`, nearest first.
 *
 * The target's embedding is read first and bound as a parameter, like a query's vector, so an
 * HNSW or IVFFlat index can serve `ORDER BY distance LIMIT k` (the form pgvector's README shows);
 * on Citus a bound vector lets each shard answer its own top k (a scalar subquery is refused
 * there). Excluding the target and its duplicates is a filter on that scan, so the scan is
 * iterative: it keeps going until k rows pass.
 *
 * @example const like = await similarJobs(db, 42, { k: 5, filters: { country: ['GB'] } });
 */
export async function similarJobs(db: Db, id: number, options: SimilarOptions = {}): Promise<VectorHit[]> {
  const o = parseInput(SimilarOptions, { ...options, id }, { what: 'similarJobs options' });
  const [distributed, available] = await Promise.all([isDistributed(db), searchAccess(db, o.metric)]);
  const { access, settings } = scanThrough(
    available,
    { iterative: true, efSearch: o.efSearch ?? DEFAULT_EF_SEARCH, probes: o.probes, distributed },
    o.k,
  );
  // pgvector prints the shortest text that reads back as the same floats: the bound copy is exact.
  const [target] = await queryRows<{ embedding: string | null; contentHash: string }>(
    db,
    sql`select embedding::text as embedding, content_hash as "contentHash" from jobs where id = ${o.id}`,
  );
  if (!target) throw jobNotFound(o.id);
  if (target.embedding === null) {
    throw new InvalidInputError(`job ${o.id} has no embedding yet`, { hint: 'Run `jobsight db reembed` to embed every posting.' });
  }
  const where = sql`jobs.id <> ${o.id} and jobs.content_hash <> ${target.contentHash} and ${filterConditions(o.filters ?? {})}`;
  const embedding = scanTarget(sql`${target.embedding}::vector`, settings);
  const rows = await scanRows<VectorHit>(
    db,
    settings,
    sql`with ${nearest('nearest', { op: distanceOperator(o.metric), target: embedding, where, limit: o.k, access })}
        ${selectHits('nearest', sql`nearest.distance`, sql`nearest.distance, jobs.id`)}`,
  );
  return rows.map(numericHit);
}
