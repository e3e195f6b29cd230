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
  type VectorIndexSpec,
  vectorIndexStatus,
} from '../indexes/index.ts';
import { countJobs } from '../jobs/repository.ts';
import { storageType } from '../search/quantised.ts';
import { defineOperation } from './operation.ts';

const SERVER_BUILD = {
  concurrently: z
    .boolean()
    .default(true)
    .describe('server: build CONCURRENTLY, without blocking writes (false: inside a transaction, blocking writes)'),
  maintenanceWorkMem: BUILD_OPTIONS.maintenanceWorkMem.optional(),
  parallelWorkers: BUILD_OPTIONS.parallelWorkers.optional(),
};

const byName = z.strictObject({ name: text(63).describe('index name, as `index status` shows it') });

/**
 * `index create <hnsw|ivfflat>`: the spec's options, how the index stores the vectors (`--type`,
 * the spec's `storage`: the index's own type is the command), then the server build settings.
 */
function createIndexOperation<S extends z.ZodRawShape>(type: 'hnsw' | 'ivfflat', summary: string, spec: S) {
  const input = { ...spec, type: storageType(), ...SERVER_BUILD };
  return defineOperation({
    name: `index create ${type}`,
    summary,
    input: z.strictObject(input),
    write: true,
    http: { method: 'post', path: `/api/indexes/${type}`, status: 201 },
    run: ({ database }, given) => {
      const {
        concurrently,
        maintenanceWorkMem,
        parallelWorkers,
        type: storage,
        ...options
      } = given as z.output<z.ZodObject<typeof SERVER_BUILD & { type: ReturnType<typeof storageType> }>>;
      return createVectorIndex(database, { type, storage, ...options } as VectorIndexSpec, { concurrently, maintenanceWorkMem, parallelWorkers });
    },
  });
}

export const indexCreateHnswOperation = createIndexOperation(
  'hnsw',
  'build an HNSW index on job embeddings: best recall/speed; slower to build',
  HNSW_OPTIONS,
);
export const indexCreateIvfflatOperation = createIndexOperation(
  'ivfflat',
  'build an IVFFlat index on job embeddings: fast to build; needs the rows loaded first',
  IVFFLAT_OPTIONS,
);

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
  input: byName,
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
  input: byName,
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
