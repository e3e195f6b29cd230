/**
 * Nearest postings to a query by embedding distance. Ordered by the distance operator
 * ascending with a LIMIT, the only form a pgvector index can serve.
 *
 * Also the home of what every search shares: input checks, the metric's operator, the hit shape.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../db/database.ts';
import { vectorIndexes } from '../db/vector-indexes.ts';
import type { Embedder } from '../embed/embedder.ts';
import { JobsightError } from '../errors.ts';
import { filterConditions, parseFilters, type SearchFiltersInput } from './filters.ts';
import { applySearchSettings, type SearchSettings } from './index-settings.ts';

export const METRICS = ['cosine', 'l2', 'ip'] as const;
export type Metric = (typeof METRICS)[number];

/** pgvector's operators; constants, so they are safe to place in SQL text. */
const OPERATOR: Record<Metric, SQL> = { cosine: sql.raw('<=>'), l2: sql.raw('<->'), ip: sql.raw('<#>') };

/** Longer queries are not searches but pasted documents; embedders truncate them anyway. */
export const MAX_QUERY_CHARS = 10_000;
export const MAX_K = 1000;

/**
 * HNSW ef_search for every query unless the caller sets one (pgvector's own default is 40).
 * Measured on the NHS postings with HNSW m 16 / ef_construction 64, tie-aware recall@10 was
 * 0.93 / 0.98 / 0.997 at 40 / 100 / 200 with the semantic embedder (0.69 / 0.81 / 0.91 with the
 * hashing one); a filtered iterative scan at 1 % selectivity went from 0.94 at 40 to the exact
 * answer at 100.
 */
export const DEFAULT_EF_SEARCH = 100;

export interface VectorHit {
  id: number;
  title: string;
  company: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  remoteMode: string | null;
  salaryAnnualMin: number | null;
  salaryAnnualMax: number | null;
  salaryCurrency: string | null;
  /** YYYY-MM-DD. */
  postedAt: string | null;
  /** pgvector's distance for the metric (for ip, the negative inner product: smaller is nearer). */
  distance: number;
}

export interface VectorSearchOptions {
  /** How many hits, 1 to 1000. Default 10. */
  k?: number;
  /** Distance function; the index used must have the matching opclass. Default 'cosine'. */
  metric?: Metric;
  /** Leave out hits farther than this. */
  maxDistance?: number;
  /** Structured filters, applied inside the same statement (see filters.ts). */
  filters?: SearchFiltersInput;
  /** HNSW candidate list size for this query (1 to 1000); larger is slower and more exact. Default DEFAULT_EF_SEARCH. */
  efSearch?: number;
  /** IVFFlat lists scanned for this query (1 to 1000); more is slower and more exact. */
  probes?: number;
  /**
   * Let an HNSW or IVFFlat scan continue until k rows pass the filters (pgvector 0.8 `relaxed_order`).
   * Default: on when filters are given, since without it a filtered query can return fewer than k.
   */
  iterative?: boolean;
}

/**
 * The posting fields every hit carries, selected from `jobs` left-joined to `companies`; the
 * searches differ only in their ranking columns.
 */
export const HIT_COLUMNS = sql`jobs.id, jobs.title, companies.name as "company", jobs.city, jobs.region, jobs.country,
  jobs.remote_mode as "remoteMode", jobs.salary_annual_min as "salaryAnnualMin",
  jobs.salary_annual_max as "salaryAnnualMax", jobs.salary_currency as "salaryCurrency",
  jobs.posted_at::text as "postedAt"`;

/** Checks the query text every search takes; returns it unchanged. */
export function checkQuery(query: unknown): string {
  if (typeof query !== 'string' || !query.trim()) throw new JobsightError('the search query is empty', { hint: 'Give some words to search for.' });
  if (query.length > MAX_QUERY_CHARS) {
    throw new JobsightError(`the search query is ${query.length} characters long; the limit is ${MAX_QUERY_CHARS}`, {
      hint: 'Search with a shorter text, such as a summary of what you are looking for.',
    });
  }
  return query;
}

