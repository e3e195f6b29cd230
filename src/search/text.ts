/**
 * Full-text search over the generated `search_vector` (title weighted A, description B), served
 * by its GIN index. Queries use web-search syntax: "quoted phrases", OR, and -excluded terms.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../core/validation.ts';
import { queryRows, type Db } from '../db/database.ts';
import { filterConditions, SearchFilters } from './filters.ts';
import { type Hit, numericHit, selectHits } from './hits.ts';
import { snippet } from './hybrid.ts';
import { hitCount, searchText } from './options.ts';

export interface TextHit extends Hit {
  /** ts_rank_cd of the posting against the query: larger is better. */
  rank: number;
  /** Up to two fragments of the description with matches marked «like this». */
  snippet: string;
}

export const TextSearchOptions = z.strictObject({ query: searchText(), k: hitCount(), filters: SearchFilters.optional() });
export type TextSearchOptions = Omit<z.input<typeof TextSearchOptions>, 'query'>;

/**
 * The k postings that best match `query`, best first (ties by id). A query made only of stop
 * words ("the and") matches nothing.
 *
 * @example
 * const hits = await textSearch(db, '"data engineer" (python OR scala) -intern', { k: 10 });
 */
export async function textSearch(db: Db, query: string, options: TextSearchOptions = {}): Promise<TextHit[]> {
  return checkedTextSearch(db, parseInput(TextSearchOptions, { ...options, query }, { what: 'textSearch options' }));
}

/**
 * textSearch of input already checked by TextSearchOptions, or by a schema made of the same
 * fields (the search operation's): a request's input is checked once, not once per layer.
 */
export async function checkedTextSearch(db: Db, o: z.output<typeof TextSearchOptions>): Promise<TextHit[]> {
  // ts_headline is costly, so it runs in the outer query over the k best rows only.
  const rows = await queryRows<TextHit>(
    db,
    sql`with best as (
          select jobs.id, ts_rank_cd(jobs.search_vector, websearch_to_tsquery('english', ${o.query})) as rank
          from jobs
          where jobs.search_vector @@ websearch_to_tsquery('english', ${o.query}) and ${filterConditions(o.filters ?? {})}
          order by rank desc, jobs.id
          limit ${o.k}
        )
        ${selectHits('best', sql`best.rank::float8 as "rank", ${snippet(o.query)} as "snippet"`, sql`best.rank desc, jobs.id`)}`,
  );
  return rows.map(numericHit);
}
