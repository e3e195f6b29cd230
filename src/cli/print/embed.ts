/** How the embedding queue's status and a worker run look on a terminal. */
import type { QueueStatus, WorkerSummary } from '../../embed-queue/index.ts';
import { printFacts, printTable } from '../output.ts';
import type { Printer } from './printer.ts';

type Result = { status: QueueStatus } & Partial<WorkerSummary & { requeued: number }>;

function printStatus(s: QueueStatus): void {
  printFacts({
    postings: s.postings,
    embedded: s.embedded,
    'without embedding': `${s.pending} (waiting ${s.waiting}, in progress ${s.inProgress}, retrying ${s.retrying}, failed ${s.failed})`,
    ...(s.oldestQueuedAt ? { 'oldest queued': s.oldestQueuedAt } : {}),
  });
  if (s.errors.length > 0) {
    console.log('\nLatest errors:');
    printTable(s.errors, { postings: (e) => e.postings, error: (e) => e.error.slice(0, 110) });
  }
  if (s.failed > 0) console.log('\nQueue the failed postings again with: jobsight embed --retry-failed');
}

export const embed: Printer = {
  print(result: Result) {
    if (result.batches !== undefined) {
      const rate = result.seconds && result.seconds > 0 ? Math.round((result.embedded ?? 0) / result.seconds) : 0;
      printFacts({
        ...(result.requeued ? { requeued: result.requeued } : {}),
        workers: result.workers,
        embedded: `${result.embedded} in ${result.batches} batch(es), ${result.seconds?.toFixed(1)} s (${rate.toLocaleString('en-US')} postings/s)`,
        ...(result.discarded ? { discarded: `${result.discarded} (text changed while embedding; queued again)` } : {}),
        ...(result.failedAttempts ? { 'failed attempts': `${result.failedAttempts} (gave up on ${result.gaveUp})` } : {}),
      });
      console.log();
    }
    printStatus(result.status);
  },
};