/** Checks a whole-number option within bounds (k, candidates, efSearch). */
export function checkCount(name: string, value: unknown, max = MAX_K): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new JobsightError(`${name} must be a whole number from 1 to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The distance operator for a metric, refusing unknown metrics. */
export function distanceOperator(metric: unknown): SQL {
  if (!METRICS.includes(metric as Metric)) {
    throw new JobsightError(`unknown distance metric ${JSON.stringify(metric)}; expected one of ${METRICS.join(', ')}`);
  }
  return OPERATOR[metric as Metric];
}

/** The query's embedding as pgvector text, sent as a bound parameter and cast with `::vector`. */
export async function embedQuery(embedder: Embedder, query: string): Promise<string> {
  const [vector] = await embedder.embed([query]);
  return `[${Array.from(vector!).join(',')}]`;
}

/**
 * Runs `statement` with this query's index settings: in a transaction with `SET LOCAL` when
 * there are any, so they never leak into the next query on a pooled connection.
 */
export async function withScanSettings<T>(db: Db, settings: SearchSettings, run: (db: Db | Tx) => Promise<T>): Promise<T> {
  if (!settings.iterative && settings.efSearch === undefined && settings.probes === undefined) return run(db);
  return db.transaction(async (tx) => {
    await applySearchSettings(tx, settings);
    return run(tx);
  });
}

/** Drivers return bigint and numeric as strings; hits carry numbers. */
export function numericHit<T extends { id: unknown; salaryAnnualMin: unknown; salaryAnnualMax: unknown }>(row: T): T {
  const orNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return { ...row, id: Number(row.id), salaryAnnualMin: orNull(row.salaryAnnualMin), salaryAnnualMax: orNull(row.salaryAnnualMax) };
}

/** What vectorSearch runs, checked and prepared, for the search itself and for its EXPLAIN. */
async function prepareVectorSearch(embedder: Embedder, query: string, options: VectorSearchOptions) {
  checkQuery(query);
  const k = checkCount('k', options.k ?? 10);
  const op = distanceOperator(options.metric ?? 'cosine');
  const maxDistance = options.maxDistance;
  if (maxDistance !== undefined && !Number.isFinite(maxDistance)) {
    throw new JobsightError(`maxDistance must be a finite number, got ${JSON.stringify(maxDistance)}`);
  }
  const filters = parseFilters(options.filters);
  const iterative = options.iterative ?? options.filters !== undefined;
  const vector = await embedQuery(embedder, query);
  const statement = sql`with nearest as materialized (
      select jobs.id, jobs.embedding ${op} ${vector}::vector as distance
      from jobs
      where jobs.embedding is not null and ${filterConditions(filters)}
      order by distance
      limit ${k}
    )
    select ${HIT_COLUMNS}, nearest.distance
    from nearest
    join jobs on jobs.id = nearest.id
    left join companies on companies.id = jobs.company_id
    where ${maxDistance ?? null}::float8 is null or nearest.distance <= ${maxDistance ?? null}::float8
    order by nearest.distance, jobs.id`;
  const efSearch = options.efSearch ?? DEFAULT_EF_SEARCH;
  return { statement, settings: { iterative, efSearch, probes: options.probes } };
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
  const { statement, settings } = await prepareVectorSearch(embedder, query, options);
  const rows = await withScanSettings(db, settings, (tx) => queryRows<VectorHit>(tx, statement));
  return rows.map(numericHit);
}

export interface VectorPlan {
  /** `index`: a vector index ordered the rows; `exact`: every matching row was compared. */
  kind: 'index' | 'exact';
  /** The vector index used, when kind is `index`. */
  index: string | null;
  /** Whether the index scan may continue past ef_search until k rows pass the filters. */
  iterative: boolean;
  /** One line for people. */
  summary: string;
  /** PostgreSQL's plan, as EXPLAIN (FORMAT JSON) gives it. */
  plan: unknown;
}

interface PlanNode {
  'Node Type'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function* planNodes(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* planNodes(child);
}

/**
 * How PostgreSQL would run `vectorSearch` with these options: through a vector index (and
 * whether iteratively) or exactly. The planner picks an exact plan when the filters keep so few
 * rows that comparing them all is cheaper than walking the graph.
 */
export async function explainVectorSearch(db: Db, embedder: Embedder, query: string, options: VectorSearchOptions = {}): Promise<VectorPlan> {
  const { statement, settings } = await prepareVectorSearch(embedder, query, options);
  const [row] = await withScanSettings(db, settings, (tx) => queryRows<{ 'QUERY PLAN': unknown }>(tx, sql`explain (format json) ${statement}`));
  const raw = row?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const vectorIndexNames = new Set((await vectorIndexes(db)).map((i) => i.name));
  const used = [...planNodes(plan[0]!.Plan)].find((n) => n['Index Name'] !== undefined && vectorIndexNames.has(n['Index Name']));
  const index = used?.['Index Name'] ?? null;
  const iterative = index !== null && settings.iterative;
  const summary =
    index === null
      ? vectorIndexNames.size === 0
        ? 'exact: no vector index exists, every matching row is compared (true nearest neighbours)'
        : options.filters !== undefined
          ? 'exact: the filters keep few rows, so the planner compares each of them instead of walking the index (true nearest neighbours)'
          : 'exact: the planner judged a full scan cheaper than the index (a small table), so the answer is the true nearest neighbours'
      : `index: ${index}${iterative ? ', iterative scan (relaxed_order): it keeps scanning until k rows pass the filters' : ''}`;
  return { kind: index === null ? 'exact' : 'index', index, iterative, summary, plan };
}
