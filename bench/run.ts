/**
 * `npm run bench`: every measurement side by side on the same data in one run, results in
 * bench/results/<timestamp>.json, bench/results/latest.md and bench/results/latest.png.
 *
 *   npm run bench -- --quick                  # NHS subset (1,000) + a 10k scale set, fewer repeats: about 3-4 min
 *   npm run bench                             # whole NHS set + the 100k scale set
 *   npm run bench -- --scales 100k,1m         # choose scale sets (10k, 20k, 100k, 1m); cached in bench/.cache
 *   npm run bench -- --no-chroma --no-pglite  # leave out comparisons
 *   npm run bench -- --no-quantised           # leave out the halfvec / bit HNSW comparison on the scale sets
 *   npm run bench -- --name full              # write bench/results/full.md (and .png) instead of latest.*
 *
 * The server is DATABASE_URL (or --database-url), default postgres://root@127.0.0.1:5432/postgres;
 * its user needs CREATEDB: the benchmark makes jobsight_bench_*_<pid> databases and drops them after (the
 * process id in the name, so runs by several people on one server never drop each other's data).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
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
import { measureQuantisedIndexes } from './quantised-index.ts';
import { pickQueries, type BenchQuery } from './queries.ts';
import { markdown, type BenchResults, type DatasetResult } from './report.ts';
import { measureVectorQuery } from './vector-query.ts';

const USAGE = `Usage: npm run bench -- [options]

Measures Jobsight against raw COPY, bare SQL, a minimal HTTP server, a LangChain-style loader and ChromaDB
on the same data in one run; writes bench/results/<timestamp>.json and bench/results/<name>.md/.png.

Options:
  --quick                NHS subset (1,000 rows) + the 10k generated set, fewer repeats: about 3-4 min
                         (default: the whole NHS set + the 100k set, about 35 min)
  --scales <list>        generated sets to measure, comma-separated: ${Object.keys(SCALE_SIZES).join(', ')} ('' for none);
                         cached in bench/.cache after the first build
  --nhs-rows <n>         how many NHS postings to use (default: 1,000 with --quick, else all)
  --database-url <url>   the server (default: DATABASE_URL, else postgres://root@127.0.0.1:5432/postgres);
                         its user needs CREATEDB
  --no-chroma            leave out ChromaDB
  --no-pglite            leave out embedded PGlite
  --no-api               leave out the HTTP API and minimal HTTP server (concurrency section)
  --no-quantised         leave out the halfvec / bit HNSW comparison on the scale sets
  --name <name>          write bench/results/<name>.md and .png (default: latest)
  -h, --help             show this help`;

function usageError(message: string): never {
  console.error(`bench: ${message}\n\n${USAGE}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        quick: { type: 'boolean', default: false },
        scales: { type: 'string' },
        'nhs-rows': { type: 'string' },
        'database-url': { type: 'string' },
        'no-chroma': { type: 'boolean', default: false },
        'no-pglite': { type: 'boolean', default: false },
        'no-api': { type: 'boolean', default: false },
        'no-quantised': { type: 'boolean', default: false },
        name: { type: 'string', default: 'latest' },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const quick = values.quick!;
const serverUrl = values['database-url'] ?? process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const scales = (values.scales ?? (quick ? '10k' : '100k'))
  .split(',')
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);
for (const s of scales) if (!(s in SCALE_SIZES)) usageError(`--scales: unknown set ${JSON.stringify(s)}; use ${Object.keys(SCALE_SIZES).join(', ')}`);
const outputName = values.name!;
if (!/^[a-z0-9_-]+$/i.test(outputName)) usageError(`--name: letters, digits, - and _ only, got ${JSON.stringify(outputName)}`);
const nhsRows = values['nhs-rows'] ? Number(values['nhs-rows']) : quick ? 1000 : undefined;
if (nhsRows !== undefined && !(Number.isInteger(nhsRows) && nhsRows > 0))
  usageError(`--nhs-rows: a whole number above 0, got ${JSON.stringify(values['nhs-rows'])}`);
/**
 * --quick must finish in under 5 minutes on 2 shared cores: 1,000 NHS rows (Jobsight's ingest
 * does about 100-200 rows/s here, and section 1 ingests the file four times, PGlite four more),
 * 30 queries, 3 passes, the 10k scale set: about 3.5 minutes with the 10k set cached. The full
 * run keeps 3 passes but over 100 queries (exact scans of 100k rows take about a quarter second
 * each, and every pass runs them twice), and 5 load runs of the whole NHS file.
 */
