/**
 * Jobs CRUD, the typed library API behind `jobsight jobs ...` and the HTTP API. Every write is
 * one transaction that includes embedding the text, so a failed embed leaves the old row as it was.
 */
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from '../core/defaults.ts';
import { ConflictError, InvalidInputError, NotFoundError, PG_ERROR, pgErrorCode, UnavailableError } from '../core/errors.ts';
import { JOB_FIELD_NAMES, type Job, JobInput, type ValidJobInput } from '../core/posting.ts';
import { parseInput, text, wholeNumber } from '../core/validation.ts';
import type { Db, Tx } from '../db/database.ts';
import { companies, jobs } from '../db/schema.ts';
import type { Embedder } from '../embed/embedder.ts';
import { upsertCompanies } from './companies.ts';
import { EMBEDDED_FIELDS, embeddingText, storedFields } from './derived.ts';
import { claimJobKeys, startJobWrites } from './job-keys.ts';
import { setJobSkills } from './skills.ts';

/** The one "no such job" error. */
export function jobNotFound(id: number): NotFoundError {
  return new NotFoundError(`no job with id ${id}`, 'List jobs with `jobsight jobs list` (GET /api/jobs), or find one with `jobsight search`.');
}

/**
 * Validates a job at the boundary; the error names the field, the value's problem and the row.
 * 422: the input was read, but the job it describes (a row of a file, a job as changed) is not valid.
 */
export function parseJobInput(input: unknown, where = 'job'): ValidJobInput {
  return parseInput(JobInput, input, { what: where, status: 422 });
}

function columnsFor(job: ValidJobInput, companyId: number | null, embedding: Float32Array) {
  return { ...storedFields(job), companyId, embedding: Array.from(embedding) };
}

async function embedChecked(embedder: Embedder, texts: string[]): Promise<Float32Array[]> {
  const vectors = await embedder.embed(texts);
  if (vectors.length !== texts.length || vectors.some((v) => v.length !== embedder.dimensions)) {
    throw new UnavailableError(`embedder ${embedder.name} returned vectors of the wrong count or length`, { status: 502 });
  }
  return vectors;
}

/**
 * Adds jobs in one transaction: all or none. Companies and skills are upserted.
 *
 * @example const [job] = await addJobs(db, embedder, [{ title: 'Staff Nurse', company: 'NHS Trust' }]);
 */
export async function addJobs(db: Db, embedder: Embedder, inputs: readonly unknown[]): Promise<Job[]> {
  const valid = inputs.map((input, i) => parseJobInput(input, inputs.length > 1 ? `job #${i + 1}` : 'job'));
  if (valid.length === 0) return [];
  const ids = await db.transaction(async (tx) => {
    await claimJobKeys(
      tx,
      valid.map((job) => storedFields(job)),
    );
    const companyIds = await upsertCompanies(
      tx,
      valid.flatMap((j) => (j.company ? [j.company] : [])),
    );
    const vectors = await embedChecked(embedder, valid.map(embeddingText));
    const rows = valid.map((job, i) => columnsFor(job, job.company ? (companyIds.get(job.company) ?? null) : null, vectors[i]!));
    let inserted: { id: number }[];
    try {
      inserted = await tx.insert(jobs).values(rows).returning({ id: jobs.id });
    } catch (e) {
      if (pgErrorCode(e) === PG_ERROR.uniqueViolation) {
        throw new ConflictError('a job with the same source and external id already exists', {
          hint: 'Use `jobsight jobs update ID` to change it, or give a different --external-id.',
          cause: e,
        });
      }
      throw e;
    }
    await setJobSkills(tx, new Map(inserted.flatMap((r, i) => (valid[i]!.skills ? [[r.id, valid[i]!.skills!]] : []))));
    return inserted.map((r) => r.id);
  });
  return findJobs(db, sql`${jobs.id} = any(${sql.param(ids)}::bigint[])`);
}

export async function addJob(db: Db, embedder: Embedder, input: unknown): Promise<Job> {
  const [job] = await addJobs(db, embedder, [input]);
  return job!;
}

export async function getJob(db: Db | Tx, id: number): Promise<Job | undefined> {
  const [job] = await findJobs(db, eq(jobs.id, id));
  return job;
}

async function getJobOrThrow(db: Db | Tx, id: number): Promise<Job> {
  const job = await getJob(db, id);
  if (!job) throw jobNotFound(id);
  return job;
}

/**
 * Changes the given fields; `null` clears an optional field. Re-embeds when the embedded text
 * changes, inside the same transaction.
 */
