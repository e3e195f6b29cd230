/**
 * `jobsight ingest`: read → normalise → extract skills → deduplicate → embed → load, in batches
 * that are each one transaction. Nothing is dropped silently: every record read ends up
 * inserted, updated, unchanged, a duplicate, or rejected (with file:line, field and reason).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database.ts';
import { dropVectorIndexes, restoreVectorIndexes, vectorIndexes } from '../db/vector-indexes.ts';
import { mergeTextIndexPendingList } from '../db/text-index.ts';
import type { Embedder } from '../embed/embedder.ts';
import { retryOnLostConnection, type RetryPolicy } from '../db/retry.ts';
import { connectionLostMessage, isUnavailable, JobsightError } from '../core/errors.ts';
import { DEFAULT_BATCH_SIZE } from '../core/defaults.ts';
import { createCpuPool, defaultThreads } from './cpu-pool.ts';
import { embedAhead, writeBatch, type Candidate, type WriteOutcome } from './load/write-batch.ts';
import type { Prepared } from './prepare.ts';
import { readPostings, type PostingItem, type ReadOptions } from './readers/read-postings.ts';
import type { RejectWriter } from './rejects.ts';
import { emptySummary, type IngestSummary } from './summary.ts';

export interface IngestOptions extends Pick<ReadOptions, 'format' | 'mapping' | 'delimiter' | 'encoding'> {
  /** Name of the source the postings come from; default: the file name without extensions. */
  source?: string;
  /** Date that relative dates ("30+ days ago") count back from; default: now. */
  referenceDate?: Date;
  /** Currency of salaries written with a bare "$" or none. */
  defaultCurrency?: string;
  /** Postings per transaction. */
  batchSize?: number;
  /**
   * Vector indexes during the load: `auto` drops and rebuilds them when the load is large
   * compared with the table, `rebuild` always does, `keep` never does.
   */
  indexPolicy?: 'auto' | 'keep' | 'rebuild';
  /**
   * `now` (default) embeds each batch before it is written; `later` loads at COPY speed without
   * vectors and leaves the new and changed postings in the embedding queue for `jobsight embed`.
   */
  embed?: 'now' | 'later';
  /** Worker threads for parsing, skills and the built-in embedders; 0 runs them inline. Default: one per core, none for inputs of about two batches or less. */
  threads?: number;
  onProgress?: (progress: IngestProgress) => void;
  /**
   * How a batch that lost its database connection is retried (each batch is one transaction,
   * so running it again is safe). Default LOST_CONNECTION_RETRY: 6 retries over about 13 s.
   */
  retry?: RetryPolicy;
  /** Told before each retry: which attempt failed and the driver's words. */
  onRetry?: (event: { attempt: number; reason: string }) => void;
  /** The command that resumes this ingest, for the message when it stops (default: "the same command"). */
  resumeCommand?: string;
}

export interface IngestProgress {
  file: string;
  rows: number;
  bytesRead: number;
  totalBytes: number;
}

export interface IngestContext {
  database: Database;
  embedder: Embedder;
  rejects: RejectWriter;
  /** The user's own skills taxonomy, added to the built-in one. */
  taxonomyFile?: string;
}

export { DEFAULT_BATCH_SIZE };

// A load is "large" when it may add this share of the table's rows or more (and at least
// LARGE_LOAD_ROWS): rebuilding an HNSW index once then beats inserting into it row by row.
const LARGE_LOAD_SHARE = 0.2;
const LARGE_LOAD_ROWS = 10_000;
// Rough bytes per posting in the files we have met (NHS JSON-LD ~4 kB, CSV exports 2-4 kB).
const BYTES_PER_POSTING_ESTIMATE = 3000;
// Batches handed to worker threads before the oldest is written: enough to keep every worker
// busy while the database writes, few enough to keep memory flat.
const MAX_BATCHES_AHEAD = 3;

// Inputs of at most this many batches (by BYTES_PER_POSTING_ESTIMATE) run without worker threads
// by default: starting them (each loads tsx, the modules and the taxonomy) costs more than they
// save on one or two batches (NHS, 1,000 postings: 12-15 s inline against 23-29 s with 2 workers).
const SMALL_INPUT_BATCHES = 2;

