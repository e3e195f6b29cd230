/**
 * Where each operation runs when there are read replicas: `reads` on a replica, everything else on
 * the primary. The list is spelled out so that a new operation's choice is a visible decision.
 */
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/operations/index.ts';

describe('operations: replica routing', () => {
  it('declares no operation both a write and a read-only one', () => {
    expect(OPERATIONS.filter((op) => op.write && op.reads).map((op) => op.name)).toEqual([]);
  });

  it('sends the searches, statistics, listings and eval to the replicas, and nothing else', () => {
    const reads = OPERATIONS.filter((op) => op.reads).map((op) => op.name);
    expect(reads.sort()).toEqual(
      [
        'eval',
        'jobs get',
        'jobs list',
        'match',
        'search',
        'similar',
        ...OPERATIONS.filter((op) => op.name.startsWith('stats ')).map((op) => op.name),
      ].sort(),
    );
    // Runs on the primary without writing: it reports index builds in progress there.
    const indexStatus = OPERATIONS.find((op) => op.name === 'index status')!;
    expect([indexStatus.reads, indexStatus.write]).toEqual([undefined, undefined]);
    // Every read-only operation is an HTTP read or a POST that changes nothing (match, eval).
    for (const op of OPERATIONS.filter((o) => o.reads)) expect(['get', 'post']).toContain(op.http.method);
  });
});
