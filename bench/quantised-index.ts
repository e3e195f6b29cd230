/**
 * Measurement 2b, quantised HNSW indexes on one scale set (server): the full-precision index of
 * section 2 against `index create hnsw --type halfvec` and `--type bit`, all m 16,
 * ef_construction 64, cosine. For each: build time, index size (pg_relation_size), and
 * through `vectorSearch` (which orders by the indexed expression, re-ranking bit candidates at
 * full precision: src/search/quantised.ts) p50 and tie-aware recall@10 at several ef_search
 * values, against the exact top 10 section 2 already computed (no exact scan is repeated).
 *
 * Searches use the best index present (full precision, then halfvec, then bit), so each storage
 * is measured alone: the full-precision index first (section 2 built it), then it is dropped
 * and each quantised index built, measured and dropped in turn. The table is left without a
 * vector index. The ef_search values of one storage run interleaved query by query; the
 * storages run one after another, so their ratios carry the drift of the machine's load.
 */
import { sql } from 'drizzle-orm';
import { BIT_RERANK_FACTOR } from '../src/core/defaults.ts';
import { queryRows, type Database } from '../src/db/database.ts';
import { createVectorIndex, dropVectorIndex, indexName, STORAGES, type Storage } from '../src/indexes/index.ts';
import { explainVectorSearch, vectorSearch } from '../src/search/vector.ts';
import type { measureFilteredQuery } from './filtered-query.ts';
import { progress } from './lib/log.ts';
import { meanRecallWithTies } from './lib/recall.ts';
import type { LatencySummary } from './lib/stats.ts';
import { interleavedPasses } from './lib/timing.ts';
import type { BenchQuery } from './queries.ts';

export const QUANTISED_EF_SEARCH = [40, 100, 200] as const;
const K = 10;
const HNSW = { type: 'hnsw', m: 16, efConstruction: 64, metric: 'cosine' } as const;

export interface QuantisedIndexRow {
  storage: Storage;
  index: string;
  buildSeconds: number;
  sizeBytes: number;
  efSearch: number;
  /** What ran: 'index' (the quantised or full graph) or 'exact' (PostgreSQL chose a full scan). */
  plan: string;
  latency: LatencySummary;
  recall: number;
}

export interface QuantisedIndexResult {
  /** Candidates a bit search re-ranks per hit (core/defaults.ts). */
  bitRerankFactor: number;
  results: QuantisedIndexRow[];
}

async function indexSize(database: Database, name: string): Promise<number> {
  const [row] = await queryRows<{ bytes: string | number }>(database.db, sql`select pg_relation_size(${name}::regclass) as bytes`);
  return Number(row?.bytes ?? 0);
}

/** The inputs every query section takes (as the filtered one does), and section 2's figures. */
export async function measureQuantisedIndexes(
  options: Parameters<typeof measureFilteredQuery>[0] & {
    /** Exact top-10 ids per query, from section 2. */
    truth: number[][];
    /** Section 2's full-precision build time (its index is still in place). */
    fullBuildSeconds: number;
  },
): Promise<QuantisedIndexResult> {
  const { label, database, bare, embedder, queries, passes, truth, fullBuildSeconds } = options;
  const vectors = queries.map((q) => q.vector);
  const results: QuantisedIndexRow[] = [];
  for (const storage of STORAGES) {
    const name = indexName({ ...HNSW, storage });
    let buildSeconds = fullBuildSeconds;
    if (storage !== 'vector') {
      progress(`${label}: building HNSW --type ${storage}`);
      buildSeconds = (await createVectorIndex(database, { ...HNSW, storage }, { concurrently: false })).milliseconds / 1000;
      await database.db.execute(sql`analyze jobs`);
    }
    const sizeBytes = await indexSize(database, name);
    progress(`${label}: ${storage} index, ef_search ${QUANTISED_EF_SEARCH.join('/')} interleaved`);
    const systems = Object.fromEntries(
      QUANTISED_EF_SEARCH.map((ef) => [
        String(ef),
        async (q: BenchQuery) => (await vectorSearch(database.db, embedder, q.text, { k: K, efSearch: ef })).map((h) => h.id),
      ]),
    );
    const run = await interleavedPasses(queries, passes, systems);
    for (const ef of QUANTISED_EF_SEARCH) {
      const plan = await explainVectorSearch(database.db, embedder, queries[0]!.text, { k: K, efSearch: ef });
      results.push({
        storage,
        index: name,
        buildSeconds,
        sizeBytes,
        efSearch: ef,
        plan: plan.index === name ? 'index' : plan.kind,
        latency: run[String(ef)]!.latency,
        recall: await meanRecallWithTies(bare, vectors, truth, run[String(ef)]!.results, K),
      });
    }
    await dropVectorIndex(database, name);
  }
  return { bitRerankFactor: BIT_RERANK_FACTOR, results };
}
