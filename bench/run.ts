/**
 * `npm run bench`: every measurement side by side on the same data in one run, results in
 * bench/results/<timestamp>.json, bench/results/latest.md and bench/results/latest.png.
 *
 *   npm run bench -- --quick                  # NHS subset (1,500) + a 20k scale set, fewer repeats: < 5 min
 *   npm run bench                             # whole NHS set + the 100k scale set
 *   npm run bench -- --scales 100k,1m         # choose scale sets (20k, 100k, 1m); cached in bench/.cache
 *   npm run bench -- --no-chroma --no-pglite  # leave out comparisons
 *
 * The server is DATABASE_URL (or --database-url), default postgres://root@127.0.0.1:5432/postgres;
 * its user needs CREATEDB: the benchmark makes jobsight_bench_* databases and drops them after.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Collection } from 'chromadb';
import type { Database } from '../src/db/database.ts';
import { createEmbedder } from '../src/embed/index.ts';
import { writeChart } from './chart.ts';
import { measureConcurrency } from './concurrency.ts';
import { BENCH_DIR, embeddedRows, loadScaleSet, NHS_REFERENCE_DATE, nhsFile, plainRows, SCALE_SIZES } from './datasets.ts';
import { engineFigures, openBenchPglite, type EmbeddedResult } from './embedded.ts';
import { measureFilteredQuery } from './filtered-query.ts';
import { measureHybrid } from './hybrid-query.ts';
import { addRows, freshCollection, startChroma, type ChromaServer } from './lib/chroma.ts';
import { elapsedSeconds, progress } from './lib/log.ts';
import { machineInfo } from './lib/machine.ts';
import { bareClient, databaseUrl, dropServerDatabase, freshServerDatabase } from './lib/server.ts';
import { chromaRows, measureLoadRate } from './load-rate.ts';
import { pickQueries, type BenchQuery } from './queries.ts';
import { markdown, type BenchResults, type DatasetResult } from './report.ts';
import { measureVectorQuery } from './vector-query.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    scales: { type: 'string' },
    'nhs-rows': { type: 'string' },
    'database-url': { type: 'string' },
    'no-chroma': { type: 'boolean', default: false },
    'no-pglite': { type: 'boolean', default: false },
    'no-api': { type: 'boolean', default: false },
  },
});
const quick = values.quick!;
const serverUrl = values['database-url'] ?? process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const scales = (values.scales ?? (quick ? '20k' : '100k')).split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
for (const s of scales) if (!(s in SCALE_SIZES)) throw new Error(`--scales: unknown set ${JSON.stringify(s)}; use ${Object.keys(SCALE_SIZES).join(', ')}`);
const nhsRows = values['nhs-rows'] ? Number(values['nhs-rows']) : quick ? 1500 : undefined;
const settings = { loadRuns: quick ? 3 : 5, queryPasses: quick ? 3 : 5, queries: quick ? 40 : 100, concurrencySeconds: quick ? 2 : 8 };
/**
 * Chroma adds 300-700 rows/s here (section 1): a million rows would take most of an hour, and
 * even 20k rows would use a third of --quick's 5 minutes, so --quick compares Chroma on the NHS subset only.
 */
const CHROMA_MAX_ROWS = quick ? 0 : 200_000;

const embedder = createEmbedder({ provider: 'hash', dimensions: 384 });
const startedAt = new Date();

async function datasetQueries(label: string, database: Database, collection: Collection | null, queries: BenchQuery[], extra: Partial<DatasetResult> = {}): Promise<DatasetResult> {
  const bare = await bareClient(serverUrl, label === 'NHS' ? 'jobsight_bench_nhs' : 'jobsight_bench_scale');
  try {
    const vector = await measureVectorQuery({ label, database, bare, embedder, queries, passes: settings.queryPasses, collection });
    const filtered = await measureFilteredQuery({ label, database, embedder, queries, passes: settings.queryPasses });
    const hybrid = await measureHybrid({ label, database, embedder, queries, passes: settings.queryPasses });
    return { name: label, vector, filtered, hybrid, chromaLoaded: collection !== null, ...extra };
  } finally {
    await bare.end();
  }
}

