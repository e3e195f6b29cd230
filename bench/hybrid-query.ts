/**
 * Measurement 4, hybrid (vector + full text fused by RRF in one statement) against vector-only,
 * both through Jobsight's search functions with the HNSW index at its default ef_search.
 */
import type { Database } from '../src/db/database.ts';
import type { Embedder } from '../src/embed/embedder.ts';
import { hybridSearch } from '../src/search/hybrid.ts';
import { vectorSearch } from '../src/search/vector.ts';
import { progress } from './lib/log.ts';
import type { LatencySummary } from './lib/stats.ts';
import { queryPasses } from './lib/timing.ts';
import type { BenchQuery } from './queries.ts';

export interface HybridResult {
  vector: LatencySummary;
  hybrid: LatencySummary;
}

export async function measureHybrid(options: { label: string; database: Database; embedder: Embedder; queries: BenchQuery[]; passes: number }): Promise<HybridResult> {
  const { label, database, embedder, queries, passes } = options;
  progress(`${label}: hybrid vs vector-only`);
  const vector = await queryPasses(queries, passes, (q) => vectorSearch(database.db, embedder, q.text, { k: 10 }));
  const hybrid = await queryPasses(queries, passes, (q) => hybridSearch(database.db, embedder, q.text, { k: 10 }));
  return { vector: vector.latency, hybrid: hybrid.latency };
}
