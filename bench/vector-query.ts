/**
 * Measurement 2, top-10 vector query on one data set (server): exact scan, then HNSW
 * (m 16, ef_construction 64) at several ef_search values. Each configuration is measured
 * through Jobsight's query path (`vectorSearch`: embeds the query, the materialized CTE joined
 * to companies; one round trip at the default ef_search, BEGIN / set_config / query / COMMIT sent
 * together at another, see src/search/scan-settings.ts), as the bare inner SQL through node-postgres with the
 * vector precomputed and ef_search set once for the session beforehand (one round trip: the
 * floor), and, when loaded, on Chroma's HNSW
 * over the same vectors (ef_search set as lib/chroma.ts explains). The systems run
 * interleaved query by query after a warm-up of each configuration.
 *
 * Recall@10 is tie-aware against the exact bare scan (lib/recall.ts). The plan column says
 * whether PostgreSQL's planner used the HNSW index: on a small table with a large ef_search it
 * may judge a sequential scan cheaper, and then the "HNSW" row is an exact scan.
 */
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../src/db/database.ts';
import type { Embedder } from '../src/embed/embedder.ts';
import { createVectorIndex } from '../src/indexes/index.ts';
import { explainVectorSearch, vectorSearch } from '../src/search/vector.ts';
import { chromaTopK, withEfSearch, type ChromaServer } from './lib/chroma.ts';
import { progress } from './lib/log.ts';
import { meanRecallWithTies } from './lib/recall.ts';
import type { LatencySummary } from './lib/stats.ts';
import { interleavedPasses } from './lib/timing.ts';
import type { BenchQuery } from './queries.ts';

export const EF_SEARCH = [20, 40, 100, 200] as const;
const K = 10;

export interface QueryRow {
  system: 'jobsight' | 'bare-pg' | 'chroma';
  /** 'exact' or 'hnsw'. */
  method: string;
  efSearch: number | null;
  /** What ran: 'index' (the HNSW graph), 'exact' (PostgreSQL chose a full scan), 'hnsw' (Chroma). */
  plan: string;
  latency: LatencySummary;
  recall: number;
}

export interface VectorQueryResult {
  rows: number;
  queries: number;
  passes: number;
  hnswBuildSeconds: number;
  /** Size of the HNSW index on disk (pg_relation_size). */
  hnswIndexBytes: number;
  results: QueryRow[];
  /** Exact top-10 ids per query (bare scan), reused by other measurements. */
  truth: number[][];
}

/** The inner statement of vectorSearch without filters, as a bare parameterised query. */
export const BARE_TOP_K = `select jobs.id, jobs.embedding <=> $1::vector as distance
  from jobs where jobs.embedding is not null order by distance limit ${K}`;

/** Runs `statement` on the bare client: one round trip, the session's ef_search (see setBareEfSearch). */
async function bareQuery<T extends pg.QueryResultRow>(bare: pg.Client, statement: string, values: unknown[]): Promise<T[]> {
  return (await bare.query<T>(statement, values)).rows;
}

/** Sets the bare client's session ef_search (untimed, once per configuration); null: pgvector's default. */
async function setBareEfSearch(bare: pg.Client, efSearch: number | null): Promise<void> {
  await bare.query(efSearch === null ? 'reset hnsw.ef_search' : `set hnsw.ef_search = ${efSearch}`);
}

