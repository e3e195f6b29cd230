/**
 * Writing one prepared batch: embed what is new (outside any transaction, so no lock waits on
 * the embedder), then one transaction that decides duplicates and loads. The decision is made
 * inside the transaction, after locking the batch's content hashes, so two ingests of the same
 * postings at once (under two source names) cannot both store them: the second waits for the
 * first to commit and then finds its rows. Each call can be retried whole after a lost connection.
 */
import type { Database, Db } from '../../db/database.ts';
import { upsertCompanies } from '../../jobs/companies.ts';
import { storedFields } from '../../jobs/derived.ts';
import { lockJobKeys } from '../../jobs/job-keys.ts';
import { upsertSkills } from '../../jobs/skills.ts';
import type { Prepared } from '../prepare.ts';
import { hashesStoredElsewhere, loadBatch, lockContentHashes, storedHashes, type StagedJob } from './staging.ts';

export type Candidate = Extract<Prepared, { kind: 'job' }>;
export type Embed = (texts: string[]) => Promise<Float32Array[]>;
/** `later`: store no vectors; the rows go to the embedding queue (a trigger of migration 0004) for `jobsight embed`. */
export type EmbedNowOrLater = Embed | 'later';

export interface WriteOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Stored already under another key (found inside the transaction). */
  duplicates: number;
  /** Texts embedded for this batch. */
  embedded: number;
}

interface Standing {
  /** Key → content hash stored under it. */
  stored: Map<string, string>;
  /** Content hashes stored under another key. */
  elsewhere: Map<string, string>;
}

async function standing(db: Db, candidates: readonly Candidate[]): Promise<Standing> {
  const stored = await storedHashes(
    db,
    candidates.map((c) => ({ source: c.job.source, externalId: c.job.externalId ?? c.hash })),
  );
  const elsewhere = await hashesStoredElsewhere(
    db,
    candidates.filter((c) => !stored.has(c.key)).map((c) => c.hash),
  );
  return { stored, elsewhere };
}

/** Whether `c` is a duplicate of a stored posting, and whether its text needs a (new) vector. */
function decide(c: Candidate, s: Standing): { duplicate: boolean; needsVector: boolean } {
  const storedHash = s.stored.get(c.key);
  if (storedHash === undefined && s.elsewhere.has(c.hash)) return { duplicate: true, needsVector: false };
  // Embeddings are cached by content hash: a stored posting with the same text keeps its vector.
  return { duplicate: false, needsVector: storedHash !== c.hash };
}

/**
 * The vectors the batch will probably need, computed before the write transaction: a first
 * look at what is stored decides which texts are new. The transaction looks again and embeds
 * whatever this look missed (another writer changed a row meanwhile).
 */
export async function embedAhead(db: Db, embed: EmbedNowOrLater, candidates: readonly Candidate[]): Promise<Map<string, Float32Array>> {
  if (candidates.length === 0 || embed === 'later') return new Map();
  const s = await standing(db, candidates);
  const toEmbed = candidates.filter((c) => decide(c, s).needsVector);
  return embedInto(new Map(), embed, toEmbed);
}

async function embedInto(
  vectors: Map<string, Float32Array>,
  embed: EmbedNowOrLater,
  candidates: readonly Candidate[],
): Promise<Map<string, Float32Array>> {
  if (candidates.length === 0 || embed === 'later') return vectors;
  const computed = await embed(candidates.map((c) => c.text));
  for (const [i, c] of candidates.entries()) vectors.set(c.key, computed[i]!);
  return vectors;
}

/** One transaction: lock the content hashes, decide duplicates, upsert companies and skills, load the jobs. */
export async function writeBatch(
  database: Database,
  embed: EmbedNowOrLater,
  candidates: readonly Candidate[],
  ahead: Map<string, Float32Array>,
): Promise<WriteOutcome> {
  if (candidates.length === 0) return { inserted: 0, updated: 0, unchanged: 0, duplicates: 0, embedded: ahead.size };
  return database.bulkTransaction(async (tx, copy) => {
    await lockContentHashes(
      tx,
      candidates.map((c) => c.hash),
    );
    // On Citus the keys are kept unique by their locks (jobs/job-keys.ts); a no-op on one node.
    const keysLocked = await lockJobKeys(
      tx,
      candidates.map((c) => ({ source: c.job.source, externalId: c.job.externalId ?? c.hash })),
    );
    const s = await standing(tx, candidates);
    const kept: Candidate[] = [];
    const missing: Candidate[] = [];
    for (const c of candidates) {
      const { duplicate, needsVector } = decide(c, s);
      if (duplicate) continue;
      kept.push(c);
      if (needsVector && !ahead.has(c.key) && embed !== 'later') missing.push(c);
    }
    const vectors = await embedInto(new Map(ahead), embed, missing);
    const companyIds = await upsertCompanies(
      tx,
      kept.flatMap((c) => (c.job.company ? [c.job.company] : [])),
    );
    await upsertSkills(
      tx,
      kept.flatMap((c) => c.skills),
    );
    const rows: StagedJob[] = kept.map((c) => ({
      ...storedFields(c.job, c.hash),
      companyId: c.job.company ? (companyIds.get(c.job.company) ?? null) : null,
      // null keeps the stored vector (same text); a changed or new text has one here, unless
      // embedding is for later (then a trigger drops the stale vector and queues the posting).
      embedding: decide(c, s).needsVector ? (vectors.get(c.key) ?? null) : null,
      skills: c.skills.map((k) => k.name),
      existing: s.stored.has(c.key),
    }));
    const outcome = await loadBatch(tx, copy, rows, keysLocked);
    return { ...outcome, duplicates: candidates.length - kept.length, embedded: ahead.size + missing.length };
  });
}
