/**
 * Measurement 2, top-10 vector query on one data set (server): exact scan, then HNSW
 * (m 16, ef_construction 64) at several ef_search values. Each is measured through Jobsight's
 * query path (`vectorSearch`: embeds the query, SET LOCAL in a transaction, the materialized CTE
 * joined to companies) and as the same bare inner SQL through node-postgres with the vector
 * precomputed (the difference is Jobsight's overhead), and, when loaded, on Chroma's HNSW over
 * the same vectors. Recall@10 is against the exact bare scan.
 */
import type { Collection } from 'chromadb';
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../src/db/database.ts';
import type { Embedder } from '../src/embed/embedder.ts';
import { createVectorIndex } from '../src/search/indexes.ts';
import { vectorSearch } from '../src/search/vector.ts';
import { chromaTopK, setChromaEfSearch } from './lib/chroma.ts';
import { progress } from './lib/log.ts';
import { meanRecall, type LatencySummary } from './lib/stats.ts';
import { queryPasses } from './lib/timing.ts';
import type { BenchQuery } from './queries.ts';

export const EF_SEARCH = [20, 40, 100, 200] as const;
const K = 10;

export interface QueryRow {
  system: 'jobsight' | 'bare-pg' | 'chroma';
  /** 'exact' or 'hnsw'. */
  method: string;
  efSearch: number | null;
  latency: LatencySummary;
  recall: number;
}

export interface VectorQueryResult {
  rows: number;
  queries: number;
  passes: number;
  hnswBuildSeconds: number;
  results: QueryRow[];
  /** Exact top-10 ids per query (bare scan), reused by other measurements. */
  truth: number[][];
}

/** The inner statement of vectorSearch without filters, as a bare parameterised query. */
export const BARE_TOP_K = `select jobs.id, jobs.embedding <=> $1::vector as distance
  from jobs where jobs.embedding is not null order by distance limit ${K}`;

export async function measureVectorQuery(options: {
  label: string;
  database: Database;
  bare: pg.Client;
  embedder: Embedder;
  queries: BenchQuery[];
  passes: number;
  collection: Collection | null;
}): Promise<VectorQueryResult> {
  const { label, database, bare, embedder, queries, passes, collection } = options;
  const [{ n: rows } = { n: 0 }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from jobs`);
  const results: QueryRow[] = [];
  const bareIds = async (q: BenchQuery) => (await bare.query<{ id: string }>(BARE_TOP_K, [q.vector])).rows.map((r) => Number(r.id));
  const jobsightIds = (efSearch?: number) => async (q: BenchQuery) =>
    (await vectorSearch(database.db, embedder, q.text, { k: K, efSearch })).map((h) => h.id);

  progress(`${label}: exact top-10 over ${rows} rows, ${queries.length} queries × ${passes} passes`);
  const exact = await queryPasses(queries, passes, bareIds);
  const truth = exact.results;
  results.push({ system: 'bare-pg', method: 'exact', efSearch: null, latency: exact.latency, recall: 1 });
  const exactJobsight = await queryPasses(queries, passes, jobsightIds());
  results.push({ system: 'jobsight', method: 'exact', efSearch: null, latency: exactJobsight.latency, recall: meanRecall(exactJobsight.results, truth, K) });

  progress(`${label}: building HNSW (m 16, ef_construction 64)`);
  const build = await createVectorIndex(database, { type: 'hnsw', m: 16, efConstruction: 64 }, { concurrently: false });
  await database.db.execute(sql`analyze jobs`);

  const keyOf = collection ? await idsByKey(database) : new Map<string, number>();
  for (const ef of EF_SEARCH) {
    progress(`${label}: HNSW ef_search ${ef}`);
    await bare.query(`set hnsw.ef_search = ${ef}`);
    const b = await queryPasses(queries, passes, bareIds);
    results.push({ system: 'bare-pg', method: 'hnsw', efSearch: ef, latency: b.latency, recall: meanRecall(b.results, truth, K) });
    const j = await queryPasses(queries, passes, jobsightIds(ef));
    results.push({ system: 'jobsight', method: 'hnsw', efSearch: ef, latency: j.latency, recall: meanRecall(j.results, truth, K) });
    if (collection) {
      await setChromaEfSearch(collection, ef);
      const c = await queryPasses(queries, passes, async (q) => (await chromaTopK(collection, q.numbers, K)).map((key) => keyOf.get(key) ?? -1));
      results.push({ system: 'chroma', method: 'hnsw', efSearch: ef, latency: c.latency, recall: meanRecall(c.results, truth, K) });
    }
  }
  await bare.query('reset hnsw.ef_search');
  return { rows, queries: queries.length, passes, hnswBuildSeconds: build.milliseconds / 1000, results, truth };
}

/** Chroma's ids (source:external_id) back to jobs.id, so its hits compare with PostgreSQL's. */
async function idsByKey(database: Database): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: number; key: string }>(database.db, sql`select id, source || ':' || external_id as key from jobs`);
  return new Map(rows.map((r) => [r.key, Number(r.id)]));
}

/**
 * The lowest-latency configuration of `system` reaching `target` recall, for "at equal recall"
 * comparisons; null when none does.
 */
export function fastestAtRecall(rows: readonly QueryRow[], system: QueryRow['system'], target: number): QueryRow | null {
  const fit = rows.filter((r) => r.system === system && r.method === 'hnsw' && r.recall >= target);
  return fit.sort((a, b) => a.latency.p50 - b.latency.p50)[0] ?? null;
}
