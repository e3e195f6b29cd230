/**
 * Workers that empty the embedding queue: claim a batch, embed it (outside any transaction),
 * store the vectors, repeat. A failed batch is recorded on its postings (attempts, last error,
 * next attempt after a backoff) and those are retried one at a time; a posting is given up on
 * after `maxAttempts`. Database calls that lose the connection are retried (db/retry.ts, p-retry);
 * the provider's 429 / 5xx answers are retried inside the embedder first (embed/openai-compatible.ts).
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EMBED_QUEUE_DEFAULTS } from '../core/defaults.ts';
import { causeMessage } from '../core/errors.ts';
import type { Database } from '../db/database.ts';
import { retryOnLostConnection } from '../db/retry.ts';
import type { Embedder } from '../embed/embedder.ts';
import { claimBatch, completeBatch, failBatch, nextRetryAt, releaseBatch, type Claimed } from './queue.ts';

export interface WorkerOptions {
  /** Keep waiting for work when the queue is empty, until `signal` aborts; otherwise stop once nothing is left to try. */
  watch?: boolean;
  /** Stops the workers after the batch in hand. */
  signal?: AbortSignal;
  /** Workers in this process, each claiming its own batches. */
  workers?: number;
  batchSize?: number;
  maxAttempts?: number;
  retryDelaySeconds?: number;
  maxRetryDelaySeconds?: number;
  leaseSeconds?: number;
  pollMs?: number;
  /** Told after each batch, for progress lines. */
  onBatch?: (event: BatchEvent) => void;
}

export interface BatchEvent {
  worker: string;
  claimed: number;
  stored: number;
  /** The error of a failed batch. */
  error?: string;
  /** Of a failed batch: postings given up on. */
  gaveUp?: number;
}

export interface WorkerSummary {
  workers: number;
  batches: number;
  /** Vectors stored. */
  embedded: number;
  /** Vectors computed but not stored: the text changed while it was embedded (queued again). */
  discarded: number;
  /** Failed attempts of postings (one per posting per failed batch). */
  failedAttempts: number;
  /** Postings given up on in this run. */
  gaveUp: number;
  seconds: number;
}

/** A name for one worker in `claimed_by`: host, process and a random part. */
export function workerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Runs `workers` workers until the queue has nothing left to try (or, with `watch`, until
 * `signal` aborts).
 *
 * @example const summary = await runEmbedWorkers(database, embedder, { workers: 2 });
 */
export async function runEmbedWorkers(database: Database, embedder: Embedder, options: WorkerOptions = {}): Promise<WorkerSummary> {
  const o: Resolved = { ...EMBED_QUEUE_DEFAULTS, ...withoutUndefined(options) };
  const started = performance.now();
  const summary: WorkerSummary = { workers: o.workers, batches: 0, embedded: 0, discarded: 0, failedAttempts: 0, gaveUp: 0, seconds: 0 };
  await embedder.ready?.();
  await Promise.all(Array.from({ length: o.workers }, () => workLoop(database, embedder, o, summary)));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

type Resolved = { [K in keyof typeof EMBED_QUEUE_DEFAULTS]: number } & WorkerOptions;

async function workLoop(database: Database, embedder: Embedder, o: Resolved, summary: WorkerSummary): Promise<void> {
  const { db } = database;
  const worker = workerName();
  const retry = <T>(fn: () => Promise<T>) => retryOnLostConnection(fn);
  while (!o.signal?.aborted) {
    const claimed = await retry(() => claimBatch(db, { worker, limit: o.batchSize, leaseSeconds: o.leaseSeconds }));
    if (claimed.length === 0) {
      const retryAt = await retry(() => nextRetryAt(db));
      if (!o.watch && !retryAt) return;
      const untilRetry = retryAt ? Math.max(0, retryAt.getTime() - Date.now()) + 10 : Number.POSITIVE_INFINITY;
      await pause(o.watch ? Math.min(o.pollMs, untilRetry) : untilRetry, o.signal);
      continue;
    }
    await embedClaimed(database, embedder, worker, claimed, o, summary);
  }
}

async function embedClaimed(
  database: Database,
  embedder: Embedder,
  worker: string,
  claimed: Claimed[],
  o: Resolved,
  summary: WorkerSummary,
): Promise<void> {
  const { db } = database;
  let vectors: Float32Array[];
  try {
    vectors = await embedder.embed(claimed.map((c) => c.text));
  } catch (error) {
    if (o.signal?.aborted) {
      await retryOnLostConnection(() => releaseBatch(db, worker, claimed));
      return;
    }
    const message = causeMessage(error);
    const { failed } = await retryOnLostConnection(() => failBatch(db, worker, claimed, message, o));
    summary.batches++;
    summary.failedAttempts += claimed.length;
    summary.gaveUp += failed;
    o.onBatch?.({ worker, claimed: claimed.length, stored: 0, error: message, gaveUp: failed });
    return;
  }
  const stored = await retryOnLostConnection(() => completeBatch(db, worker, claimed, vectors));
  summary.batches++;
  summary.embedded += stored;
  summary.discarded += claimed.length - stored;
  o.onBatch?.({ worker, claimed: claimed.length, stored });
}

/** Waits `ms` (at most a day at a time), or until `signal` aborts. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(Math.min(ms, 86_400_000), undefined, { signal });
  } catch {
    // Aborted: the loop sees the signal and stops.
  }
}

function withoutUndefined<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as T;
}
