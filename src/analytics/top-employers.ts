/** The employers with the most postings in the slice. */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { parseOptions, SliceOptions, top } from './options.ts';
import { overSlice, type MarketStat } from './slice.ts';

export const TopEmployersOptions = SliceOptions.extend({
  /** How many employers, most postings first. Default 20. */
  top: top(),
});
export type TopEmployersOptionsInput = z.input<typeof TopEmployersOptions>;

export interface EmployerPostings {
  company: string;
  postings: number;
  /** postings / total, from 0 to 1. */
  share: number;
}

/**
 * Postings per company (by the company's identity, its normalised name), in one statement.
 * Postings without a company count in `total` but in no row.
 *
 * @example
 * const { rows } = await topEmployers(db, embedder, { top: 5, like: { query: 'staff nurse' } });
 */
export async function topEmployers(
  db: Db,
  embedder: Embedder | undefined,
  input: TopEmployersOptionsInput = {},
): Promise<MarketStat<EmployerPostings>> {
  const options = parseOptions(TopEmployersOptions, input, 'topEmployers');
  const [row] = await overSlice<MarketStat<EmployerPostings>>(
    db,
    embedder,
    options,
    (ctes) => sql`
    with ${ctes},
    total as (select count(*)::int as n from slice),
    counted as (
      select companies.name as company, count(*)::int as postings
      from slice
      join jobs on jobs.id = slice.id
      join companies on companies.id = jobs.company_id
      group by companies.id, companies.name
      order by postings desc, company
      limit ${options.top}
    )
    select (select n from total) as total,
           coalesce(json_agg(json_build_object(
             'company', company, 'postings', postings, 'share', postings::float8 / (select n from total)
           ) order by postings desc, company), '[]') as rows
    from counted`,
  );
  return row!;
}