export async function measureVectorQuery(options: {
  label: string;
  database: Database;
  bare: pg.Client;
  embedder: Embedder;
  queries: BenchQuery[];
  passes: number;
  /** The Chroma collection holding the same rows; null when Chroma is not compared. */
  chroma: { server: ChromaServer; collection: string } | null;
  /** Large sets: the exact scans run once without a warm-up (seconds each at a million rows). */
  exactOnce?: boolean;
  /** Memory for the HNSW build: the graph must fit in it, or pgvector builds on disk, many times slower. */
  buildMemory?: string;
}): Promise<VectorQueryResult> {
  const { label, database, bare, embedder, queries, passes, chroma, exactOnce = false, buildMemory } = options;
  const [{ n: rows } = { n: 0 }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from jobs`);
  const results: QueryRow[] = [];
  const vectors = queries.map((q) => q.vector);
  const bareIds = async (q: BenchQuery) => (await bareQuery<{ id: string }>(bare, BARE_TOP_K, [q.vector])).map((r) => Number(r.id));
  const jobsightIds = (efSearch?: number) => async (q: BenchQuery) =>
    (await vectorSearch(database.db, embedder, q.text, { k: K, efSearch })).map((h) => h.id);
  const barePlan = async () => {
    const plan = await bareQuery<{ 'QUERY PLAN': string }>(bare, `explain (costs off) ${BARE_TOP_K}`, [queries[0]!.vector]);
    return plan.some((r) => /Index Scan using \S*hnsw/.test(r['QUERY PLAN'])) ? 'index' : 'exact';
  };
  const jobsightPlan = async (efSearch?: number) => (await explainVectorSearch(database.db, embedder, queries[0]!.text, { k: K, efSearch })).kind;

  const exactPasses = exactOnce ? 1 : passes;
  progress(`${label}: exact top-10 over ${rows} rows, ${queries.length} queries × ${exactPasses} passes, bare and Jobsight interleaved`);
  await setBareEfSearch(bare, null);
  const exact = await interleavedPasses(queries, exactPasses, { bare: bareIds, jobsight: jobsightIds() }, { warmUp: !exactOnce });
  const truth = exact.bare.results;
  results.push({ system: 'bare-pg', method: 'exact', efSearch: null, plan: 'exact', latency: exact.bare.latency, recall: 1 });
  results.push({
    system: 'jobsight',
    method: 'exact',
    efSearch: null,
    plan: 'exact',
    latency: exact.jobsight.latency,
    recall: await meanRecallWithTies(bare, vectors, truth, exact.jobsight.results, K),
  });

  progress(`${label}: building HNSW (m 16, ef_construction 64${buildMemory ? `, maintenance_work_mem ${buildMemory}` : ''})`);
  const build = await createVectorIndex(
    database,
    { type: 'hnsw', m: 16, efConstruction: 64 },
    { concurrently: false, ...(buildMemory ? { maintenanceWorkMem: buildMemory } : {}) },
  );
  await database.db.execute(sql`analyze jobs`);
  const [{ bytes: hnswIndexBytes } = { bytes: 0 }] = await queryRows<{ bytes: number }>(
    database.db,
    sql`select pg_relation_size(${build.name}::regclass)::float8 as bytes`,
  );

  const keyOf = chroma ? await idsByKey(database) : new Map<string, number>();
  for (const ef of EF_SEARCH) {
    progress(`${label}: HNSW ef_search ${ef}${chroma ? ', with Chroma' : ''}`);
    await setBareEfSearch(bare, ef);
    const collection = chroma ? await withEfSearch(chroma.server, chroma.collection, ef) : null;
    const systems: Record<string, (q: BenchQuery) => Promise<number[]>> = { bare: bareIds, jobsight: jobsightIds(ef) };
    if (collection) systems.chroma = async (q) => (await chromaTopK(collection, q.numbers, K)).map((key) => keyOf.get(key) ?? -1);
    const run = await interleavedPasses(queries, passes, systems);
    const recall = (found: number[][]) => meanRecallWithTies(bare, vectors, truth, found, K);
    results.push({
      system: 'bare-pg',
      method: 'hnsw',
      efSearch: ef,
      plan: await barePlan(),
      latency: run.bare!.latency,
      recall: await recall(run.bare!.results),
    });
    results.push({
      system: 'jobsight',
      method: 'hnsw',
      efSearch: ef,
      plan: await jobsightPlan(ef),
      latency: run.jobsight!.latency,
      recall: await recall(run.jobsight!.results),
    });
    if (run.chroma)
      results.push({
        system: 'chroma',
        method: 'hnsw',
        efSearch: ef,
        plan: 'hnsw',
        latency: run.chroma.latency,
        recall: await recall(run.chroma.results),
      });
  }
  await setBareEfSearch(bare, null);
  return { rows, queries: queries.length, passes, hnswBuildSeconds: build.milliseconds / 1000, hnswIndexBytes, results, truth };
}

/** Chroma's ids (source:external_id) back to jobs.id, so its hits compare with PostgreSQL's. */
async function idsByKey(database: Database): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: number; key: string }>(database.db, sql`select id, source || ':' || external_id as key from jobs`);
  return new Map(rows.map((r) => [r.key, Number(r.id)]));
}

/**
 * The lowest-latency configuration of `system` reaching `target` recall, for "at equal recall"
 * comparisons; null when none does. A row where PostgreSQL's planner chose an exact scan counts:
 * that is what a user asking for that ef_search gets (the report names the plan).
 */
export function fastestAtRecall(rows: readonly QueryRow[], system: QueryRow['system'], target: number): QueryRow | null {
  const fit = rows.filter((r) => r.system === system && r.method === 'hnsw' && r.recall >= target);
  return fit.sort((a, b) => a.latency.p50 - b.latency.p50)[0] ?? null;
}