const settings = { loadRuns: quick ? 3 : 5, queryPasses: 3, queries: quick ? 30 : 100, concurrencySeconds: quick ? 2 : 8 };
/** PGlite's load runs (its ingest is the slowest part of the run), after a warm-up on PGLITE_WARMUP_ROWS. */
const PGLITE_RUNS = 3;
const PGLITE_WARMUP_ROWS = 200;
/**
 * Chroma adds 300-700 rows/s here (section 1): a million rows would take most of an hour; the
 * 10k set takes about 20 s, which --quick affords (on the NHS subset PostgreSQL's planner
 * prefers an exact scan at ef_search 40 and up, so only a scale set compares two HNSW graphs).
 */
const CHROMA_MAX_ROWS = quick ? 10_000 : 200_000;
/**
 * A scale set this large (the 1m set) is measured lighter: its exact scans take seconds each, so
 * they run once without a warm-up over LARGE_SET_QUERIES queries, and its HNSW build gets
 * LARGE_SET_BUILD_MEMORY, enough to hold the graph of a million 384-dimension vectors (about 2 GB;
 * with less, pgvector finishes the build on disk, many times slower).
 */
const LARGE_SET_ROWS = 500_000;
const LARGE_SET_QUERIES = 30;
const LARGE_SET_BUILD_MEMORY = '4GB';

const embedder = createEmbedder({ provider: 'semantic' });
/** This run's databases on the server. */
const NHS_DB = `jobsight_bench_nhs_${process.pid}`;
const SCALE_DB = `jobsight_bench_scale_${process.pid}`;
const startedAt = new Date();

/** Seconds each part of the run took, for the report (where the time goes). */
const phases: Record<string, number> = {};
async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const start = elapsedSeconds();
  try {
    return await fn();
  } finally {
    phases[name] = (phases[name] ?? 0) + elapsedSeconds() - start;
  }
}

async function datasetQueries(
  label: string,
  database: Database,
  chroma: { server: ChromaServer; collection: string } | null,
  queries: BenchQuery[],
  extra: Partial<DatasetResult> = {},
  large = false,
): Promise<DatasetResult> {
  const bare = await bareClient(serverUrl, label === 'NHS' ? NHS_DB : SCALE_DB);
  // What every query measurement of this set takes.
  const inputs = { label, database, bare, embedder, queries, passes: settings.queryPasses };
  try {
    const vector = await phase(`${label}: vector`, () =>
      measureVectorQuery({ ...inputs, chroma, ...(large ? { exactOnce: true, buildMemory: LARGE_SET_BUILD_MEMORY } : {}) }),
    );
    const filtered = await phase(`${label}: filtered`, () => measureFilteredQuery(inputs));
    const hybrid = await phase(`${label}: hybrid`, () => measureHybrid(inputs));
    // Last on a scale set: it leaves the table without a vector index (quantised-index.ts).
    const quantised =
      label === 'NHS' || values['no-quantised']
        ? undefined
        : await phase(`${label}: quantised`, () =>
            measureQuantisedIndexes({
              ...inputs,
              truth: vector.truth,
              fullBuildSeconds: vector.hnswBuildSeconds,
            }),
          );
    return { name: label, vector, filtered, hybrid, chromaLoaded: chroma !== null, ...(quantised ? { quantised } : {}), ...extra };
  } finally {
    await bare.end();
  }
}

