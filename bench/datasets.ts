/**
 * The data the benchmark runs on: the NHS postings (whole, or the first N for --quick) and scale
 * sets made by Jobsight's own generator (scripts/generate-demo-data.ts) and embedded by the
 * built-in embedder through `ingestFiles`. A scale set is built once and cached under
 * bench/.cache as the generated JSON Lines plus binary COPY dumps of the loaded tables, so a
 * rerun loads it with COPY instead of generating and embedding it again.
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import pgvector from 'pgvector';
import { queryRows, type Database } from '../src/db/database.ts';
import { mergeTextIndexPendingList } from '../src/db/text-index.ts';
import type { Embedder } from '../src/embed/embedder.ts';
import { ingestFiles } from '../src/ingest/pipeline.ts';
import { createRejectWriter } from '../src/ingest/rejects.ts';
import type { IngestSummary } from '../src/ingest/summary.ts';
import { progress } from './lib/log.ts';

export const BENCH_DIR = import.meta.dirname;
export const CACHE_DIR = path.join(BENCH_DIR, '.cache');
export const NHS_FILE = path.resolve(BENCH_DIR, '../../shared/data/nhs-jobs-2020/postings.jsonl');
/** The NHS set was collected in November 2020: relative dates count back from then. */
export const NHS_REFERENCE_DATE = new Date('2020-11-30T00:00:00Z');
const SCALE_SEED = 7;

/** What COPY can write into jobs: every column but the generated tsvector (and the id, given separately). */
export const JOB_COLUMNS = [
  'source',
  'external_id',
  'title',
  'description',
  'company_id',
  'city',
  'region',
  'country',
  'remote_mode',
  'employment_type',
  'salary_min',
  'salary_max',
  'salary_currency',
  'salary_period',
  'salary_annual_min',
  'salary_annual_max',
  'salary_text',
  'salary_flag',
  'posted_at',
  'posted_approximate',
  'expires_at',
  'url',
  'content_hash',
  'embedding',
  'created_at',
  'updated_at',
];
/** Every table a loaded data set fills, in load order, with the columns dumped (ids included). */
export const TABLES = [
  { table: 'companies', columns: ['id', 'name', 'normalized_name', 'created_at'] },
  { table: 'skills', columns: ['id', 'name', 'category'] },
  { table: 'jobs', columns: ['id', ...JOB_COLUMNS] },
  { table: 'job_skills', columns: ['job_id', 'skill_id'] },
] as const;
const SCHEMA_FINGERPRINT = TABLES.map((t) => `${t.table}(${t.columns.join(',')})`).join(';');

/** Each table's binary COPY payload: in memory, or streamed from the cache (a million postings are over 2 GiB). */
export type TableDump = Record<(typeof TABLES)[number]['table'], Buffer | Readable>;

/** One stored posting as the non-PostgreSQL loaders (LangChain-style, Chroma) take it. */
export interface PlainRow {
  id: number;
  /** source:external_id, stable across reloads: Chroma's id. */
  key: string;
  content: string;
  metadata: Record<string, unknown>;
  embedding: number[];
}

/** The first `count` lines of the NHS file (the whole file when count is undefined). */
export async function nhsFile(count: number | undefined): Promise<string> {
  if (count === undefined) return NHS_FILE;
  const out = path.join(CACHE_DIR, `nhs-first-${count}.jsonl`);
  if (existsSync(out)) return out;
  await mkdir(CACHE_DIR, { recursive: true });
  const writer = createWriteStream(`${out}.part`);
  let lines = 0;
  for await (const line of createInterface({ input: createReadStream(NHS_FILE), crlfDelay: Infinity })) {
    if (lines++ >= count) break;
    writer.write(`${line}\n`);
  }
  await new Promise<void>((resolve, reject) => writer.end((e?: Error | null) => (e ? reject(e) : resolve())));
  await rename(`${out}.part`, out);
  return out;
}

export const TRUNCATE_ALL = sql`truncate job_skills, jobs, skills, companies restart identity cascade`;

/** End-to-end ingest of `file` into `database` (emptied first); the summary says how many rows. */
export async function ingestInto(database: Database, embedder: Embedder, file: string, referenceDate?: Date): Promise<IngestSummary> {
  await database.db.execute(TRUNCATE_ALL);
  const rejects = createRejectWriter(path.join(CACHE_DIR, `rejects-${process.pid}.jsonl`));
  return ingestFiles({ database, embedder, rejects }, [file], { referenceDate, indexPolicy: 'keep' });
}

/** Binary COPY dumps of every table of a loaded data set. */
export async function dumpTables(database: Database): Promise<TableDump> {
  const out: Partial<TableDump> = {};
  for (const { table, columns } of TABLES) out[table] = await database.copyOut(`select ${columns.join(', ')} from ${table} order by 1`);
  return out as TableDump;
}

