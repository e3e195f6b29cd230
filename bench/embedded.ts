/**
 * Measurement 6, embedded PGlite against the server on the same file: end-to-end ingest and raw
 * binary COPY of the same rows (load rate), and top-10 query p50 through `vectorSearch`, exact
 * and with HNSW (ef_search 40). PGlite runs in memory (memory://), in this process, single-threaded.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/database.ts';
import { openPglite } from '../src/db/pglite.ts';
import { initDatabase } from '../src/db/setup.ts';
import type { Embedder } from '../src/embed/embedder.ts';
import { createVectorIndex } from '../src/indexes/index.ts';
import { explainVectorSearch, vectorSearch } from '../src/search/vector.ts';
import { ingestInto, JOB_COLUMNS, TRUNCATE_ALL, type TableDump } from './datasets.ts';
import { progress } from './lib/log.ts';
import { median, type LatencySummary } from './lib/stats.ts';
import { queryPasses } from './lib/timing.ts';
import type { BenchQuery } from './queries.ts';

export interface EngineFigures {
  ingestRowsPerSecond: number;
  copyRowsPerSecond: number;
  exact: LatencySummary;
  hnsw: LatencySummary;
  /** What the planner ran for the ef_search 40 query: 'index' or 'exact' (small tables may scan). */
  hnswPlan: string;
  hnswBuildSeconds: number;
}

export interface EmbeddedResult {
  rows: number;
  runs: number;
  pglite: EngineFigures;
  server: EngineFigures;
}

/** Load rates and query latencies of one engine; `database` is emptied first and left holding the set. */
export async function engineFigures(options: {
  label: string;
  database: Database;
  embedder: Embedder;
  file: string;
  /** A smaller file for the warm-up ingest (PGlite ingests at about 100 rows/s here). */
  warmupFile: string;
  referenceDate?: Date;
  dump: TableDump;
  rows: number;
  runs: number;
  queries: BenchQuery[];
  passes: number;
}): Promise<EngineFigures> {
  const { label, database, embedder, dump, rows, queries, passes } = options;
  const ingest: number[] = [];
  const copy: number[] = [];
  await ingestInto(database, embedder, options.warmupFile, options.referenceDate); // warm-up
  for (let run = 1; run <= options.runs; run++) {
    await database.db.execute(TRUNCATE_ALL);
    await database.bulkTransaction((_tx, into) => into('companies', ['id', 'name', 'normalized_name', 'created_at'], dump.companies));
    let start = performance.now();
    await database.bulkTransaction((_tx, into) => into('jobs', ['id', ...JOB_COLUMNS], dump.jobs));
    copy.push((performance.now() - start) / 1000);
    start = performance.now();
    await ingestInto(database, embedder, options.file, options.referenceDate);
    ingest.push((performance.now() - start) / 1000);
    progress(
      `${label} load run ${run}/${options.runs}: ingest ${Math.round(rows / ingest[run - 1]!)}, COPY ${Math.round(rows / copy[run - 1]!)} rows/s`,
    );
  }
  const search = (efSearch?: number) => (q: BenchQuery) => vectorSearch(database.db, embedder, q.text, { k: 10, efSearch });
  const exact = await queryPasses(queries, passes, search());
  progress(`${label}: building HNSW for the query p50`);
  const build = await createVectorIndex(database, { type: 'hnsw', m: 16, efConstruction: 64 }, { concurrently: false });
  await database.db.execute(sql`analyze jobs`);
  const hnsw = await queryPasses(queries, passes, search(40));
  return {
    ingestRowsPerSecond: rows / median(ingest),
    copyRowsPerSecond: rows / median(copy),
    exact: exact.latency,
    hnsw: hnsw.latency,
    hnswPlan: (await explainVectorSearch(database.db, embedder, queries[0]!.text, { k: 10, efSearch: 40 })).kind,
    hnswBuildSeconds: build.milliseconds / 1000,
  };
}

/** A fresh in-memory PGlite with Jobsight's schema. */
export async function openBenchPglite(embedder: Embedder): Promise<Database> {
  const database = await openPglite({ kind: 'embedded', dataDir: 'memory://' });
  await initDatabase(database.db, embedder);
  return database;
}
