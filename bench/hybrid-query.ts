/**
 * Measurement 4, hybrid (vector + full text fused by RRF in one statement) against vector-only,
 * both through Jobsight's search functions with the HNSW index at its default ef_search, run
 * interleaved query by query. Hybrid runs twice: as the library returns it by default (ranked
 * hits, no snippets, comparable with vector-only's hits) and with snippets, as the CLI, API and
 * web ask for it (ts_headline re-reads each hit's description).
 */
import type { Database } from '../src/db/database.ts';
import type { Embedder } from '../src/embed/embedder.ts';
import { hybridSearch } from '../src/search/hybrid.ts';
import { vectorSearch } from '../src/search/vector.ts';
import { progress } from './lib/log.ts';
import type { LatencySummary } from './lib/stats.ts';
import { interleavedPasses } from './lib/timing.ts';
import type { BenchQuery } from './queries.ts';

export interface HybridResult {
  vector: LatencySummary;
  hybrid: LatencySummary;
  /** Hybrid with a snippet per hit (what `jobsight search` and /api/search return by default). */
  hybridSnippets: LatencySummary;
}

export async function measureHybrid(options: {
  label: string;
  database: Database;
  embedder: Embedder;
  queries: BenchQuery[];
  passes: number;
}): Promise<HybridResult> {
  const { label, database, embedder, queries, passes } = options;
  progress(`${label}: hybrid vs vector-only`);
  const run = await interleavedPasses(queries, passes, {
    vector: async (q: BenchQuery) => (await vectorSearch(database.db, embedder, q.text, { k: 10 })).length,
    hybrid: async (q: BenchQuery) => (await hybridSearch(database.db, embedder, q.text, { k: 10 })).length,
    hybridSnippets: async (q: BenchQuery) => (await hybridSearch(database.db, embedder, q.text, { k: 10, snippets: true })).length,
  });
  return { vector: run.vector.latency, hybrid: run.hybrid.latency, hybridSnippets: run.hybridSnippets.latency };
}
