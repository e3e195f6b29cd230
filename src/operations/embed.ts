/**
 * `jobsight embed`: empties the embedding queue (postings loaded with `ingest --embed later`, or
 * whose text changed without a new vector), `--watch` keeps at it, `--status` only counts.
 */
import { z } from 'zod';
import { EMBED_QUEUE_DEFAULTS, MAX_EMBED_QUEUE_BATCH, MAX_EMBED_QUEUE_WORKERS } from '../core/defaults.ts';
import { InvalidInputError } from '../core/errors.ts';
import { wholeNumber } from '../core/validation.ts';
import { queueStatus, retryFailed, runEmbedWorkers } from '../embed-queue/index.ts';
import { defineOperation } from './operation.ts';

const D = EMBED_QUEUE_DEFAULTS;

export const embedOperation = defineOperation({
  name: 'embed',
  summary: 'embed the postings waiting in the embedding queue (ingest --embed later, changed texts); --status counts them',
  input: z.strictObject({
    status: z.boolean().default(false).describe('only show what the queue holds: waiting, in progress, retrying, failed, and the latest errors'),
    watch: z.boolean().default(false).describe('keep running, embedding postings as they are queued, until Ctrl+C'),
    retryFailed: z.boolean().default(false).describe('queue the postings given up on again (attempts reset) before working'),
    workers: wholeNumber(1, MAX_EMBED_QUEUE_WORKERS).default(D.workers).describe('workers in this process, each claiming its own batches'),
    batchSize: wholeNumber(1, MAX_EMBED_QUEUE_BATCH).default(D.batchSize).describe('postings a worker claims and embeds at once'),
    maxAttempts: wholeNumber(1, 100).default(D.maxAttempts).describe('attempts per posting before it is marked failed'),
    retryDelay: wholeNumber(0, 86_400)
      .default(D.retryDelaySeconds)
      .describe('seconds before a failed posting is tried again; doubled after each failure'),
  }),
  cliOnly: { watch: 'a request cannot run until Ctrl+C; `serve` runs a worker itself' },
  write: true,
  http: { method: 'post', path: '/api/embed' },
  async run({ database, embedder, note }, input) {
    if (input.status && (input.watch || input.retryFailed)) {
      throw new InvalidInputError('status only counts; it cannot be combined with watch or retryFailed', {
        hint: 'Run `jobsight embed --status` on its own.',
      });
    }
    if (input.status) return { status: await queueStatus(database.db) };
    const requeued = input.retryFailed ? await retryFailed(database.db) : 0;
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    if (input.watch) {
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      note?.(`embedding queued postings with ${embedder.name} as they come (Ctrl+C stops after the batch in hand)`);
    }
    try {
      const summary = await runEmbedWorkers(database, embedder, {
        watch: input.watch,
        signal: stop.signal,
        workers: input.workers,
        batchSize: input.batchSize,
        maxAttempts: input.maxAttempts,
        retryDelaySeconds: input.retryDelay,
        onBatch: (e) => {
          if (e.error) note?.(`a batch of ${e.claimed} failed (${e.error})${e.gaveUp ? `; gave up on ${e.gaveUp}` : '; to be retried'}`);
          else if (input.watch) note?.(`embedded ${e.stored} of ${e.claimed} claimed`);
        },
      });
      return { requeued, ...summary, status: await queueStatus(database.db) };
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
});
