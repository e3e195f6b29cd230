/**
 * Every operation, in the order the CLI's --help and /openapi.json list them. A new operation is
 * declared in a file of this folder and added here; both front ends pick it up.
 */
import {
  indexAutoOperation,
  indexCreateHnswOperation,
  indexCreateIvfflatOperation,
  indexDropOperation,
  indexRebuildOperation,
  indexStatusOperation,
} from './indexes.ts';
import { embedOperation } from './embed.ts';
import { dupesListOperation, dupesOperation } from './dupes.ts';
import { evalOperation } from './eval.ts';
import { importChromaOperation } from './import.ts';
import { ingestOperation } from './ingest.ts';
import { jobsAddOperation, jobsDeleteOperation, jobsGetOperation, jobsListOperation, jobsUpdateOperation } from './jobs.ts';
import type { AnyOperation } from './operation.ts';
import { matchOperation, searchOperation, similarOperation } from './search.ts';
import { STAT_OPERATIONS } from './stats.ts';

export const OPERATIONS: readonly AnyOperation[] = [
  jobsAddOperation,
  jobsGetOperation,
  jobsUpdateOperation,
  jobsDeleteOperation,
  jobsListOperation,
  ingestOperation,
  embedOperation,
  importChromaOperation,
  searchOperation,
  similarOperation,
  matchOperation,
  indexCreateHnswOperation,
  indexCreateIvfflatOperation,
  indexStatusOperation,
  indexRebuildOperation,
  indexDropOperation,
  indexAutoOperation,
  ...STAT_OPERATIONS,
  dupesOperation,
  dupesListOperation,
  evalOperation,
];

/** The commands with a group of their own, and what each group is for (for --help). */
export const GROUPS: Record<string, string> = {
  jobs: 'add, show, change, delete and list job postings',
  import: 'copy postings from another store: ChromaDB collections',
  index: 'create, inspect, rebuild and drop the vector indexes (HNSW, IVFFlat)',
  'index create': 'build a vector index on job embeddings',
  dupes: 'find near-duplicate postings and store them as clusters (dupes), or list the clusters (dupes list)',
  stats: 'market statistics: skills in demand and their trends, salaries, remote share, employers, volume; --like for postings like a text',
};
