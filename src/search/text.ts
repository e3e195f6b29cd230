/**
 * Full-text search over the generated `search_vector` (title weighted A, description B), served
 * by its GIN index. Queries use web-search syntax: "quoted phrases", OR, and -excluded terms.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { filterConditions, parseFilters, type SearchFiltersInput } from './filters.ts';
import { checkCount, checkQuery, HIT_COLUMNS, numericHit, type VectorHit } from './vector.ts';

export interface TextHit extends Omit<VectorHit, 'distance'> {
  /** ts_rank_cd of the posting against the query: larger is better. */
  rank: number;
  /** Up to two fragments of the description with matches marked «like this». */
  snippet: string;
}

export interface TextSearchOptions {
  /** How many hits, 1 to 1000. Default 10. */
  k?: number;
  /** Structured filters, applied inside the same statement (see filters.ts). */
  filters?: SearchFiltersInput;
}

/**
 * The k postings that best match `query`, best first (ties by id). A query made only of stop
 * words ("the and") matches nothing.
 *
 * @example
 * const hits = await textSearch(db, '"data engineer" (python OR scala) -intern', { k: 10 });
 */
export async function textSearch(db: Db, query: string, options: TextSearchOptions = {}): Promise<TextHit[]> {
  checkQuery(query);
  const k = checkCount('k', options.k ?? 10);
  const filters = parseFilters(options.filters);

  // ts_headline is costly, so it runs in the outer query over the k best rows only.
  const rows = await queryRows<TextHit>(
    db,
    sql`with best as (
          select jobs.id, ts_rank_cd(jobs.search_vector, websearch_to_tsquery('english', ${query})) as rank
          from jobs
          where jobs.search_vector @@ websearch_to_tsquery('english', ${query}) and ${filterConditions(filters)}
          order by rank desc, jobs.id
          limit ${k}
        )
        select ${HIT_COLUMNS}, best.rank::float8 as "rank",
               ts_headline('english', jobs.description, websearch_to_tsquery('english', ${query}),
                           'StartSel=«, StopSel=», MaxFragments=2') as "snippet"
        from best
        join jobs on jobs.id = best.id
        left join companies on companies.id = jobs.company_id
        order by best.rank desc, jobs.id`,
  );
  return rows.map(numericHit);
}
