/**
 * The embedding queue: postings without an up-to-date embedding, kept by triggers on jobs
 * (migration 0004), emptied by workers (`jobsight embed`, `serve`), for embedding providers that
 * are slow or rate-limited. See queue.ts for how claims keep workers from embedding a posting twice.
 */
export {
  claimBatch,
  completeBatch,
  failBatch,
  pendingChanged,
  pendingCount,
  recentPendingCount,
  retryFailed,
  type Claimed,
} from './queue.ts';
export { queueStatus, type QueueStatus } from './status.ts';
export { runEmbedWorkers, workerName, type BatchEvent, type WorkerOptions, type WorkerSummary } from './worker.ts';
