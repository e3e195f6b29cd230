/**
 * Nearest postings to a query by embedding distance. Ordered by the distance operator
 * ascending with a LIMIT, the only form a pgvector index can serve.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { DEFAULT_EF_SEARCH } from '../core/defaults.ts';
import { finiteNumber, parseInput } from '../core/validation.ts';
import type { Db } from '../db/database.ts';
import { vectorIndexes } from '../db/vector-indexes.ts';
import type { Embedder } from '../embed/embedder.ts';
import { distanceOperator, embedQuery, nearest } from './distance.ts';
import { estimatedFilterShare, type FilteredScan, filteredEfSearch, filteredScan } from './filter-share.ts';
import { filterConditions, SearchFilters } from './filters.ts';
import { type Hit, numericHit, selectHits } from './hits.ts';
import { hitCount, metric, scanOptions, searchText } from './options.ts';
import { describeAccess, scanThrough, searchAccess, type Storage } from './quantised.ts';
import { isDistributed, scanRows, scanTarget } from './scan-settings.ts';

export interface VectorHit extends Hit {
  /** pgvector's distance for the metric (for ip, the negative inner product: smaller is nearer). */
  distance: number;
}

/**
 * What vectorSearch takes besides the query. `iterative` lets an HNSW or IVFFlat scan continue
 * until k rows pass the filters (pgvector 0.8 `relaxed_order`); by default it is on when filters
 * are given, since without it a filtered query can return fewer than k.
 */
export const VectorSearchOptions = z.strictObject({
  query: searchText(),
  k: hitCount(),
  metric: metric(),
  maxDistance: finiteNumber().optional().describe('vector: only results this near or nearer'),
  filters: SearchFilters.optional(),
  ...scanOptions(),
  iterative: z.boolean().optional(),
});
export type VectorSearchOptions = Omit<z.input<typeof VectorSearchOptions>, 'query'>;

/** The query and VectorSearchOptions checked, defaults filled in: what a vector search runs from. */
export type CheckedVectorSearch = z.output<typeof VectorSearchOptions>;

function checkVectorSearch(query: string, options: VectorSearchOptions): CheckedVectorSearch {
  return parseInput(VectorSearchOptions, { ...options, query }, { what: 'vectorSearch options' });
}

/**
 * What a vector search runs, prepared, for the search itself and for its EXPLAIN.
 * With filters and no ef_search given, the ef_search follows the filters' estimated share of
 * postings (filter-share.ts), so a selective filter still finds its true nearest; a filtered
 * iterative scan also takes its limits from that share, and fetches more rows than k to keep
 * the k nearest (filteredScan). Without filters nothing of this applies.
 */
async function prepareVectorSearch(db: Db, embedder: Embedder, o: CheckedVectorSearch) {
  const vector = await embedQuery(embedder, o.query);
  const maxDistance = o.maxDistance ?? null;
  const iterative = o.iterative ?? o.filters !== undefined;
  // The share sets the ef_search unless given, and a filtered iterative scan's limits.
  const share = o.filters && (iterative || o.efSearch === undefined) ? await estimatedFilterShare(db, o.filters) : 1;
  const efSearch = o.efSearch ?? (o.filters ? filteredEfSearch(o.k, share) : DEFAULT_EF_SEARCH);
  const scan = o.filters && iterative ? { share, ...filteredScan(o.k, share) } : null;
  const limits = scan ? { maxScanTuples: scan.maxScanTuples, scanMemMultiplier: scan.scanMemMultiplier } : {};
  const [distributed, available] = await Promise.all([isDistributed(db), searchAccess(db, o.metric)]);
  const limit = scan?.fetch ?? o.k;
  const { access, settings } = scanThrough(available, { iterative, efSearch, probes: o.probes, distributed, ...limits }, limit);
  // What the planner must see first: what the caller asked for. The ef_search chosen for a
  // filter is applied in the statement only (one round trip), and the plan is costed at the
  // default: the filter's share already tells the planner when an exact scan is cheaper.
  // On Citus every setting goes to the workers before the statement (scan-settings.ts).
  const planned = distributed ? settings : { efSearch: o.efSearch ?? DEFAULT_EF_SEARCH, probes: o.probes };
  const target = scanTarget(sql`${vector}::vector`, settings, planned);
  const statement = sql`with ${nearest('nearest', { op: distanceOperator(o.metric), target, where: filterConditions(o.filters ?? {}), limit, access })}
    ${selectHits('nearest', sql`nearest.distance`, sql`nearest.distance, jobs.id`, sql`${maxDistance}::float8 is null or nearest.distance <= ${maxDistance}::float8`)}
    ${limit > o.k ? sql`limit ${o.k}` : sql``}`;
  return { statement, settings, planned, filtered: o.filters !== undefined, scan, access, describe: () => describeAccess(access, o.metric) };
}

/**
 * The k postings nearest to `query`, nearest first. The inner query is the form an HNSW index
 * serves (ORDER BY distance LIMIT k, filters beside it); with relaxed_order the index may return
 * rows slightly out of order, so the outer query re-sorts them, and applies maxDistance outside
 * the index scan (pgvector's recommended materialized-CTE form for both).
 *
 * @example
 * const hits = await vectorSearch(db, embedder, 'paediatric nurse in London', {
 *   k: 5, filters: { country: ['GB'] }, maxDistance: 0.6 });
 */
export async function vectorSearch(db: Db, embedder: Embedder, query: string, options: VectorSearchOptions = {}): Promise<VectorHit[]> {
  return checkedVectorSearch(db, embedder, checkVectorSearch(query, options));
}

