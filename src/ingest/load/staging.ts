/**
 * Loading one batch: binary COPY into a temporary staging table, then one INSERT ... ON CONFLICT
 * into jobs and one statement for the skills, all in the caller's transaction.
 */
import { sql } from 'drizzle-orm';
import { columnName, type CopyType, JOB_FIELD_NAMES, JOB_FIELDS, type JobField } from '../../core/posting.ts';
import { type CopyValue, encodeBinaryCopy } from '../../db/binary-copy.ts';
import { queryRows, type CopyInto, type Db } from '../../db/database.ts';
import { PG_ERROR, pgErrorCode } from '../../core/errors.ts';
import type { StoredFields } from '../../jobs/derived.ts';

/** A job ready to load: everything normalised, company resolved to an id, text embedded or not. */
export interface StagedJob extends StoredFields {
  companyId: number | null;
  /** null: the stored job has this very text already, so its embedding is kept. */
  embedding: Float32Array | null;
  skills: readonly string[];
  /** The key was stored when the batch was staged; false: the row is new and is copied straight into jobs. */
  existing: boolean;
}

const SQL_TYPE: Record<CopyType, string> = {
  text: 'text',
  int8: 'bigint',
  float8: 'float8',
  numeric: 'numeric(12, 2)',
  date: 'date',
  bool: 'boolean',
  vector: 'vector',
};

// Field, column name, COPY type and the staging table's SQL type, in COPY order: the posting's
// fields (core/posting.ts), then the company and the embedding.
const COLUMNS: [keyof StagedJob, string, CopyType, string][] = [
  ...JOB_FIELD_NAMES.map((field): [JobField, CopyType] => [field, JOB_FIELDS[field].copy]),
  ['companyId', 'int8'] as const,
  ['embedding', 'vector'] as const,
].map(([field, type]) => [field, columnName(field), type, SQL_TYPE[type]]);

const STAGING = 'jobs_staging';
// Skill names never contain a line break, so one text column carries the list through COPY.
const SKILL_SEPARATOR = '\n';

/** The columns jobs gets from staging; the ones that decide whether a row changed. */
const JOB_COLUMNS = COLUMNS.map((c) => c[1]).filter((c) => c !== 'source' && c !== 'external_id');

export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Loads `rows` into jobs (insert new, update changed, leave identical ones untouched) and sets
 * their skills. Keys (source, external_id) must be unique within `rows`. `keysLocked`: the
 * database has no unique index on the key (Citus, see db/citus.ts) and the caller holds the
 * keys' locks (jobs/job-keys.ts), so `existing` is certain and rows are inserted or updated as it says.
 */
export async function loadBatch(tx: Db, copy: CopyInto, rows: readonly StagedJob[], keysLocked = false): Promise<BatchOutcome> {
  const fresh = rows.filter((r) => !r.existing);
  const upsert = rows.filter((r) => r.existing);
  let inserted = 0;
  if (fresh.length > 0) {
    if (await copyNewJobs(tx, copy, fresh)) inserted = fresh.length;
    else upsert.push(...fresh);
  }
  const outcome = keysLocked ? await updateThroughStaging(tx, copy, upsert) : await upsertThroughStaging(tx, copy, upsert);
  return { ...outcome, inserted: outcome.inserted + inserted };
}

/**
 * Rows that were not stored when the batch was staged go straight into jobs with one binary
 * COPY, the fastest write there is. If another writer stored one of their keys meanwhile, the
 * COPY fails on the unique key; the savepoint undoes it and the caller upserts them instead.
 */
