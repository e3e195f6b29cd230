/**
 * Near-duplicate postings (src/dupes): `dupes` finds and stores the clusters (incrementally, or
 * all over with --rebuild) and shows the largest; `dupes list` reads them, or a posting's cluster.
 */
import { z } from 'zod';
import { CLUSTER_FIELDS, findDuplicates, listClusters, listLimit } from '../dupes/index.ts';
import { jobId } from '../search/similar.ts';
import { defineOperation } from './operation.ts';

export const dupesOperation = defineOperation({
  name: 'dupes',
  summary:
    'find near-duplicate postings (near by embedding, confirmed by trigram similarity of the text) and store them as clusters, each counted once by stats and by search --dedupe',
  input: z.strictObject({
    ...CLUSTER_FIELDS,
    rebuild: z
      .boolean()
      .default(false)
      .describe('forget the clusters and examine every posting again (default: only postings changed since the last run)'),
    top: listLimit().describe('largest clusters shown after the run'),
  }),
  write: true,
  http: { method: 'post', path: '/api/dupes' },
  async run({ database, progress }, { top, ...options }) {
    const result = await findDuplicates(database, options, { onProgress: progress });
    return { ...result, largest: (await listClusters(database.db, { limit: top })).shown };
  },
});

export const dupesListOperation = defineOperation({
  name: 'dupes list',
  summary: 'the stored near-duplicate clusters, largest first, or the cluster of one posting',
  input: z.strictObject({
    limit: listLimit(),
    jobId: jobId().optional().describe('only the cluster of this posting'),
  }),
  http: { method: 'get', path: '/api/dupes' },
  run: ({ database }, input) => listClusters(database.db, input),
});