/** Bytes in the files on disk (compressed size for .gz); a file that cannot be read counts 0 here and fails when read. */
async function totalBytes(files: readonly string[]): Promise<number> {
  return (
    await Promise.all(
      files.map((f) =>
        stat(f).then(
          (s) => s.size,
          () => 0,
        ),
      ),
    )
  ).reduce((a, b) => a + b, 0);
}

/** The default source name for a file: `data/glassdoor_jobs.csv.gz` → `glassdoor_jobs`. */
export function sourceNameFor(file: string): string {
  return path.basename(file).replace(/(\.(gz|csv|tsv|jsonl|ndjson|json|txt))+$/i, '');
}

/**
 * Ingests files one after another; returns the summary whose counts add up to the records read.
 *
 * @example const summary = await ingestFiles(ctx, ['postings.jsonl'], { referenceDate: new Date('2020-11-30') });
 */
export async function ingestFiles(ctx: IngestContext, files: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const summary = emptySummary(files);
  const { db } = ctx.database;
  const retry = <T>(fn: () => Promise<T>) =>
    retryOnLostConnection(fn, {
      policy: options.retry,
      onRetry: (error, attempt) => options.onRetry?.({ attempt, reason: connectionLostMessage(error) }),
    });
  // What is safely stored so far, for the message if the database goes away for good.
  const done = { batches: 0, records: 0 };
  try {
    // A run killed after dropping indexes left their definitions behind: rebuild those first.
    await retry(() => restoreVectorIndexes(db));
    summary.indexesDropped = await retry(() => maybeDropIndexes(ctx, files, options));
    await loadFiles(ctx, files, options, summary, done, retry);
    summary.indexesRebuilt = await retry(() => restoreVectorIndexes(db));
    // One table per statement: Citus refuses one ANALYZE of distributed and reference tables together.
    for (const table of ['jobs', 'companies', 'skills', 'job_skills']) await retry(() => db.execute(sql`analyze ${sql.identifier(table)}`));
    await retry(() => mergeTextIndexPendingList(db));
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    const retries = (options.retry ?? { retries: 6 }).retries;
    throw new JobsightError(
      `lost the connection to the database (${connectionLostMessage(error)}) and it did not come back after ${retries} retries; ` +
        `${done.batches.toLocaleString('en-US')} batch(es) of this run (${done.records.toLocaleString('en-US')} records) were loaded whole, nothing half-written; ` +
        `to resume once it is back, run: ${options.resumeCommand ?? 'the same command again'}`,
      { status: 503, cause: error },
    );
  }
  summary.seconds = (performance.now() - started) / 1000;
  summary.rejectFile = ctx.rejects.written > 0 ? ctx.rejects.path : null;
  return summary;
}

type Retry = <T>(fn: () => Promise<T>) => Promise<T>;