async function copyNewJobs(tx: Db, copy: CopyInto, rows: readonly StagedJob[]): Promise<boolean> {
  await tx.execute(sql`savepoint copy_new_jobs`);
  try {
    await copy(
      'jobs',
      COLUMNS.map((c) => c[1]),
      encodeBinaryCopy(
        COLUMNS.map((c) => c[2]),
        rows.map((row) => COLUMNS.map((c) => row[c[0]] as CopyValue)),
      ),
    );
  } catch (e) {
    if (pgErrorCode(e) !== PG_ERROR.uniqueViolation) throw e;
    await tx.execute(sql`rollback to savepoint copy_new_jobs`);
    return false;
  }
  await tx.execute(sql`release savepoint copy_new_jobs`);
  await tx.execute(
    sql`insert into job_skills (job_id, skill_id)
        select distinct j.id, s.id
        from unnest(${sql.param(rows.map((r) => r.source))}::text[], ${sql.param(rows.map((r) => r.externalId))}::text[],
                    ${sql.param(rows.map((r) => r.skills.join(SKILL_SEPARATOR)))}::text[]) as k(source, external_id, skills)
        join jobs j on j.source = k.source and j.external_id = k.external_id
        cross join lateral unnest(string_to_array(k.skills, ${SKILL_SEPARATOR})) as n(name)
        join skills s on s.name = n.name
        on conflict do nothing`,
  );
  return true;
}

/** Copies `rows` with their skill lists into the transaction's temporary staging table. */
async function stage(tx: Db, copy: CopyInto, rows: readonly StagedJob[]): Promise<void> {
  await tx.execute(
    sql.raw(`create temp table if not exists ${STAGING} (${COLUMNS.map((c) => `${c[1]} ${c[3]}`).join(', ')}, skills text) on commit delete rows`),
  );
  const payload = encodeBinaryCopy(
    [...COLUMNS.map((c) => c[2]), 'text'],
    rows.map((row) => [...COLUMNS.map((c) => row[c[0]] as CopyValue), row.skills.join(SKILL_SEPARATOR)]),
  );
  await copy(STAGING, [...COLUMNS.map((c) => c[1]), 'skills'], payload);
}

// Rows whose every column is already as staged are left alone and count as unchanged.
const CHANGED_COLUMNS = JOB_COLUMNS.filter((c) => c !== 'embedding');
const SET_COLUMNS = (from: string) =>
  JOB_COLUMNS.map((c) => (c === 'embedding' ? `embedding = coalesce(${from}.embedding, jobs.embedding)` : `${c} = ${from}.${c}`)).join(',\n        ');
const DIFFERS = (from: string) =>
  `(${CHANGED_COLUMNS.map((c) => `jobs.${c}`).join(', ')}) is distinct from (${CHANGED_COLUMNS.map((c) => `${from}.${c}`).join(', ')})`;

async function upsertThroughStaging(tx: Db, copy: CopyInto, rows: readonly StagedJob[]): Promise<BatchOutcome> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  await stage(tx, copy, rows);
  // xmax = 0 tells a freshly inserted row from an updated one; unchanged rows are skipped by the
  // WHERE and not returned at all.
  const changed = await queryRows<{ id: number; inserted: boolean }>(
    tx,
    sql.raw(`
      insert into jobs (source, external_id, ${JOB_COLUMNS.join(', ')})
      select source, external_id, ${JOB_COLUMNS.join(', ')} from ${STAGING}
      on conflict (source, external_id) do update set
        ${SET_COLUMNS('excluded')},
        updated_at = now()
      where ${DIFFERS('excluded')}
      returning id, (xmax = 0) as inserted`),
  );
  const changedIds = changed.map((r) => Number(r.id));
  if (changedIds.length > 0) await setStagedSkills(tx, changedIds);
  const inserted = changed.filter((r) => r.inserted).length;
  return { inserted, updated: changed.length - inserted, unchanged: rows.length - changed.length };
}

/**
 * Without a unique index on the key there is no ON CONFLICT: rows known to be stored (under the
 * keys' locks) are updated where they changed, joined to the staging table by key.
 */
