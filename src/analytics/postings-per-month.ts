/** How many postings were posted each month: the market's volume over time. */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { SliceOptions } from './options.ts';
import { type MarketStat, runStatistic } from './slice.ts';

export const PostingsPerMonthOptions = SliceOptions;
export type PostingsPerMonthOptionsInput = z.input<typeof PostingsPerMonthOptions>;

export interface MonthPostings {
  /** YYYY-MM. */
  month: string;
  postings: number;
}

/**
 * Postings per calendar month of posted_at, oldest first, in one statement. Months without
 * postings are left out; postings without a date count in `total` but in no month.
 *
 * @example
 * const { rows } = await postingsPerMonth(db, undefined, { filters: { skillsAll: ['Rust'] } });
 * // [{ month: '2025-05', postings: 12 }, { month: '2025-06', postings: 15 }]
 */
export async function postingsPerMonth(
  db: Db,
  embedder: Embedder | undefined,
  input: PostingsPerMonthOptionsInput = {},
): Promise<MarketStat<MonthPostings>> {
  const { row } = await runStatistic<typeof PostingsPerMonthOptions, MarketStat<MonthPostings>>(
    db,
    embedder,
    PostingsPerMonthOptions,
    input,
    'postingsPerMonth',
    () => sql`
    counted as (
      select date_trunc('month', jobs.posted_at) as month, count(*)::int as postings
      from slice join jobs on jobs.id = slice.id
      where jobs.posted_at is not null
      group by 1
    )
    select (select n from total) as total,
           coalesce(json_agg(json_build_object('month', to_char(month, 'YYYY-MM'), 'postings', postings) order by month), '[]') as rows
    from counted`,
  );
  return row;
}