async function main(): Promise<void> {
  progress(`${quick ? 'quick' : 'full'} run: NHS ${nhsRows ?? 'all'} rows, scale sets ${scales.join(', ') || 'none'}, server ${new URL(serverUrl).host}`);
  const machine = await machineInfo(serverUrl);
  let chroma: ChromaServer | null = null;
  if (!values['no-chroma']) {
    chroma = await startChroma().catch((e: unknown) => {
      progress(`Chroma not measured: ${(e as Error).message}`);
      return null;
    });
  }
  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    mode: quick ? 'quick' : 'full',
    seconds: 0,
    machine: { ...machine, chromaServer: chroma?.version ?? 'not run' },
    settings: { nhsRows: String(nhsRows ?? 'all'), scales, loadRuns: settings.loadRuns, queryPasses: settings.queryPasses, queries: settings.queries },
    load: null,
    datasets: [],
    embedded: null,
    concurrency: null,
  };
  const nhs = await freshServerDatabase(serverUrl, 'jobsight_bench_nhs', embedder);
  try {
    // 1. Load rate on the NHS file; the database ends holding the ingested set.
    const file = await nhsFile(nhsRows);
    const bare = await bareClient(serverUrl, 'jobsight_bench_nhs');
    const load = await measureLoadRate({ database: nhs, bare, embedder, file, referenceDate: NHS_REFERENCE_DATE, runs: settings.loadRuns, chroma, collectionName: 'bench-nhs' });
    await bare.end();
    results.load = { file: path.relative(process.cwd(), file), rows: load.rows, runs: load.runs, seconds: load.seconds, rowsPerSecond: load.rowsPerSecond };

    // 2-4. Queries on the NHS set (Chroma holds the same rows from the last load run).
    const nhsQueries = await pickQueries(nhs, embedder, settings.queries);
    const nhsCollection = chroma ? await chroma.client.getCollection({ name: 'bench-nhs' }) : null;
    const nhsResult = await datasetQueries('NHS', nhs, nhsCollection, nhsQueries);
    results.datasets.push(nhsResult);

    // 6. Embedded PGlite on the same file; the server's figures come from the runs above.
    if (!values['no-pglite']) {
      progress('embedded: PGlite in memory, same file');
      const pglite = await openBenchPglite(embedder);
      try {
        const figures = await engineFigures({
          label: 'PGlite', database: pglite, embedder, file, referenceDate: NHS_REFERENCE_DATE, dump: load.dump, rows: load.rows,
          runs: 3, queries: nhsQueries, passes: settings.queryPasses,
        });
        const js = (ef: number | null) => nhsResult.vector.results.find((q) => q.system === 'jobsight' && q.efSearch === ef)!;
        const embedded: EmbeddedResult = {
          rows: load.rows,
          runs: 3,
          pglite: figures,
          server: {
            ingestRowsPerSecond: load.rowsPerSecond.ingest!,
            copyRowsPerSecond: load.rowsPerSecond.copy!,
            exact: js(null).latency,
            hnsw: js(40).latency,
            hnswBuildSeconds: nhsResult.vector.hnswBuildSeconds,
          },
        };
        results.embedded = embedded;
      } finally {
        await pglite.close();
      }
    }

    // 2-4 again on each scale set.
    for (const scale of scales) {
      const count = SCALE_SIZES[scale]!;
      const label = `scale ${scale}`;
      const database = await freshServerDatabase(serverUrl, 'jobsight_bench_scale', embedder);
      try {
        const built = await loadScaleSet(database, embedder, count);
        let collection: Collection | null = null;
        if (chroma && count <= CHROMA_MAX_ROWS) {
          progress(`${label}: adding ${await embeddedRows(database)} rows to Chroma (untimed here; load rates are in section 1)`);
          collection = await freshCollection(chroma.client, 'bench-scale');
          await addRows(collection, chromaRows(await plainRows(database)));
        } else if (chroma) {
          progress(`${label}: Chroma left out above ${CHROMA_MAX_ROWS} rows (its add rate makes the load take too long)`);
        }
        const queries = await pickQueries(database, embedder, settings.queries);
        results.datasets.push(await datasetQueries(label, database, collection, queries, built.buildSeconds ? { scaleSetBuildSeconds: built.buildSeconds } : {}));
        if (collection && chroma) await chroma.client.deleteCollection({ name: 'bench-scale' });
      } finally {
        await database.close();
        await dropServerDatabase(serverUrl, 'jobsight_bench_scale');
      }
    }

    // 5. Concurrency last, on the NHS set with its HNSW index.
    if (!values['no-api']) {
      results.concurrency = await measureConcurrency({
        databaseUrl: databaseUrl(serverUrl, 'jobsight_bench_nhs'), queries: nhsQueries, durationSeconds: settings.concurrencySeconds, repeats: 3,
      });
    }
  } finally {
    await nhs.close();
    await dropServerDatabase(serverUrl, 'jobsight_bench_nhs');
    await chroma?.stop();
  }

  results.seconds = elapsedSeconds();
  const dir = path.join(BENCH_DIR, 'results');
  await mkdir(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  await writeFile(path.join(dir, `${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
  const table = markdown(results);
  await writeFile(path.join(dir, 'latest.md'), `${table}\n`);
  const charted = await writeChart(results, path.join(dir, 'latest.png')).catch((e: unknown) => {
    progress(`chart not written: ${(e as Error).message}`);
    return false;
  });
  process.stdout.write(`${table}\n`);
  progress(`done in ${(results.seconds / 60).toFixed(1)} min: bench/results/${stamp}.json, latest.md${charted ? ', latest.png' : ''}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
