/**
 * The embedding queue's statements. Rows are put there by triggers on jobs (migration 0004);
 * workers claim, complete and fail them here.
 *
 * A claim is a lease, not a lock held while the provider answers: `FOR UPDATE SKIP LOCKED` makes
 * concurrent claims take disjoint rows, and the lease (`claimed_until`, `claimed_by`) makes other
 * workers skip them afterwards, so no transaction stays open during a slow HTTP call (on PGlite an
 * open transaction would hold the only connection). A vector is stored only if the posting's queue
 * row still has the version and claimant of the claim: a text changed meanwhile has a new version,
 * and its vector comes from the next claim instead.
 */
import { sql } from 'drizzle-orm';
import { PENDING_COUNT_MAX_AGE_MS } from '../core/defaults.ts';
import { queryRows, type Db } from '../db/database.ts';
import { storedTexts } from '../jobs/stored-texts.ts';

export interface Claimed {
  jobId: number;
  version: number;
  text: string;
}

interface ClaimOptions {
  worker: string;
  limit: number;
  leaseSeconds: number;
}

/**
 * Claims up to `limit` postings never tried before, oldest first; when there are none, one posting
 * that failed before (alone, so that one text a provider refuses cannot fail its neighbours again).
 */
export async function claimBatch(db: Db, options: ClaimOptions): Promise<Claimed[]> {
  const fresh = await claim(db, options, sql`q.attempts = 0`);
  const claimed = fresh.length > 0 ? fresh : await claim(db, { ...options, limit: 1 }, sql`q.attempts > 0`);
  if (claimed.length === 0) return [];
  const rows = await storedTexts(db, sql`j.id = any(${sql.param(claimed.map((c) => c.jobId))}::bigint[])`);
  const texts = new Map(rows.map((r) => [r.id, r.text]));
  // A posting deleted since the claim has no row (its queue row went with it).
  return claimed.flatMap((c) => (texts.has(c.jobId) ? [{ ...c, text: texts.get(c.jobId)! }] : []));
}

async function claim(
  db: Db,
  { worker, limit, leaseSeconds }: ClaimOptions,
  which: ReturnType<typeof sql>,
): Promise<{ jobId: number; version: number }[]> {
  const rows = await queryRows<{ jobId: string | number; version: string | number }>(
    db,
    sql`with picked as (
          select q.job_id from embedding_queue q
          where q.failed_at is null and q.next_attempt_at <= now()
            and (q.claimed_until is null or q.claimed_until < now()) and ${which}
          order by q.queued_at, q.job_id
          limit ${limit}
          for update skip locked
        )
        update embedding_queue q
        set attempts = q.attempts + 1, claimed_until = now() + make_interval(secs => ${leaseSeconds}), claimed_by = ${worker}
        from picked where q.job_id = picked.job_id
        returning q.job_id as "jobId", q.version`,
  );
  return rows.map((r) => ({ jobId: Number(r.jobId), version: Number(r.version) }));
}

/**
 * Stores the vectors of a claim whose queue rows are still this worker's at the claimed version,
 * and takes them off the queue, in one transaction. Returns how many were stored (the others
 * changed meanwhile and are queued again).
 */
export async function completeBatch(db: Db, worker: string, claimed: readonly Claimed[], vectors: readonly Float32Array[]): Promise<number> {
  if (claimed.length === 0) return 0;
  const ids = claimed.map((c) => c.jobId);
  return db
    .transaction(async (tx) => {
      // The postings first, in id order, as an UPDATE of their text locks them first: a writer
      // changing a text at the same moment waits for us (or we for it) instead of deadlocking.
      await tx.execute(sql`select id from jobs where id = any(${sql.param(ids)}::bigint[]) order by id for no key update`);
      const stored = await queryRows<{ id: string | number }>(
        tx,
        sql`with done as (
            delete from embedding_queue q
            using unnest(${sql.param(ids)}::bigint[], ${sql.param(claimed.map((c) => c.version))}::bigint[]) as c(job_id, version)
            where q.job_id = c.job_id and q.version = c.version and q.claimed_by = ${worker}
            returning q.job_id
          )
          update jobs set embedding = v.embedding::vector
          from unnest(${sql.param(ids)}::bigint[], ${sql.param(vectors.map((v) => `[${v.join(',')}]`))}::text[]) as v(id, embedding)
          where jobs.id = v.id and jobs.id in (select job_id from done)
          returning jobs.id`,
      );
      return stored.length;
    })
    .finally(pendingChanged);
}

