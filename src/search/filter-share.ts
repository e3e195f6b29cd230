/**
 * How many postings the filters keep, as the planner estimates it, and how a filtered vector
 * search scans for that share: its ef_search (FILTERED_EF_FACTOR in core/defaults.ts says why),
 * and how far its iterative scan may go and how many rows it fetches (FILTERED_SCAN_TUPLES_FACTOR,
 * FILTERED_OVERFETCH).
 */
import { sql } from 'drizzle-orm';
import {
  DEFAULT_EF_SEARCH,
  FILTERED_EF_FACTOR,
  FILTERED_OVERFETCH,
  FILTERED_SCAN_TUPLES_FACTOR,
  MAX_EF_SEARCH,
  MAX_FILTERED_FETCH,
  MAX_FILTERED_SCAN_TUPLES,
  PGVECTOR_MAX_SCAN_TUPLES,
  SCAN_TUPLES_PER_MEM_MULTIPLIER,
} from '../core/defaults.ts';
import { queryRows, type Db, type Tx } from '../db/database.ts';
import { filterConditions, type SearchFilters } from './filters.ts';

interface PlanNode {
  'Plan Rows'?: number;
  Alias?: string;
  Plans?: PlanNode[];
}

const TOTAL = 'all_postings';

function mentions(node: PlanNode, alias: string): boolean {
  return node.Alias === alias || (node.Plans ?? []).some((child) => mentions(child, alias));
}

/** The Append of the two counts: the plan's top node, or under a Gather when the planner went parallel. */
function appendOf(node: PlanNode | undefined): PlanNode | undefined {
  if (!node) return undefined;
  return node.Plans?.length === 1 ? appendOf(node.Plans[0]) : node;
}

/**
 * The planner's estimate of the share of postings with an embedding that pass `filters`
 * (0 to 1), from one EXPLAIN of both counts side by side: nothing is scanned. The total's
 * branch is told by its alias, since a parallel plan may put the branches in another order.
 */
export async function estimatedFilterShare(db: Db | Tx, filters: SearchFilters): Promise<number> {
  const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(
    db,
    sql`explain (format json)
        select 1 from jobs where jobs.embedding is not null and ${filterConditions(filters)}
        union all
        select 1 from jobs as ${sql.raw(TOTAL)} where ${sql.raw(TOTAL)}.embedding is not null`,
  );
  const raw = row?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const branches = appendOf(plan[0]?.Plan)?.Plans ?? [];
  const all = branches.find((b) => mentions(b, TOTAL))?.['Plan Rows'];
  const filtered = branches.find((b) => !mentions(b, TOTAL))?.['Plan Rows'];
  if (filtered === undefined || !all) return 1;
  return Math.min(1, filtered / all);
}

/**
 * ef_search for a filtered top-k: FILTERED_EF_FACTOR * k / share, within DEFAULT_EF_SEARCH and MAX_EF_SEARCH.
 * @example filteredEfSearch(10, 0.1) // 200
 */
export function filteredEfSearch(k: number, share: number): number {
  const wanted = Math.ceil((FILTERED_EF_FACTOR * k) / Math.max(share, 1e-9));
  return Math.min(MAX_EF_SEARCH, Math.max(DEFAULT_EF_SEARCH, wanted));
}

/** How a filtered iterative scan for the top k runs (filteredScan). */
export interface FilteredScan {
  /** Rows the scan fetches before the k nearest are kept. */
  fetch: number;
  /** hnsw.max_scan_tuples: tuples the scan may visit. */
  maxScanTuples: number;
  /** hnsw.scan_mem_multiplier: work_mem multiples the scan may hold. */
  scanMemMultiplier: number;
}

/**
 * The scan for a filtered top k at `share`: it fetches FILTERED_OVERFETCH × k rows, and may
 * visit FILTERED_SCAN_TUPLES_FACTOR × fetch / share tuples, with memory for them.
 * @example filteredScan(10, 0.01) // { fetch: 100, maxScanTuples: 200000, scanMemMultiplier: 10 }
 */
export function filteredScan(k: number, share: number): FilteredScan {
  const fetch = Math.max(k, Math.min(k * FILTERED_OVERFETCH, MAX_FILTERED_FETCH));
  const wanted = Math.ceil((FILTERED_SCAN_TUPLES_FACTOR * fetch) / Math.max(share, 1e-9));
  const maxScanTuples = Math.min(MAX_FILTERED_SCAN_TUPLES, Math.max(PGVECTOR_MAX_SCAN_TUPLES, wanted));
  return { fetch, maxScanTuples, scanMemMultiplier: Math.ceil(maxScanTuples / SCAN_TUPLES_PER_MEM_MULTIPLIER) };
}