/** Loads dumps (ids kept) into an emptied database, each table in its own transaction, then ANALYZE and the text index's merge. */
export async function restoreTables(database: Database, dump: TableDump): Promise<void> {
  await database.db.execute(TRUNCATE_ALL);
  for (const { table, columns } of TABLES) await database.bulkTransaction((_tx, into) => into(table, columns, dump[table]));
  for (const table of ['companies', 'skills', 'jobs']) {
    await database.db.execute(sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), greatest(1, (select max(id) from ${table})))`));
  }
  await database.db.execute(sql`analyze jobs, companies, skills, job_skills`);
  // As ingest does after a load (db/text-index.ts): text searches read no pending list.
  await mergeTextIndexPendingList(database.db);
}

/** The stored postings as plain rows (content = title + description; vectors as numbers). */
export async function plainRows(database: Database): Promise<PlainRow[]> {
  const rows = await queryRows<{ id: number; key: string; content: string; metadata: Record<string, unknown>; embedding: string }>(
    database.db,
    sql`select jobs.id, jobs.source || ':' || jobs.external_id as key, jobs.title || E'\n' || jobs.description as content,
               json_build_object('title', jobs.title, 'company', companies.name, 'city', jobs.city, 'country', jobs.country,
                                 'remoteMode', jobs.remote_mode, 'postedAt', jobs.posted_at) as metadata,
               jobs.embedding::text as embedding
        from jobs left join companies on companies.id = jobs.company_id
        where jobs.embedding is not null order by jobs.id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), embedding: pgvector.fromSql(r.embedding) as number[] }));
}

export const SCALE_SIZES: Record<string, number> = { '10k': 10_000, '20k': 20_000, '100k': 100_000, '1m': 1_000_000 };

/**
 * Fills `database` with the scale set of `count` generated postings: from the cache when it is
 * there, else generated (seed 7), ingested end to end, and dumped to the cache.
 */
export interface ScaleSetLoad {
  /** 'copy': restored from the cache by binary COPY (with the full-text column and indexes); 'ingest': generated and ingested end to end. */
  how: 'copy' | 'ingest';
  rows: number;
  /** Seconds of the restore or of the ingest (generation not included). */
  seconds: number;
  rowsPerSecond: number;
  /** Generation, ingest and dump, when the set was built in this run. */
  buildSeconds?: number;
}

export async function loadScaleSet(database: Database, embedder: Embedder, count: number): Promise<ScaleSetLoad> {
  const dir = path.join(CACHE_DIR, `scale-${count}`);
  const meta = path.join(dir, 'meta.json');
  // A set cached with another embedder's vectors is built again (the embedder is part of what is measured).
  const saved = existsSync(meta) ? (JSON.parse(await readFile(meta, 'utf8')) as { schema: string; embedder: string }) : undefined;
  const cached = saved?.schema === SCHEMA_FINGERPRINT && saved.embedder === `${embedder.name}/${embedder.dimensions}`;
  if (cached) {
    progress(`scale ${count}: loading the cached set from ${path.relative(process.cwd(), dir)}`);
    const dump = {} as TableDump;
    for (const { table } of TABLES) dump[table] = createReadStream(path.join(dir, `${table}.copy`));
    const restoreStarted = performance.now();
    await restoreTables(database, dump);
    return loadFigures('copy', await embeddedRows(database), restoreStarted);
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'postings.jsonl');
  const started = performance.now();
  progress(`scale ${count}: generating ${count} postings (scripts/generate-demo-data.ts --seed ${SCALE_SEED})`);
  await promisify(execFile)(process.execPath, [
    '--import',
    'tsx',
    path.resolve(BENCH_DIR, '../scripts/generate-demo-data.ts'),
    '--count',
    String(count),
    '--seed',
    String(SCALE_SEED),
    '--out',
    file,
  ]);
  progress(`scale ${count}: ingesting (parse, normalise, skills, embed, load); cached for later runs`);
  const ingestStarted = performance.now();
  let last = 0;
  await ingestFiles({ database, embedder, rejects: createRejectWriter(path.join(dir, 'rejects.jsonl')) }, [file], {
    referenceDate: new Date('2026-10-31T00:00:00Z'),
    indexPolicy: 'keep',
    onProgress: (p) => {
      if (p.rows - last >= 50_000) {
        last = p.rows;
        progress(`scale ${count}: ${p.rows} postings ingested`);
      }
    },
  });
  const ingested = loadFigures('ingest', await embeddedRows(database), ingestStarted);
  const dump = await dumpTables(database);
  for (const { table } of TABLES) await writeFile(path.join(dir, `${table}.copy`), dump[table]);
  const buildSeconds = (performance.now() - started) / 1000;
  await writeFile(
    meta,
    JSON.stringify(
      { count, seed: SCALE_SEED, embedder: `${embedder.name}/${embedder.dimensions}`, schema: SCHEMA_FINGERPRINT, buildSeconds },
      null,
      2,
    ),
  );
  return { ...ingested, buildSeconds };
}

function loadFigures(how: ScaleSetLoad['how'], rows: number, started: number): ScaleSetLoad {
  const seconds = (performance.now() - started) / 1000;
  return { how, rows, seconds, rowsPerSecond: rows / seconds };
}

/** Rows in jobs with an embedding. */
export async function embeddedRows(database: Database): Promise<number> {
  const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from jobs where embedding is not null`);
  return row?.n ?? 0;
}
