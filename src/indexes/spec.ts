/**
 * What a vector index on jobs.embedding looks like: the spec a person asks for, its validation
 * (one place, messages that name the parameter, the bad value and the allowed ones), its defaults,
 * and the one DDL statement it becomes. Numbers cannot be bound parameters in DDL, so every number
 * is checked to be an integer in range here before it is written into SQL.
 */
import { JobsightError } from '../core/errors.ts';
import { METRICS, type Metric } from '../search/vector.ts';

export const INDEX_TYPES = ['hnsw', 'ivfflat'] as const;
export type IndexType = (typeof INDEX_TYPES)[number];

export interface HnswSpec {
  type: 'hnsw';
  /** Neighbours per graph node (pgvector default 16, 2..100): more is better recall, bigger index. */
  m?: number;
  /** Candidate list while building (default 64, 4..1000, at least 2 * m): more is slower, better graph. */
  efConstruction?: number;
  /** Distance the index serves; a query must order by the same operator (default cosine). */
  metric?: Metric;
}

export interface IvfflatSpec {
  type: 'ivfflat';
  /** Clusters (1..32768); default from the row count, see `defaultIvfflatLists`. */
  lists?: number;
  metric?: Metric;
}

export type VectorIndexSpec = HnswSpec | IvfflatSpec;

/** A spec with every default filled in. */
export type ResolvedIndexSpec =
  | { type: 'hnsw'; m: number; efConstruction: number; metric: Metric }
  | { type: 'ivfflat'; lists: number; metric: Metric };

export const OPERATOR_CLASS: Record<Metric, string> = {
  cosine: 'vector_cosine_ops',
  l2: 'vector_l2_ops',
  ip: 'vector_ip_ops',
};

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

/** Name of the index a spec creates: `jobs_embedding_<type>_<metric>`, one per type and metric. */
export function indexName(spec: { type: IndexType; metric: Metric }): string {
  return `jobs_embedding_${spec.type}_${spec.metric}`;
}

function integerIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new JobsightError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Checks a spec and fills in its defaults. `rows` (embedded rows in jobs) is needed only for an
 * IVFFlat spec without `lists`.
 * @example resolveIndexSpec({ type: 'hnsw', m: 8 }) // { type: 'hnsw', m: 8, efConstruction: 64, metric: 'cosine' }
 */
export function resolveIndexSpec(spec: VectorIndexSpec, rows?: number): ResolvedIndexSpec {
  const type = (spec as { type?: unknown }).type;
  if (!INDEX_TYPES.includes(type as IndexType)) {
    throw new JobsightError(`unknown index type ${JSON.stringify(type)}; use one of: ${INDEX_TYPES.join(', ')}`);
  }
  const metric = spec.metric ?? 'cosine';
  if (!METRICS.includes(metric)) {
    throw new JobsightError(`unknown metric ${JSON.stringify(metric)}; use one of: ${METRICS.join(', ')}`);
  }
  if (spec.type === 'hnsw') {
    const m = integerIn('m', spec.m ?? 16, 2, 100);
    const efConstruction = integerIn('efConstruction', spec.efConstruction ?? 64, 4, 1000);
    if (efConstruction < 2 * m) {
      throw new JobsightError(`efConstruction must be at least 2 * m (${2 * m} for m = ${m}), got ${efConstruction}`, {
        hint: 'pgvector refuses a smaller build candidate list than twice the neighbours per node.',
      });
    }
    return { type: 'hnsw', m, efConstruction, metric };
  }
  if (spec.lists === undefined && rows === undefined) throw new Error('resolveIndexSpec: rows needed for default lists');
  const lists = integerIn('lists', spec.lists ?? defaultIvfflatLists(rows!), 1, 32768);
  return { type: 'ivfflat', lists, metric };
}

/** `CREATE INDEX [CONCURRENTLY] ...` for a resolved spec; all interpolated parts are checked above. */
export function createIndexStatement(spec: ResolvedIndexSpec, concurrently: boolean): string {
  const options = spec.type === 'hnsw' ? `m = ${spec.m}, ef_construction = ${spec.efConstruction}` : `lists = ${spec.lists}`;
  return (
    `create index ${concurrently ? 'concurrently ' : ''}${indexName(spec)} on jobs ` +
    `using ${spec.type} (embedding ${OPERATOR_CLASS[spec.metric]}) with (${options})`
  );
}

/**
 * Below this many embedded rows Jobsight searches without an index. An exact scan of 10,000
 * 384-dim vectors takes a few tens of milliseconds (24 ms for 20k on the server, stack.md), returns
 * the true nearest postings, and needs no build (an HNSW build is 40-70 s for 20k rows in PGlite).
 * Above it, scan time grows linearly while HNSW stays around a millisecond.
 */
export const EXACT_SEARCH_MAX_ROWS = 10_000;

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
    spec: { type: 'hnsw', m: 16, efConstruction: 64, metric: 'cosine' },
    reason: `${rows} rows: an exact scan grows with the table; HNSW keeps queries fast at high recall`,
  };
}