/**
 * vectorSearch of input already checked by VectorSearchOptions, or by a schema made of the same
 * fields (the search operation's): a request's input is checked once, not once per layer.
 */
export async function checkedVectorSearch(db: Db, embedder: Embedder, input: CheckedVectorSearch): Promise<VectorHit[]> {
  const { statement, planned } = await prepareVectorSearch(db, embedder, input);
  const rows = await scanRows<VectorHit>(db, planned, statement);
  return rows.map(numericHit);
}

export interface VectorPlan {
  /** `index`: a vector index ordered the rows; `exact`: every matching row was compared. */
  kind: 'index' | 'exact';
  /** The vector index used, when kind is `index`. */
  index: string | null;
  /** What the scan ordered by: full-precision vectors, halfvec, or bits re-ranked at full precision (search/quantised.ts). */
  storage: Storage;
  /** Whether the index scan may continue past ef_search until k rows pass the filters. */
  iterative: boolean;
  /**
   * A filtered iterative scan: the filters' estimated share of postings, and the limits and
   * fetch chosen from it (search/filter-share.ts filteredScan); null without filters or iteration.
   */
  filteredScan: (FilteredScan & { share: number }) | null;
  /**
   * On Citus, how the search was spread: each of `shards` shards answers its own top k (through
   * its own copy of the index, when kind is `index`) and the coordinator merges them. null on one node.
   */
  distributed: { shards: number } | null;
  /** One line for people. */
  summary: string;
  /** PostgreSQL's plan, as EXPLAIN (FORMAT JSON) gives it (on Citus with one shard's plan inside). */
  plan: unknown;
}

interface PlanNode {
  'Node Type'?: string;
  'Index Name'?: string;
  'Custom Plan Provider'?: string;
  'Task Count'?: number;
}

/**
 * Every plan node, however deep: PostgreSQL nests them in `Plans`, Citus in `Distributed Query`
 * (its subplans, and each shown task's `Remote Plan`), so every object and array is walked.
 */
function* planNodes(value: unknown): Generator<PlanNode> {
  if (Array.isArray(value)) {
    for (const item of value) yield* planNodes(item);
  } else if (value !== null && typeof value === 'object') {
    if ('Node Type' in value || 'Task Count' in value) yield value as PlanNode;
    for (const child of Object.values(value)) yield* planNodes(child);
  }
}

/**
 * How PostgreSQL would run `vectorSearch` with these options: through a vector index (and
 * whether iteratively) or exactly, and on Citus across how many shards. The planner picks an
 * exact plan when the filters keep so few rows that comparing them all is cheaper than walking
 * the graph.
 */
export async function explainVectorSearch(db: Db, embedder: Embedder, query: string, options: VectorSearchOptions = {}): Promise<VectorPlan> {
  const { statement, settings, planned, filtered, scan, access, describe } = await prepareVectorSearch(
    db,
    embedder,
    checkVectorSearch(query, options),
  );
  const [row] = await scanRows<{ 'QUERY PLAN': unknown }>(db, planned, sql`explain (format json) ${statement}`);
  const raw = row?.['QUERY PLAN'];
  const plan = typeof raw === 'string' ? JSON.parse(raw) : raw;
  const vectorIndexNames = [...new Set((await vectorIndexes(db)).map((i) => i.name))];
  const nodes = [...planNodes(plan)];
  // A shard's copy of an index is named <index>_<shard id>.
  const baseIndex = (name: string | undefined) => vectorIndexNames.find((i) => name === i || name?.startsWith(`${i}_`));
  const index = nodes.map((n) => baseIndex(n['Index Name'])).find((name) => name !== undefined) ?? null;
  const shards = nodes.filter((n) => n['Custom Plan Provider']?.startsWith('Citus')).length
    ? Math.max(0, ...nodes.map((n) => n['Task Count'] ?? 0))
    : 0;
  const distributed = shards > 0 ? { shards } : null;
  const iterative = index !== null && settings.iterative === true;
  const filteredScan = iterative ? scan : null;
  const limits = filteredScan
    ? `; for the filters' estimated ${(filteredScan.share * 100).toPrecision(2)} % of postings it may visit ${filteredScan.maxScanTuples} tuples ` +
      `(hnsw.max_scan_tuples) in work_mem × ${filteredScan.scanMemMultiplier} (hnsw.scan_mem_multiplier), and keeps the nearest k of ${filteredScan.fetch} rows`
    : '';
  const where = distributed ? `distributed (Citus): each of ${shards} shards answers its own top k and the coordinator merges them; per shard, ` : '';
  const exact =
    access.storage !== 'vector'
      ? `exact on the ${access.storage} values: the planner compared every matching row instead of walking ${access.index}${filtered ? ' (the filters keep few rows)' : ''}`
      : vectorIndexNames.length === 0
        ? 'exact: no vector index exists, every matching row is compared (true nearest neighbours)'
        : filtered
          ? 'exact: the filters keep few rows, so the planner compares each of them instead of walking the index (true nearest neighbours)'
          : 'exact: the planner judged a full scan cheaper than the index (a small table), so the answer is the true nearest neighbours';
  const summary =
    where +
    (index === null
      ? exact
      : `index: ${index}${iterative ? `, iterative scan (relaxed_order): it keeps scanning until k rows pass the filters${limits}` : ''}`) +
    (access.storage === 'vector' ? '' : `; ${describe()}`);
  return { kind: index === null ? 'exact' : 'index', index, storage: access.storage, iterative, filteredScan, distributed, summary, plan };
}