async function updateThroughStaging(tx: Db, copy: CopyInto, rows: readonly StagedJob[]): Promise<BatchOutcome> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  await stage(tx, copy, rows);
  const changed = await queryRows<{ id: number }>(
    tx,
    sql.raw(`
      update jobs set
        ${SET_COLUMNS('st')},
        updated_at = now()
      from ${STAGING} st
      where jobs.source = st.source and jobs.external_id = st.external_id and ${DIFFERS('st')}
      returning jobs.id`),
  );
  const changedIds = changed.map((r) => Number(r.id));
  if (changedIds.length > 0) await setStagedSkills(tx, changedIds);
  return { inserted: 0, updated: changed.length, unchanged: rows.length - changed.length };
}

/** Replaces the skills of the changed jobs with the staged lists (skills were upserted before). */
async function setStagedSkills(tx: Db, jobIds: number[]): Promise<void> {
  await tx.execute(sql`delete from job_skills where job_id = any(${sql.param(jobIds)}::bigint[])`);
  await tx.execute(
    sql`insert into job_skills (job_id, skill_id)
        select distinct j.id, s.id
        from ${sql.raw(STAGING)} st
        join jobs j on j.source = st.source and j.external_id = st.external_id
        cross join lateral unnest(string_to_array(st.skills, ${SKILL_SEPARATOR})) as k(name)
        join skills s on s.name = k.name
        where j.id = any(${sql.param(jobIds)}::bigint[])
        on conflict do nothing`,
  );
}

// Advisory lock namespace for content hashes ("JS" + 1), and how many buckets hashes fall in.
// A lock per bucket rather than per hash: a batch of 100,000 postings would otherwise take
// 100,000 locks and overflow the server's lock table (max_locks_per_transaction 64 by default).
const CONTENT_LOCK_SPACE = 0x4a5301;
const CONTENT_LOCK_BUCKETS = 64;

/**
 * Makes writers of the same content take turns: locks, until the transaction ends, the buckets
 * of these content hashes, in ascending order so that two writers cannot deadlock. A writer
 * that checks for duplicates after this sees every row of a writer that held a bucket before it.
 */
export async function lockContentHashes(tx: Db, hashes: readonly string[]): Promise<void> {
  const buckets = [...new Set(hashes.map((h) => Number.parseInt(h.slice(0, 8), 16) % CONTENT_LOCK_BUCKETS))].sort((a, b) => a - b);
  if (buckets.length === 0) return;
  // unnest keeps the array's order; the locks are taken in it.
  await tx.execute(sql`select pg_advisory_xact_lock(${CONTENT_LOCK_SPACE}, b) from unnest(${sql.param(buckets)}::int[]) as b`);
}

/** How each key of a batch stands in the database: absent, or present with this content hash. */
export async function storedHashes(tx: Db, keys: readonly { source: string; externalId: string }[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await queryRows<{ source: string; externalId: string; contentHash: string }>(
    tx,
    sql`select j.source, j.external_id as "externalId", j.content_hash as "contentHash"
        from jobs j
        join unnest(${sql.param(keys.map((k) => k.source))}::text[], ${sql.param(keys.map((k) => k.externalId))}::text[]) as k(source, external_id)
          on j.source = k.source and j.external_id = k.external_id`,
  );
  return new Map(rows.map((r) => [jobKey(r.source, r.externalId), r.contentHash]));
}

/** Content hashes of the batch already stored under another key: exact duplicates. */
export async function hashesStoredElsewhere(tx: Db, hashes: readonly string[]): Promise<Map<string, string>> {
  if (hashes.length === 0) return new Map();
  const rows = await queryRows<{ contentHash: string; key: string }>(
    tx,
    sql`select distinct on (content_hash) content_hash as "contentHash", source || E'\\x1f' || external_id as key
        from jobs where content_hash = any(${sql.param([...hashes])}::text[])
        order by content_hash, id`,
  );
  return new Map(rows.map((r) => [r.contentHash, r.key]));
}

/** One string for a (source, external id) pair; the unit separator cannot occur in either. */
export function jobKey(source: string, externalId: string): string {
  return `${source}\x1f${externalId}`;
}
