/**
 * A job's key, (source, external id), is unique. On a single node a unique index keeps it so; on
 * Citus that index cannot exist (a distributed table's unique index must contain the distribution
 * column, the job id: see db/citus.ts), so every writer of keys takes the key's lock bucket for the
 * rest of its transaction and looks before it writes. Writers that hold a bucket take turns, so
 * what one of them finds stored is still true when it writes.
 */
import { sql } from 'drizzle-orm';
import { ConflictError } from '../core/errors.ts';
import { jobKeyIsUnique } from '../db/citus.ts';
import { queryRows, type Db, type Tx } from '../db/database.ts';

// Advisory lock namespace for job keys ("JS" + 2; content hashes use "JS" + 1), and how many
// buckets keys fall in: a lock per bucket keeps a batch of 100,000 keys within the lock table.
const KEY_LOCK_SPACE = 0x4a5302;
const KEY_LOCK_BUCKETS = 64;

export interface JobKey {
  source: string;
  externalId: string;
}

/** A bucket from the key's text: FNV-1a, stable across processes and versions. */
function bucket({ source, externalId }: JobKey): number {
  let h = 0x811c9dc5;
  for (const ch of `${source}\x1f${externalId}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % KEY_LOCK_BUCKETS;
}

/**
 * Starts a transaction that writes jobs: returns whether the writer must keep job keys unique
 * itself (true on Citus, where it also switches the transaction to one connection per worker: a
 * transaction that reads jobs across shards and then writes companies or skills, reference tables
 * with foreign keys from jobs, must do so from its start, or Citus refuses the write with "there
 * was a parallel operation on a distributed table"). Call it before the transaction reads jobs.
 */
export async function startJobWrites(tx: Db | Tx): Promise<boolean> {
  if (await jobKeyIsUnique(tx)) return false;
  await tx.execute(sql`select set_config('citus.multi_shard_modify_mode', 'sequential', true)`);
  return true;
}

/**
 * When the database does not keep job keys unique itself (Citus), locks the buckets of `keys`
 * until the transaction ends, in ascending order so writers cannot deadlock. Returns whether the
 * caller must check keys itself (true on Citus). Starts the transaction's job writes (above).
 */
export async function lockJobKeys(tx: Db | Tx, keys: readonly JobKey[]): Promise<boolean> {
  if (!(await startJobWrites(tx))) return false;
  const buckets = [...new Set(keys.map(bucket))].sort((a, b) => a - b);
  // unnest keeps the array's order; the locks are taken in it.
  if (buckets.length > 0) await tx.execute(sql`select pg_advisory_xact_lock(${KEY_LOCK_SPACE}, b) from unnest(${sql.param(buckets)}::int[]) as b`);
  return true;
}

/**
 * Refuses keys another job holds, as the unique index would on a single node: a no-op there (the
 * index does it), on Citus a look under the keys' locks. `except`: the job being updated.
 */
export async function claimJobKeys(tx: Db | Tx, keys: readonly JobKey[], except?: number): Promise<void> {
  if (!(await lockJobKeys(tx, keys))) return;
  const seen = new Set<string>();
  for (const key of keys) {
    const text = `${key.source}\x1f${key.externalId}`;
    if (seen.has(text)) throw keyTaken(key);
    seen.add(text);
  }
  const [taken] = await queryRows<JobKey>(
    tx,
    sql`select j.source, j.external_id as "externalId" from jobs j
        join unnest(${sql.param(keys.map((k) => k.source))}::text[], ${sql.param(keys.map((k) => k.externalId))}::text[]) as k(source, external_id)
          on j.source = k.source and j.external_id = k.external_id
        where ${except ?? null}::bigint is null or j.id <> ${except ?? null}::bigint
        limit 1`,
  );
  if (taken) throw keyTaken(taken);
}

function keyTaken(key: JobKey): ConflictError {
  return new ConflictError(`another job already has source "${key.source}" and external id "${key.externalId}"`, {
    hint: 'Use `jobsight jobs update ID` to change it, or give a different --external-id.',
  });
}
