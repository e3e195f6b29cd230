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
import type { Embedder } from '../embed/embedder.ts';
import { upsertCompanies } from '../jobs/companies.ts';
import { annualize, contentHash, embeddingText } from '../jobs/derived.ts';
import type { ValidJobInput } from '../jobs/model.ts';
import { upsertSkills } from '../jobs/skills.ts';
import { hashesStoredElsewhere, jobKey, loadBatch, storedHashes, type StagedJob } from './load/staging.ts';
import { normalizePosting } from './normalize/normalize-posting.ts';
import type { RecordOrigin } from './raw-posting.ts';
import { readPostings, type PostingItem, type ReadOptions } from './readers/read-postings.ts';
import type { RejectWriter } from './rejects.ts';
import type { SkillMatcher } from './skills/matcher.ts';
import { emptySummary, type IngestSummary } from './summary.ts';

export interface IngestOptions extends Pick<ReadOptions, 'format' | 'mapping' | 'delimiter'> {
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
  onProgress?: (progress: IngestProgress) => void;
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
  skills: SkillMatcher;
  rejects: RejectWriter;
}

export const DEFAULT_BATCH_SIZE = 1000;

// A load is "large" when it may add this share of the table's rows or more (and at least
// LARGE_LOAD_ROWS): rebuilding an HNSW index once then beats inserting into it row by row.
const LARGE_LOAD_SHARE = 0.2;
const LARGE_LOAD_ROWS = 10_000;
// Rough bytes per posting in the files we have met (NHS JSON-LD ~4 kB, CSV exports 2-4 kB).
const BYTES_PER_POSTING_ESTIMATE = 3000;

interface Candidate {
  job: ValidJobInput;
  skills: { name: string; category: string }[];
  key: string;
  hash: string;
  origin: RecordOrigin;
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
  // A run killed after dropping indexes left their definitions behind: rebuild those first.
  await restoreVectorIndexes(db);
  summary.indexesDropped = await maybeDropIndexes(ctx, files, options);

  const seenKeys = new Set<string>();
  const seenHashes = new Set<string>();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let pendingWrite: Promise<void> = Promise.resolve();

  for (const file of files) {
    const source = options.source ?? sourceNameFor(file);
    let follow = { size: 0, bytesRead: () => 0 };
    let rows = 0;
    let batch: PostingItem[] = [];
    const flush = async () => {
      const candidates = prepare(ctx, batch, source, options, summary, seenKeys, seenHashes);
      batch = [];
      const staged = await stage(ctx, candidates, summary);
      // One write in flight while the next batch is parsed and embedded: on a server the
      // database works on another core meanwhile. Writes stay in order.
      await pendingWrite;
      pendingWrite = write(ctx, staged, summary);
      // Handled when awaited above; this only keeps Node from calling it unhandled meanwhile.
      pendingWrite.catch(() => {});
      options.onProgress?.({ file, rows, bytesRead: follow.bytesRead(), totalBytes: follow.size });
    };
    const reading = readPostings(file, { ...options, onOpen: (p) => (follow = p) });
    for await (const item of reading) {
      rows++;
      batch.push(item);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await pendingWrite;
    options.onProgress?.({ file, rows, bytesRead: follow.size, totalBytes: follow.size });
  }
  await pendingWrite;
  await ctx.rejects.close();

  summary.indexesRebuilt = await restoreVectorIndexes(db);
  await db.execute(sql`analyze jobs, companies, skills, job_skills`);
  summary.seconds = (performance.now() - started) / 1000;
  summary.rejectFile = ctx.rejects.written > 0 ? ctx.rejects.path : null;
  return summary;
}

async function maybeDropIndexes(ctx: IngestContext, files: readonly string[], options: IngestOptions): Promise<string[]> {
  const policy = options.indexPolicy ?? 'auto';
  const { db } = ctx.database;
  if (policy === 'keep' || (await vectorIndexes(db)).length === 0) return [];
  if (policy === 'auto') {
    const bytes = (await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => 0)))).reduce((a, b) => a + b, 0);
    const [row] = await queryRows<{ rows: number }>(
      db,
      sql`select greatest(reltuples, 0)::float as rows from pg_class where oid = 'jobs'::regclass`,
    );
    const incoming = bytes / BYTES_PER_POSTING_ESTIMATE;
    if (incoming < LARGE_LOAD_ROWS || incoming < LARGE_LOAD_SHARE * (row?.rows ?? 0)) return [];
  }
  return dropVectorIndexes(db);
}

