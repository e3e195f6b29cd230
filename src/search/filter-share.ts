/**
 * How many postings the filters keep, as the planner estimates it, and the ef_search a filtered
 * vector search runs at (FILTERED_EF_FACTOR in core/defaults.ts says why).
 */
import { sql } from 'drizzle-orm';
import { DEFAULT_EF_SEARCH, FILTERED_EF_FACTOR, MAX_EF_SEARCH } from '../core/defaults.ts';
import { queryRows, type Db, type Tx } from '../db/database.ts';
import { filterConditions, type SearchFilters } from './filters.ts';

interface PlanNode {
  'Plan Rows'?: number;
  Plans?: PlanNode[];
}

/**
 * The planner's estimate of the share of postings with an embedding that pass `filters`
 * (0 to 1), from one EXPLAIN of both counts side by side: nothing is scanned.
 */
export async function estimatedFilterShare(db: Db | Tx, filters: SearchFilters): Promise<number> {
  const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(
    db,
    sql`explain (format json)
        select 1 from jobs where jobs.embedding is not null and ${filterConditions(filters)}
        union all
        select 1 from jobs where jobs.embedding is not null`,
  );
  const raw = row?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const [filtered, all] = (plan[0]?.Plan.Plans ?? []).map((p) => p['Plan Rows'] ?? 0);
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
