/**
 * Measurement 1, load rate on one file, on the server: Jobsight's end-to-end ingest against
 * ways of loading the very rows it produced:
 * - raw binary COPY into jobs (the limit for this schema: tsvector generated, GIN and b-tree indexes kept),
 * - raw binary COPY into a plain copy of jobs without the full-text column and with no indexes
 *   (what the hybrid-search text index costs at load time),
 * - a LangChain-style loader: PGVectorStore's table (uuid, content, metadata jsonb, embedding)
 *   filled by 500-row multi-row INSERTs with each vector sent as text by pgvector's `toSql`,
 * - ChromaDB add() in batches of 1,000 with documents and the same embeddings (precomputed).
 * A warm-up ingest produces the rows; each run then times every method once, ingest last, so the
 * database ends holding the ingested set for the query measurements, and Chroma's collection
 * `collectionName` the same rows.
 */
import pgvector from 'pgvector';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database } from '../src/db/database.ts';
import type { Embedder } from '../src/embed/embedder.ts';
import { addRows, freshCollection, type ChromaServer } from './lib/chroma.ts';
import { dumpTables, ingestInto, JOB_COLUMNS, plainRows, TRUNCATE_ALL, type PlainRow, type TableDump } from './datasets.ts';
import { progress } from './lib/log.ts';
import { median } from './lib/stats.ts';

/** LangChain's PGVectorStore default chunk size for addVectors. */
const LANGCHAIN_CHUNK = 500;

export interface LoadRateResult {
  rows: number;
  runs: number;
  /** Median rows/s per method. */
  rowsPerSecond: Record<LoadMethod, number | null>;
  /** Median seconds per method. */
  seconds: Record<LoadMethod, number | null>;
}

export type LoadMethod = 'ingest' | 'copy' | 'copyNoTextIndex' | 'langchain' | 'chroma';

async function timeSeconds(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

/** Raw COPY of the dumped jobs rows; companies (and skills) first, untimed, so foreign keys hold. */
async function copyJobs(database: Database, dump: TableDump): Promise<number> {
  await database.db.execute(TRUNCATE_ALL);
  await database.bulkTransaction((_tx, into) => into('companies', ['id', 'name', 'normalized_name', 'created_at'], dump.companies));
  return timeSeconds(() => database.bulkTransaction((_tx, into) => into('jobs', ['id', ...JOB_COLUMNS], dump.jobs)));
}

async function copyPlain(database: Database, dump: TableDump): Promise<number> {
  await database.db.execute(sql`truncate bench_jobs_plain`);
  return timeSeconds(() => database.bulkTransaction((_tx, into) => into('bench_jobs_plain', ['id', ...JOB_COLUMNS], dump.jobs)));
}

/** What LangChain's PGVectorStore.addVectors does: chunks of 500 rows, one multi-row INSERT each. */
async function langchainInsert(client: pg.Client, rows: readonly PlainRow[]): Promise<number> {
  await client.query('truncate langchain_pg_embedding');
  return timeSeconds(async () => {
    for (let i = 0; i < rows.length; i += LANGCHAIN_CHUNK) {
      const chunk = rows.slice(i, i + LANGCHAIN_CHUNK);
      const values: unknown[] = [];
      const tuples = chunk.map((row, j) => {
        values.push(row.content, JSON.stringify(row.metadata), pgvector.toSql(row.embedding));
        return `($${3 * j + 1}, $${3 * j + 2}, $${3 * j + 3})`;
      });
      await client.query(`insert into langchain_pg_embedding (content, metadata, embedding) values ${tuples.join(', ')}`, values);
    }
  });
}

export async function measureLoadRate(options: {
  database: Database;
  bare: pg.Client;
  embedder: Embedder;
  file: string;
  referenceDate?: Date;
  runs: number;
  chroma: ChromaServer | null;
  collectionName: string;
}): Promise<LoadRateResult & { plain: PlainRow[]; dump: TableDump }> {
  const { database, bare, embedder, file, chroma } = options;
  await database.db.execute(sql`create table if not exists bench_jobs_plain (like jobs including defaults excluding identity)`);
  await database.db.execute(sql`alter table bench_jobs_plain drop column if exists search_vector`);
  await bare.query(`create table if not exists langchain_pg_embedding (
    id uuid primary key default gen_random_uuid(), content text, metadata jsonb, embedding vector(${embedder.dimensions}))`);

  progress(`load: warm-up ingest of ${file}`);
  const warm = await ingestInto(database, embedder, file, options.referenceDate);
  const dump = await dumpTables(database);
  const plain = await plainRows(database);
  const rows = warm.inserted;
  if (chroma) {
    // Chroma's warm-up: a first add into a throwaway collection (its server starts cold).
    const warmup = await freshCollection(chroma.client, `${options.collectionName}-warmup`);
    await addRows(warmup, chromaRows(plain.slice(0, 200)));
    await chroma.client.deleteCollection({ name: warmup.name });
  }
  const times: Record<LoadMethod, number[]> = { ingest: [], copy: [], copyNoTextIndex: [], langchain: [], chroma: [] };
  for (let run = 1; run <= options.runs; run++) {
    times.copy.push(await copyJobs(database, dump));
    times.copyNoTextIndex.push(await copyPlain(database, dump));
    times.langchain.push(await langchainInsert(bare, plain));
    if (chroma) {
      const collection = await freshCollection(chroma.client, options.collectionName);
      times.chroma.push(await timeSeconds(() => addRows(collection, chromaRows(plain))));
    }
    times.ingest.push(await timeSeconds(() => ingestInto(database, embedder, file, options.referenceDate)));
    const rate = (s: number[]) => (s.length ? Math.round(rows / s[s.length - 1]!) : '-');
    progress(
      `load run ${run}/${options.runs}: ingest ${rate(times.ingest)}, COPY ${rate(times.copy)}, COPY w/o text index ${rate(times.copyNoTextIndex)}, ` +
        `LangChain-style ${rate(times.langchain)}, Chroma ${rate(times.chroma)} rows/s`,
    );
  }
  await database.db.execute(sql`drop table bench_jobs_plain`);
  await bare.query('drop table langchain_pg_embedding');
  const seconds = {} as Record<LoadMethod, number | null>;
  const rowsPerSecond = {} as Record<LoadMethod, number | null>;
  for (const method of Object.keys(times) as LoadMethod[]) {
    seconds[method] = times[method].length ? median(times[method]) : null;
    rowsPerSecond[method] = seconds[method] === null ? null : rows / seconds[method]!;
  }
  return { rows, runs: options.runs, seconds, rowsPerSecond, plain, dump };
}

/** Chroma's rows: the same documents and vectors, with the metadata a filter would use. */
export function chromaRows(plain: readonly PlainRow[]) {
  return plain.map((r) => ({
    id: r.key,
    document: r.content,
    embedding: r.embedding,
    metadata: { country: String(r.metadata.country ?? ''), remoteMode: String(r.metadata.remoteMode ?? '') },
  }));
}
