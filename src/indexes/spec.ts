/**
 * What a vector index on jobs.embedding looks like: the spec a person asks for, its validation
 * (one place, messages that name the parameter, the bad value and the allowed ones), its defaults,
 * and the one DDL statement it becomes. Numbers cannot be bound parameters in DDL, so every number
 * is checked to be an integer in range here before it is written into SQL.
 */
import { z } from 'zod';
import { EXACT_SEARCH_MAX_ROWS, HNSW_DEFAULTS, HNSW_LIMITS, MAX_IVFFLAT_LISTS } from '../core/defaults.ts';
import { parseInput, wholeNumber } from '../core/validation.ts';
import { METRICS, type Metric, metric } from '../search/options.ts';
import { operatorClass, type Storage, STORAGES, storageType, storedEmbedding } from '../search/quantised.ts';

export const INDEX_TYPES = ['hnsw', 'ivfflat'] as const;
export { METRICS, STORAGES, type Storage };
export type IndexType = (typeof INDEX_TYPES)[number];

/** HNSW options: neighbours per graph node and the build candidate list (at least 2 * m). */
export const HNSW_OPTIONS = {
  m: wholeNumber(...HNSW_LIMITS.m)
    .default(HNSW_DEFAULTS.m)
    .describe(`links per node (${HNSW_LIMITS.m.join(' to ')}): more is better recall, a bigger index`),
  efConstruction: wholeNumber(...HNSW_LIMITS.efConstruction)
    .default(HNSW_DEFAULTS.efConstruction)
    .describe('candidate list while building (at least 2 x m): more is a slower build, a better graph'),
  metric: metric().describe('distance the index serves; a query must order by the same operator'),
};

/** IVFFlat options: lists default from the row count (see defaultIvfflatLists). */
export const IVFFLAT_OPTIONS = {
  lists: wholeNumber(1, MAX_IVFFLAT_LISTS).optional().describe('number of lists (default rows/1000, sqrt(rows) above 1M rows)'),
  metric: metric().describe('distance the index serves; a query must order by the same operator'),
};

const VectorIndexSpec = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('hnsw'), ...HNSW_OPTIONS, storage: storageType() }).refine((s) => s.efConstruction >= 2 * s.m, {
      path: ['efConstruction'],
      error: (issue) => {
        const { m } = issue.input as { m: number };
        return `must be at least 2 * m (${2 * m} for m = ${m}); pgvector refuses a smaller build candidate list`;
      },
    }),
    z.strictObject({ type: z.literal('ivfflat'), ...IVFFLAT_OPTIONS, storage: storageType() }),
  ],
  { error: `must be one of ${INDEX_TYPES.map((t) => JSON.stringify(t)).join(', ')}` },
);

/** `storage` (default vector): full-precision vectors, half precision, or one bit per dimension (search/quantised.ts). */
export type HnswSpec = { type: 'hnsw' } & Partial<{ m: number; efConstruction: number; metric: Metric; storage: Storage }>;
export type IvfflatSpec = { type: 'ivfflat' } & Partial<{ lists: number; metric: Metric; storage: Storage }>;
export type VectorIndexSpec = HnswSpec | IvfflatSpec;

/** A spec with every default filled in. */
export type ResolvedIndexSpec =
  | { type: 'hnsw'; m: number; efConstruction: number; metric: Metric; storage: Storage }
  | { type: 'ivfflat'; lists: number; metric: Metric; storage: Storage };

/**
 * pgvector's advice for IVFFlat: rows / 1000 lists up to a million rows, sqrt(rows) above.
 * Fewer lists than that and each probe scans too much; more and the clusters, learnt from the
 * rows present at build time, are too small to be stable.
 * @example defaultIvfflatLists(5000) // 5
 */
export function defaultIvfflatLists(rows: number): number {
  if (rows <= 1_000_000) return Math.max(1, Math.floor(rows / 1000));
  return Math.floor(Math.sqrt(rows));
}

/**
 * Name of the index a spec creates, one per type, storage and metric: `jobs_embedding_<type>_<metric>`
 * (full precision), `jobs_embedding_<type>_halfvec_<metric>`, `jobs_embedding_<type>_bit` (bits
 * serve every metric).
 */
export function indexName(spec: { type: IndexType; metric: Metric; storage?: Storage }): string {
  const storage = spec.storage ?? 'vector';
  if (storage === 'bit') return `jobs_embedding_${spec.type}_bit`;
  return `jobs_embedding_${spec.type}_${storage === 'halfvec' ? 'halfvec_' : ''}${spec.metric}`;
}

/**
 * Checks a spec and fills in its defaults. `rows` (embedded rows in jobs) is needed only for an
 * IVFFlat spec without `lists`.
 * @example resolveIndexSpec({ type: 'hnsw', m: 8 }) // { type: 'hnsw', m: 8, efConstruction: 64, metric: 'cosine', storage: 'vector' }
 */
export function resolveIndexSpec(spec: VectorIndexSpec, rows?: number): ResolvedIndexSpec {
  const parsed = parseInput(VectorIndexSpec, spec, { what: 'index spec' });
  if (parsed.type === 'hnsw') return parsed;
  if (parsed.lists === undefined && rows === undefined) throw new Error('resolveIndexSpec: rows needed for default lists');
  return { ...parsed, lists: parsed.lists ?? defaultIvfflatLists(rows!) };
}

/**
 * `CREATE INDEX [CONCURRENTLY] ...` for a resolved spec; all interpolated parts are checked above.
 * A quantised index is on an expression cast to `dimensions`, jobs.embedding's declared dimension.
 */
export function createIndexStatement(spec: ResolvedIndexSpec, concurrently: boolean, dimensions: number): string {
  const options = spec.type === 'hnsw' ? `m = ${spec.m}, ef_construction = ${spec.efConstruction}` : `lists = ${spec.lists}`;
  const column = spec.storage === 'vector' ? 'embedding' : `(${storedEmbedding(spec.storage, dimensions)})`;
  return (
    `create index ${concurrently ? 'concurrently ' : ''}${indexName(spec)} on jobs ` +
    `using ${spec.type} (${column} ${operatorClass(spec.storage, spec.metric)}) with (${options})`
  );
}

export { EXACT_SEARCH_MAX_ROWS };

export interface IndexRecommendation {
  /** null: search exactly, no index. */
  spec: HnswSpec | null;
  reason: string;
}

/**
 * The default policy: exact search for small tables, HNSW (m 16, ef_construction 64) above.
 * @example recommendIndex(1500) // { spec: null, reason: '...' }
 */
export function recommendIndex(rows: number): IndexRecommendation {
  if (rows < EXACT_SEARCH_MAX_ROWS) {
    return { spec: null, reason: `${rows} rows: an exact scan is fast and returns the true nearest postings` };
  }
  return {
    spec: { type: 'hnsw', ...HNSW_DEFAULTS, metric: 'cosine' },
    reason: `${rows} rows: an exact scan grows with the table; HNSW keeps queries fast at high recall`,
  };
}
