/**
 * Ingest rate against the physical limit, on one file, in one run, per engine: end-to-end
 * `ingest` into a fresh database, then raw binary COPY of the very rows it produced into
 * another fresh database with the same schema and indexes (`COPY (select ...) TO`, then
 * `COPY jobs FROM`). Both include the generated tsvector and the indexes; only ingest parses,
 * normalises, extracts skills, embeds and deduplicates.
 *
 *   npx tsx bench/ingest-rate.ts [--engine pglite|server|both] [--runs N] [--threads N] [--batch-size N] [FILE]
 *
 * The server runs need DATABASE_URL naming a database whose user may CREATE DATABASE.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { resolveConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { initDatabase } from '../src/db/setup.ts';
import { createEmbedder } from '../src/embed/index.ts';
import { ingestFiles } from '../src/ingest/pipeline.ts';
import { createRejectWriter } from '../src/ingest/rejects.ts';

const { values, positionals } = parseArgs({
  options: { engine: { type: 'string', default: 'both' }, runs: { type: 'string', default: '1' }, threads: { type: 'string' }, 'batch-size': { type: 'string' } },
  allowPositionals: true,
});
const file = positionals[0] ?? path.resolve(import.meta.dirname, '../../shared/data/nhs-jobs-2020/postings.jsonl');
const embedder = createEmbedder({ provider: 'hash', dimensions: 384 });

// What COPY can write: every jobs column but the identity and the generated tsvector.
const JOB_COLUMNS = [
  'source', 'external_id', 'title', 'description', 'company_id', 'city', 'region', 'country', 'remote_mode',
  'employment_type', 'salary_min', 'salary_max', 'salary_currency', 'salary_period', 'salary_annual_min',
  'salary_annual_max', 'salary_text', 'salary_flag', 'posted_at', 'posted_approximate', 'expires_at', 'url',
  'content_hash', 'embedding', 'created_at', 'updated_at',
];
const COMPANY_COLUMNS = ['id', 'name', 'normalized_name', 'created_at'];

interface Run {
  engine: string;
  rows: number;
  ingestSeconds: number;
  copySeconds: number;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function freshDatabase(engine: 'pglite' | 'server', name: string): Promise<Database> {
  let database: Database;
  if (engine === 'pglite') {
    database = await openPglite({ kind: 'embedded', dataDir: 'memory://' });
  } else {
    await adminQuery(`drop database if exists ${name} with (force)`);
    await adminQuery(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const config = resolveConfig({ databaseUrl: url.toString() });
    if (config.database.kind !== 'server') throw new Error('unreachable');
    database = await openPostgres(config.database);
  }
  await initDatabase(database.db, embedder);
  return database;
}

async function once(engine: 'pglite' | 'server'): Promise<Run> {
  const target = await freshDatabase(engine, 'jobsight_bench_ingest');
  const rejects = createRejectWriter(path.join(process.env.TMPDIR ?? '/tmp', `jobsight-bench-rejects-${process.pid}.jsonl`));
  let started = performance.now();
  const summary = await ingestFiles({ database: target, embedder, rejects }, [file], {
    referenceDate: new Date('2020-11-30T00:00:00Z'),
    threads: values.threads === undefined ? undefined : Number(values.threads),
    batchSize: values['batch-size'] === undefined ? undefined : Number(values['batch-size']),
  });
  const ingestSeconds = (performance.now() - started) / 1000;

  const companies = await target.copyOut(`select ${COMPANY_COLUMNS.join(', ')} from companies order by id`);
  const jobRows = await target.copyOut(`select ${JOB_COLUMNS.join(', ')} from jobs order by id`);
  await target.close();

  const copy = await freshDatabase(engine, 'jobsight_bench_copy');
  await copy.bulkTransaction((_tx, into) => into('companies', COMPANY_COLUMNS, companies));
  started = performance.now();
  await copy.bulkTransaction((_tx, into) => into('jobs', JOB_COLUMNS, jobRows));
  const copySeconds = (performance.now() - started) / 1000;
  await copy.close();
  if (engine === 'server') {
    await adminQuery('drop database if exists jobsight_bench_ingest with (force)');
    await adminQuery('drop database if exists jobsight_bench_copy with (force)');
  }
  return { engine, rows: summary.inserted, ingestSeconds, copySeconds };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const engines = values.engine === 'both' ? (['server', 'pglite'] as const) : [values.engine as 'pglite' | 'server'];
for (const engine of engines) {
  if (engine === 'server' && !process.env.DATABASE_URL) {
    console.log('server: skipped (DATABASE_URL unset)');
    continue;
  }
  const runs: Run[] = [];
  for (let i = 0; i < Number(values.runs); i++) runs.push(await once(engine));
  const ingest = median(runs.map((r) => r.ingestSeconds));
  const copy = median(runs.map((r) => r.copySeconds));
  const rows = runs[0]!.rows;
  console.log(
    `${engine}: ${rows} rows from ${path.basename(file)}; ingest ${ingest.toFixed(1)} s = ${Math.round(rows / ingest)} rows/s; ` +
      `raw binary COPY of the same rows ${copy.toFixed(1)} s = ${Math.round(rows / copy)} rows/s; ingest/COPY = ${(copy / ingest).toFixed(2)} (median of ${runs.length})`,
  );
}