/** Normalises a batch, rejecting what cannot be a posting and setting aside in-run duplicates. */
function prepare(
  ctx: IngestContext,
  items: readonly PostingItem[],
  source: string,
  options: IngestOptions,
  summary: IngestSummary,
  seenKeys: Set<string>,
  seenHashes: Set<string>,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const item of items) {
    summary.read++;
    if (item.kind === 'error') {
      summary.rejected++;
      ctx.rejects.write(item.origin, '(record)', item.reason);
      continue;
    }
    const result = normalizePosting(item.raw, {
      source,
      referenceDate: options.referenceDate ?? new Date(),
      defaultCurrency: options.defaultCurrency,
    });
    if (!result.ok) {
      summary.rejected++;
      ctx.rejects.write(item.origin, result.field, result.reason);
      continue;
    }
    const job = result.job as ValidJobInput;
    if (job.salaryFlag) summary.salariesFlagged++;
    const hash = contentHash(job);
    const key = jobKey(job.source, job.externalId ?? hash);
    if (seenKeys.has(key) || seenHashes.has(hash)) {
      summary.duplicates++;
      continue;
    }
    seenKeys.add(key);
    seenHashes.add(hash);
    candidates.push({ job, key, hash, origin: item.origin, skills: ctx.skills.match(job.title, job.description) });
  }
  return candidates;
}

/** Decides per candidate (new, changed, same text, duplicate of a stored posting) and embeds what is new. */
async function stage(ctx: IngestContext, candidates: Candidate[], summary: IngestSummary): Promise<{ rows: StagedJob[]; candidates: Candidate[] }> {
  const { db } = ctx.database;
  const stored = await storedHashes(
    db,
    candidates.map((c) => ({ source: c.job.source, externalId: c.job.externalId ?? c.hash })),
  );
  const elsewhere = await hashesStoredElsewhere(
    db,
    candidates.filter((c) => !stored.has(c.key)).map((c) => c.hash),
  );
  const kept = candidates.filter((c) => stored.has(c.key) || !elsewhere.has(c.hash));
  summary.duplicates += candidates.length - kept.length;
  // Embeddings are cached by content hash: a stored posting with the same text keeps its vector.
  const toEmbed = kept.filter((c) => stored.get(c.key) !== c.hash);
  const vectors = toEmbed.length > 0 ? await ctx.embedder.embed(toEmbed.map((c) => embeddingText(c.job))) : [];
  summary.embedded += vectors.length;
  const vectorOf = new Map(toEmbed.map((c, i) => [c.key, vectors[i]!]));
  return {
    candidates: kept,
    rows: kept.map((c) => stagedJob(c, vectorOf.get(c.key) ?? null)),
  };
}

function stagedJob(c: Candidate, embedding: Float32Array | null): StagedJob {
  const j = c.job;
  const period = j.salaryPeriod ?? null;
  return {
    source: j.source,
    externalId: j.externalId ?? c.hash,
    title: j.title,
    description: j.description,
    companyId: null,
    city: j.city ?? null,
    region: j.region ?? null,
    country: j.country ?? null,
    remoteMode: j.remoteMode ?? null,
    employmentType: j.employmentType ?? null,
    salaryMin: j.salaryMin ?? null,
    salaryMax: j.salaryMax ?? null,
    salaryCurrency: j.salaryCurrency ?? null,
    salaryPeriod: period,
    salaryAnnualMin: j.salaryFlag ? null : annualize(j.salaryMin, period),
    salaryAnnualMax: j.salaryFlag ? null : annualize(j.salaryMax, period),
    salaryText: j.salaryText ?? null,
    salaryFlag: j.salaryFlag ?? null,
    postedAt: j.postedAt ?? null,
    postedApproximate: j.postedApproximate ?? false,
    expiresAt: j.expiresAt ?? null,
    url: j.url ?? null,
    contentHash: c.hash,
    embedding,
    skills: c.skills.map((s) => s.name),
  };
}

/** Writes one batch in one transaction: companies and skills upserted, then the jobs. */
async function write(ctx: IngestContext, staged: { rows: StagedJob[]; candidates: Candidate[] }, summary: IngestSummary): Promise<void> {
  if (staged.rows.length === 0) return;
  await ctx.database.bulkTransaction(async (tx, copy) => {
    const companyIds = await upsertCompanies(tx, staged.candidates.flatMap((c) => (c.job.company ? [c.job.company] : [])));
    await upsertSkills(tx, staged.candidates.flatMap((c) => c.skills));
    staged.candidates.forEach((c, i) => {
      staged.rows[i]!.companyId = c.job.company ? (companyIds.get(c.job.company) ?? null) : null;
    });
    const outcome = await loadBatch(tx, copy, staged.rows);
    summary.inserted += outcome.inserted;
    summary.updated += outcome.updated;
    summary.unchanged += outcome.unchanged;
  });
}