/**
 * Records a failed attempt: the error, and the next attempt after an exponential backoff
 * (retryDelaySeconds × 2^(attempts − 1), at most maxRetryDelaySeconds), or gives up on postings
 * that had maxAttempts. Rows no longer this worker's claim (requeued by a change) are left alone.
 */
export async function failBatch(
  db: Db,
  worker: string,
  claimed: readonly Claimed[],
  error: string,
  policy: { maxAttempts: number; retryDelaySeconds: number; maxRetryDelaySeconds: number },
): Promise<{ retrying: number; failed: number }> {
  if (claimed.length === 0) return { retrying: 0, failed: 0 };
  const rows = await queryRows<{ failed: boolean }>(
    db,
    sql`update embedding_queue
        set last_error = ${error.slice(0, 2000)}, claimed_until = null, claimed_by = null,
            next_attempt_at = now() + make_interval(secs => least(${policy.retryDelaySeconds}::float8 * 2 ^ (attempts - 1), ${policy.maxRetryDelaySeconds}::float8)),
            failed_at = case when attempts >= ${policy.maxAttempts} then now() end
        where job_id = any(${sql.param(claimed.map((c) => c.jobId))}::bigint[]) and claimed_by = ${worker}
        returning failed_at is not null as failed`,
  );
  const failed = rows.filter((r) => r.failed).length;
  return { retrying: rows.length - failed, failed };
}

/** Hands claims back untouched (a worker stopping): they count no attempt and are claimable at once. */
export async function releaseBatch(db: Db, worker: string, claimed: readonly Claimed[]): Promise<void> {
  if (claimed.length === 0) return;
  await db.execute(
    sql`update embedding_queue set claimed_until = null, claimed_by = null, attempts = greatest(attempts - 1, 0)
        where job_id = any(${sql.param(claimed.map((c) => c.jobId))}::bigint[]) and claimed_by = ${worker}`,
  );
}

/** When the next posting that is waiting out a backoff becomes claimable, if any is (claims of other workers not counted). */
export async function nextRetryAt(db: Db): Promise<Date | null> {
  const [row] = await queryRows<{ at: Date | string | null }>(
    db,
    sql`select min(next_attempt_at) as at from embedding_queue
        where failed_at is null and (claimed_until is null or claimed_until < now())`,
  );
  return row?.at ? new Date(row.at) : null;
}

/** Puts postings the workers gave up on back in the queue, with their attempts reset. Returns how many. */
export async function retryFailed(db: Db): Promise<number> {
  const rows = await queryRows(
    db,
    sql`update embedding_queue set failed_at = null, attempts = 0, next_attempt_at = now(), claimed_until = null, claimed_by = null
        where failed_at is not null returning job_id`,
  );
  return rows.length;
}

/** Postings without an embedding yet (the queue holds exactly those). */
export async function pendingCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from embedding_queue`);
  return row?.n ?? 0;
}

/** pendingCount of a database handle as counted at `at` (ms), while it is younger than PENDING_COUNT_MAX_AGE_MS. */
const recentCounts = new WeakMap<Db, { at: number; generation: number; count: Promise<number> }>();
/** Bumped by pendingChanged: counts made before are stale. */
let generation = 0;

/**
 * What searches report as `pending`: pendingCount at most PENDING_COUNT_MAX_AGE_MS old, counted
 * once for every search in that time (a count per search was the largest cost of a search served
 * over HTTP after the search itself), and counted again after this process changed the queue
 * (pendingChanged). Another process's writes show once the count is that old.
 */
export function recentPendingCount(db: Db): Promise<number> {
  const now = performance.now();
  const known = recentCounts.get(db);
  if (known && known.generation === generation && now - known.at < PENDING_COUNT_MAX_AGE_MS) return known.count;
  const count = pendingCount(db);
  const entry = { at: now, generation, count };
  recentCounts.set(db, entry);
  count.catch(() => {
    if (recentCounts.get(db) === entry) recentCounts.delete(db);
  });
  return count;
}

/** Forgets every recentPendingCount: call after this process may have changed the queue (a write to jobs, a stored batch). */
export function pendingChanged(): void {
  generation++;
}