/** Reads, prepares and writes every file, batch by batch, each batch written (and retried) whole. */
async function loadFiles(
  ctx: IngestContext,
  files: readonly string[],
  options: IngestOptions,
  summary: IngestSummary,
  done: { batches: number; records: number },
  retry: Retry,
): Promise<void> {
  const { db } = ctx.database;
  const seenKeys = new Set<string>();
  const seenHashes = new Set<string>();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const bytes = await totalBytes(files);
  const small = bytes <= SMALL_INPUT_BATCHES * batchSize * BYTES_PER_POSTING_ESTIMATE;
  const threads = options.threads ?? (small ? 0 : defaultThreads());
  const pool = await createCpuPool({ threads, embedder: ctx.embedder, taxonomyFile: ctx.taxonomyFile });
  let pendingWrite: Promise<void> = Promise.resolve();
  try {
    for (const file of files) {
      const prepareOptions = {
        source: options.source ?? sourceNameFor(file),
        referenceDate: (options.referenceDate ?? new Date()).getTime(),
        defaultCurrency: options.defaultCurrency,
      };
      let follow = { size: 0, bytesRead: () => 0 };
      let rows = 0;
      // Batches being prepared on worker threads, oldest first; they are staged and written in order.
      const ahead: { prepared: Promise<Prepared[]>; rows: number; bytes: number }[] = [];
      const settleOldest = async () => {
        const oldest = ahead.shift()!;
        const prepared = await oldest.prepared;
        const candidates = account(ctx, prepared, summary, seenKeys, seenHashes);
        const embed = options.embed === 'later' ? 'later' : pool.embed;
        const vectors = await retry(() => embedAhead(db, embed, candidates));
        // One write in flight while later batches are prepared: writes stay in order.
        await pendingWrite;
        pendingWrite = retry(() => writeBatch(ctx.database, embed, candidates, vectors)).then((outcome) => {
          addOutcome(summary, outcome);
          done.batches++;
          done.records += prepared.length;
        });
        // Handled when awaited; this only keeps Node from calling it unhandled meanwhile.
        pendingWrite.catch(() => {});
        options.onProgress?.({ file, rows: oldest.rows, bytesRead: oldest.bytes, totalBytes: follow.size });
      };
      let batch: PostingItem[] = [];
      const submit = async () => {
        const prepared = pool.prepare(batch, prepareOptions);
        // If the ingest stops early, the pool is destroyed and batches still on workers fail with
        // piscina's "Terminating worker thread": that is not news, and must not surface as an
        // unhandled rejection that hides the real cause.
        prepared.catch(() => {});
        ahead.push({ prepared, rows, bytes: follow.bytesRead() });
        batch = [];
        if (ahead.length > MAX_BATCHES_AHEAD) await settleOldest();
      };
      const onWarning = (message: string) => summary.warnings.push(message);
      for await (const item of readPostings(file, { ...options, onWarning, onOpen: (p) => (follow = p) })) {
        rows++;
        batch.push(item);
        if (batch.length >= batchSize) await submit();
      }
      if (batch.length > 0) await submit();
      while (ahead.length > 0) await settleOldest();
      await pendingWrite;
      options.onProgress?.({ file, rows, bytesRead: follow.size, totalBytes: follow.size });
    }
    await pendingWrite;
  } finally {
    await pool.close();
    await ctx.rejects.close();
  }
}

function addOutcome(summary: IngestSummary, outcome: WriteOutcome): void {
  summary.inserted += outcome.inserted;
  summary.updated += outcome.updated;
  summary.unchanged += outcome.unchanged;
  summary.duplicates += outcome.duplicates;
  summary.embedded += outcome.embedded;
}

async function maybeDropIndexes(ctx: IngestContext, files: readonly string[], options: IngestOptions): Promise<string[]> {
  const policy = options.indexPolicy ?? 'auto';
  const { db } = ctx.database;
  if (policy === 'keep' || (await vectorIndexes(db)).length === 0) return [];
  if (policy === 'auto') {
    const bytes = await totalBytes(files);
    const [row] = await queryRows<{ rows: number }>(db, sql`select greatest(reltuples, 0)::float as rows from pg_class where oid = 'jobs'::regclass`);
    const incoming = bytes / BYTES_PER_POSTING_ESTIMATE;
    if (incoming < LARGE_LOAD_ROWS || incoming < LARGE_LOAD_SHARE * (row?.rows ?? 0)) return [];
  }
  return dropVectorIndexes(db);
}

/** Counts a prepared batch: rejects go to the reject file, repeats within this run are duplicates. */
function account(
  ctx: IngestContext,
  prepared: readonly Prepared[],
  summary: IngestSummary,
  seenKeys: Set<string>,
  seenHashes: Set<string>,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const p of prepared) {
    summary.read++;
    if (p.kind === 'rejected') {
      summary.rejected++;
      ctx.rejects.write(p.origin, p.field, p.reason);
      continue;
    }
    if (p.job.salaryFlag) summary.salariesFlagged++;
    if (p.flags.length > 0) {
      summary.flagged++;
      summary.flaggedValues += p.flags.length;
      for (const flag of p.flags) {
        const colon = flag.indexOf(': ');
        ctx.rejects.write(p.origin, colon > 0 ? flag.slice(0, colon) : 'posting', colon > 0 ? flag.slice(colon + 2) : flag, 'flagged');
      }
    }
    if (seenKeys.has(p.key) || seenHashes.has(p.hash)) {
      summary.duplicates++;
      continue;
    }
    seenKeys.add(p.key);
    seenHashes.add(p.hash);
    candidates.push(p);
  }
  return candidates;
}