export async function updateJob(db: Db, embedder: Embedder, id: number, patch: Record<string, unknown>): Promise<Job> {
  await db.transaction(async (tx) => {
    await startJobWrites(tx);
    await tx.execute(sql`select 1 from jobs where id = ${id} for update`);
    const current = await getJobOrThrow(tx, id);
    const merged = mergePatch(current, patch);
    const job = parseJobInput(merged, `update of job ${id}`);
    await claimJobKeys(tx, [storedFields(job)], id);
    const textChanged = EMBEDDED_FIELDS.some((f) => (current[f] ?? undefined) !== (job[f] ?? undefined));
    const companyIds = await upsertCompanies(tx, job.company ? [job.company] : []);
    const companyId = job.company ? (companyIds.get(job.company) ?? null) : null;
    const { embedding, ...columns } = columnsFor(job, companyId, new Float32Array(0));
    const set: Partial<typeof jobs.$inferInsert> = { ...columns, updatedAt: sql`now()` as unknown as Date };
    if (textChanged) {
      const [vector] = await embedChecked(embedder, [embeddingText(job)]);
      set.embedding = Array.from(vector!);
    }
    try {
      await tx.update(jobs).set(set).where(eq(jobs.id, id));
    } catch (e) {
      if (pgErrorCode(e) === PG_ERROR.uniqueViolation) {
        throw new ConflictError(`another job already has source "${job.source}" and external id "${job.externalId}"`, {
          cause: e,
        });
      }
      throw e;
    }
    if ('skills' in patch) await setJobSkills(tx, new Map([[id, job.skills ?? []]]));
  });
  return getJobOrThrow(db, id);
}

const UPDATABLE = new Set(Object.keys(JobInput.shape));

function mergePatch(current: Job, patch: Record<string, unknown>): Record<string, unknown> {
  const unknown = Object.keys(patch).filter((k) => !UPDATABLE.has(k));
  if (unknown.length > 0) {
    throw new InvalidInputError(`cannot update unknown field(s): ${unknown.join(', ')}`, {
      hint: `updatable fields: ${[...UPDATABLE].join(', ')}`,
      status: 422,
    });
  }
  const merged: Record<string, unknown> = {};
  for (const key of UPDATABLE) {
    const value = key in patch ? patch[key] : current[key as keyof Job];
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}

/** Deletes a job and its skill links. Returns false when there was no such job. */
export async function deleteJob(db: Db, id: number): Promise<boolean> {
  const deleted = await db.delete(jobs).where(eq(jobs.id, id)).returning({ id: jobs.id });
  return deleted.length > 0;
}

export const ListOptions = z.strictObject({
  limit: wholeNumber(1, MAX_LIST_LIMIT).default(DEFAULT_LIST_LIMIT).describe(`how many (at most ${MAX_LIST_LIMIT})`),
  offset: wholeNumber(0).default(0).describe('skip this many'),
  source: text(100).optional().describe('only this source'),
  company: text(300).optional().describe('only this company (name as stored, case ignored)'),
});
export type ListOptions = z.input<typeof ListOptions>;

/** Jobs in id order, optionally of one source or company (name as stored, case-insensitive). */
export async function listJobs(db: Db, options: ListOptions = {}): Promise<Job[]> {
  const o = parseInput(ListOptions, options, { what: 'list options' });
  const filters: SQL[] = [sql`true`];
  if (o.source) filters.push(eq(jobs.source, o.source));
  if (o.company) filters.push(sql`lower(${companies.name}) = lower(${o.company})`);
  return findJobs(db, and(...filters)!, o.limit, o.offset);
}

/** Counts used by `db info` and the demo. */
export async function countJobs(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(jobs);
  return row?.n ?? 0;
}

async function findJobs(db: Db | Tx, where: SQL, limit = MAX_LIST_LIMIT, offset = 0): Promise<Job[]> {
  const rows = await db
    .select({
      id: jobs.id,
      ...Object.fromEntries(JOB_FIELD_NAMES.map((field) => [field, jobs[field]])),
      company: companies.name,
      skills: sql<string[]>`coalesce((select array_agg(s.name order by s.name) from job_skills js
                              join skills s on s.id = js.skill_id where js.job_id = ${jobs.id}), '{}')`,
      createdAt: jobs.createdAt,
      updatedAt: jobs.updatedAt,
    })
    .from(jobs)
    .leftJoin(companies, eq(companies.id, jobs.companyId))
    .where(where)
    .orderBy(asc(jobs.id))
    .limit(limit)
    .offset(offset);
  return rows as Job[];
}
