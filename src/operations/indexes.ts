/** Vector index administration: build, inspect, rebuild and drop indexes, and the default index policy. */
import { z } from 'zod';
import { EXACT_SEARCH_MAX_ROWS, HNSW_DEFAULTS } from '../core/defaults.ts';
import { choice, text } from '../core/validation.ts';
import { BUILD_OPTIONS } from '../indexes/build-settings.ts';
import {
  createVectorIndex,
  dropVectorIndex,
  getAutoIndex,
  HNSW_OPTIONS,
  IVFFLAT_OPTIONS,
  rebuildVectorIndex,
  recommendIndex,
  setAutoIndex,
  vectorIndexStatus,
} from '../indexes/index.ts';
import { countJobs } from '../jobs/repository.ts';
import { defineOperation } from './operation.ts';

const SERVER_BUILD = {
  concurrently: z
    .boolean()
    .default(true)
    .describe('server: build CONCURRENTLY, without blocking writes (false: inside a transaction, blocking writes)'),
  maintenanceWorkMem: BUILD_OPTIONS.maintenanceWorkMem.optional(),
  parallelWorkers: BUILD_OPTIONS.parallelWorkers.optional(),
};

const indexName = text(63).describe('index name, as `index status` shows it');

export const indexCreateHnswOperation = defineOperation({
  name: 'index create hnsw',
  summary: 'build an HNSW index on job embeddings: best recall/speed; slower to build',
  input: z.strictObject({ ...HNSW_OPTIONS, ...SERVER_BUILD }),
  write: true,
  http: { method: 'post', path: '/api/indexes/hnsw', status: 201 },
  run: ({ database }, { m, efConstruction, metric, ...build }) => createVectorIndex(database, { type: 'hnsw', m, efConstruction, metric }, build),
});

export const indexCreateIvfflatOperation = defineOperation({
  name: 'index create ivfflat',
  summary: 'build an IVFFlat index on job embeddings: fast to build; needs the rows loaded first',
  input: z.strictObject({ ...IVFFLAT_OPTIONS, ...SERVER_BUILD }),
  write: true,
  http: { method: 'post', path: '/api/indexes/ivfflat', status: 201 },
  run: ({ database }, { lists, metric, ...build }) => createVectorIndex(database, { type: 'ivfflat', lists, metric }, build),
});

export const indexStatusOperation = defineOperation({
  name: 'index status',
  summary: 'vector indexes with type, parameters, size and rows; builds in progress (server); the default policy',
  input: z.strictObject({}),
  http: { method: 'get', path: '/api/indexes' },
  async run({ database }) {
    const status = await vectorIndexStatus(database);
    return { ...status, recommendation: recommendIndex(await countJobs(database.db)) };
  },
});

export const indexRebuildOperation = defineOperation({
  name: 'index rebuild',
  summary: 'rebuild a vector index (REINDEX, CONCURRENTLY on the server)',
  input: z.strictObject({ name: indexName }),
  args: ['name'],
  write: true,
  http: { method: 'post', path: '/api/indexes/{name}/rebuild' },
  async run({ database }, { name }) {
    await rebuildVectorIndex(database, name);
    return { rebuilt: name };
  },
});

export const indexDropOperation = defineOperation({
  name: 'index drop',
  summary: 'drop a vector index (searches then scan every row) and turn the default index policy off',
  input: z.strictObject({ name: indexName }),
  args: ['name'],
  write: true,
  http: { method: 'delete', path: '/api/indexes/{name}' },
  run: ({ database }, { name }) => dropVectorIndex(database, name),
});

export const indexAutoOperation = defineOperation({
  name: 'index auto',
  summary: `the default policy: after an ingest, build HNSW (m ${HNSW_DEFAULTS.m}, ef_construction ${HNSW_DEFAULTS.efConstruction}) once the table has ${EXACT_SEARCH_MAX_ROWS.toLocaleString('en')} rows and no vector index`,
  input: z.strictObject({ state: choice(['on', 'off']).optional().describe('turn it on or off; without: show it') }),
  args: ['state'],
  write: true,
  http: { method: 'post', path: '/api/indexes/auto' },
  async run({ database }, { state }) {
    if (state) await setAutoIndex(database, state === 'on');
    return { autoIndex: await getAutoIndex(database) };
  },
});