async function main(): Promise<void> {
  progress(
    `${quick ? 'quick' : 'full'} run: NHS ${nhsRows ?? 'all'} rows, scale sets ${scales.join(', ') || 'none'}, server ${new URL(serverUrl).host}`,
  );
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
    phases,
    machine: { ...machine, chromaServer: chroma?.version ?? 'not run' },
    settings: {
      nhsRows: String(nhsRows ?? 'all'),
      scales,
      loadRuns: settings.loadRuns,
      queryPasses: settings.queryPasses,
      queries: settings.queries,
    },
    load: null,
    datasets: [],
    embedded: null,
    concurrency: null,
  };
  const nhs = await freshServerDatabase(serverUrl, NHS_DB, embedder);
  try {
    // 1. Load rate on the NHS file; the database ends holding the ingested set.
    const file = await nhsFile(nhsRows);
    const bare = await bareClient(serverUrl, NHS_DB);
    const load = await phase('NHS: load', () =>
      measureLoadRate({
        database: nhs,
        bare,
        embedder,
        file,
        referenceDate: NHS_REFERENCE_DATE,
        runs: settings.loadRuns,
        chroma,
        collectionName: 'bench-nhs',
      }),
    );
    await bare.end();
    results.load = {
      file: path.relative(process.cwd(), file),
      rows: load.rows,
      runs: load.runs,
      seconds: load.seconds,
      rowsPerSecond: load.rowsPerSecond,
    };

    // 2-4. Queries on the NHS set (Chroma holds the same rows from the last load run).
    const nhsQueries = await pickQueries(nhs, embedder, settings.queries);
    const nhsResult = await datasetQueries('NHS', nhs, chroma ? { server: chroma, collection: 'bench-nhs' } : null, nhsQueries);
    results.datasets.push(nhsResult);
    if (chroma) await chroma.client.deleteCollection({ name: 'bench-nhs' });

    // 6. Embedded PGlite on the same file; the server's figures come from the runs above.
    if (!values['no-pglite']) {
      progress('embedded: PGlite in memory, same file');
      const pglite = await openBenchPglite(embedder);
      try {
        const warmupFile = await nhsFile(PGLITE_WARMUP_ROWS);
        const figures = await phase('PGlite', () =>
          engineFigures({
            label: 'PGlite',
            database: pglite,
            embedder,
            file,
            warmupFile,
            referenceDate: NHS_REFERENCE_DATE,
            dump: load.dump,
            rows: load.rows,
            runs: PGLITE_RUNS,
            queries: nhsQueries,
            passes: settings.queryPasses,
          }),
        );
        const js = (ef: number | null) => nhsResult.vector.results.find((q) => q.system === 'jobsight' && q.efSearch === ef)!;
        const embedded: EmbeddedResult = {
          rows: load.rows,
          runs: PGLITE_RUNS,
          pglite: figures,
          server: {
            ingestRowsPerSecond: load.rowsPerSecond.ingest!,
            copyRowsPerSecond: load.rowsPerSecond.copy!,
            exact: js(null).latency,
            hnsw: js(40).latency,
            hnswPlan: js(40).plan,
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
      const database = await freshServerDatabase(serverUrl, SCALE_DB, embedder);
      try {
        const built = await phase(`${label}: load`, () => loadScaleSet(database, embedder, count));
        let loaded = false;
        if (chroma && count <= CHROMA_MAX_ROWS) {
          progress(`${label}: adding ${await embeddedRows(database)} rows to Chroma (untimed here; load rates are in section 1)`);
          const rows = chromaRows(await plainRows(database));
          await phase(`${label}: Chroma add`, async () => addRows(await freshCollection(chroma!.client, 'bench-scale'), rows));
          loaded = true;
        } else if (chroma) {
          progress(`${label}: Chroma left out above ${CHROMA_MAX_ROWS} rows (its add rate makes the load take too long)`);
        }
        const large = count >= LARGE_SET_ROWS;
        const queries = await pickQueries(database, embedder, large ? Math.min(settings.queries, LARGE_SET_QUERIES) : settings.queries);
        const compared = chroma && loaded ? { server: chroma, collection: 'bench-scale' } : null;
        results.datasets.push(
          await datasetQueries(
            label,
            database,
            compared,
            queries,
            { scaleSetLoad: built, ...(built.buildSeconds ? { scaleSetBuildSeconds: built.buildSeconds } : {}) },
            large,
          ),
        );
        if (compared) await compared.server.client.deleteCollection({ name: 'bench-scale' });
      } finally {
        await database.close();
        await dropServerDatabase(serverUrl, SCALE_DB);
      }
    }

    // 5. Concurrency last, on the NHS set with its HNSW index.
    if (!values['no-api']) {
      results.concurrency = await phase('concurrency', () =>
        measureConcurrency({
          databaseUrl: databaseUrl(serverUrl, NHS_DB),
          queries: nhsQueries,
          durationSeconds: settings.concurrencySeconds,
          repeats: 3,
        }),
      );
    }
  } finally {
    await nhs.close();
    await dropServerDatabase(serverUrl, NHS_DB);
    await chroma?.stop();
  }

  results.seconds = elapsedSeconds();
  const dir = path.join(BENCH_DIR, 'results');
  await mkdir(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  await writeFile(path.join(dir, `${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
  const table = markdown(results);
  await writeFile(path.join(dir, `${outputName}.md`), `${table}\n`);
  const charted = await writeChart(results, path.join(dir, `${outputName}.png`)).catch((e: unknown) => {
    progress(`chart not written: ${(e as Error).message}`);
    return false;
  });
  process.stdout.write(`${table}\n`);
  progress(`done in ${(results.seconds / 60).toFixed(1)} min: bench/results/${stamp}.json, ${outputName}.md${charted ? `, ${outputName}.png` : ''}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
