/** `jobsight embed --status`: what the embedding queue holds, and the latest failures. */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';

export interface QueueStatus {
  /** Postings in the database. */
  postings: number;
  /** Postings with an embedding. */
  embedded: number;
  /** Postings without one: every row of the queue (the sum of the next four). */
  pending: number;
  /** Claimable now or after their backoff, never tried. */
  waiting: number;
  /** Claimed by a worker whose lease runs. */
  inProgress: number;
  /** Tried and failed at least once, to be tried again. */
  retrying: number;
  /** Given up on after the most attempts (`embed --retry-failed` queues them again). */
  failed: number;
  /** When the posting waiting longest was queued. */
  oldestQueuedAt: string | null;
  /** The most frequent errors of postings retrying or failed, with how many postings each. */
  errors: { error: string; postings: number }[];
}

export async function queueStatus(db: Db): Promise<QueueStatus> {
  const [counts] = await queryRows<Omit<QueueStatus, 'errors' | 'postings' | 'embedded' | 'oldestQueuedAt'> & { oldest: Date | string | null }>(
    db,
    sql`select count(*)::int as pending,
               count(*) filter (where failed_at is null and claimed_until >= now())::int as "inProgress",
               count(*) filter (where failed_at is null and (claimed_until is null or claimed_until < now()) and attempts = 0)::int as waiting,
               count(*) filter (where failed_at is null and (claimed_until is null or claimed_until < now()) and attempts > 0)::int as retrying,
               count(*) filter (where failed_at is not null)::int as failed,
               min(queued_at) as oldest
        from embedding_queue`,
  );
  const [jobs] = await queryRows<{ postings: number; embedded: number }>(
    db,
    sql`select count(*)::int as postings, count(embedding)::int as embedded from jobs`,
  );
  const errors = await queryRows<{ error: string; postings: number }>(
    db,
    sql`select last_error as error, count(*)::int as postings from embedding_queue
        where last_error is not null group by last_error order by count(*) desc, last_error limit 5`,
  );
  const { oldest, ...rest } = counts!;
  return {
    postings: jobs!.postings,
    embedded: jobs!.embedded,
    ...rest,
    oldestQueuedAt: oldest ? new Date(oldest).toISOString() : null,
    errors,
  };
}
