/** Pay by group: quartiles of annualised salary, per group and currency, over the slice. */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { DEFAULT_MIN_COUNT } from '../core/defaults.ts';
import { choice, wholeNumber } from '../core/validation.ts';
import type { Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { parseOptions, SliceOptions, top } from './options.ts';
import { SALARY_GROUP_NAMES, SALARY_GROUPS, type SalaryGroup } from './salary-groups.ts';
import { overSlice, type MarketStat } from './slice.ts';

export { DEFAULT_MIN_COUNT };

export const SalaryStatsOptions = SliceOptions.extend({
  /** What to group by: title (family), city, country, skill, employment-type, remote or company. */
  by: choice(SALARY_GROUP_NAMES).describe('group by'),
  /** Leave out groups resting on fewer postings than this. Default 3. */
  minCount: wholeNumber(1).default(DEFAULT_MIN_COUNT).describe('leave out groups with fewer postings'),
  /** How many groups, those with the most postings first. Default 20. */
  top: top(),
});
export type SalaryStatsOptionsInput = z.input<typeof SalaryStatsOptions>;

export interface SalaryGroupStats {
  /** The group's key: a title family, "City, CC", a skill... */
  group: string;
  /** ISO 4217; pay in different currencies is never mixed (nor converted). */
  currency: string;
  /** Postings the figures rest on. */
  postings: number;
  /** Quartiles of annual pay (continuous percentiles), rounded to cents. */
  p25: number;
  median: number;
  p75: number;
}

export interface SalaryStats extends MarketStat<SalaryGroupStats> {
  by: SalaryGroup;
  /** Postings in the slice with an annual salary (before grouping). */
  withSalary: number;
}

/**
 * p25 / median / p75 of annual pay per group and currency, in one statement. A posting's pay is
 * the midpoint of its annualised range, or the one end it gives. Only annualised salaries count:
 * ingest leaves implausible ones (salary_flag) out of those columns, and pay per session or shift
 * has no yearly figure.
 *
 * @example
 * const { rows } = await salaryStats(db, embedder, { by: 'title', like: { query: 'machine learning engineer' } });
 * // [{ group: 'machine learning engineer', currency: 'USD', postings: 31, p25: 98000, median: 114500, p75: 131000 }, ...]
 */
export async function salaryStats(db: Db, embedder: Embedder | undefined, input: SalaryStatsOptionsInput): Promise<SalaryStats> {
  const options = parseOptions(SalaryStatsOptions, input, 'salaryStats');
  const group = SALARY_GROUPS[options.by];
  const [row] = await overSlice<Omit<SalaryStats, 'by'>>(
    db,
    embedder,
    options,
    sql`
    paid as (
      select jobs.id, jobs.salary_currency as currency,
             coalesce((jobs.salary_annual_min + jobs.salary_annual_max) / 2,
                      jobs.salary_annual_min, jobs.salary_annual_max)::float8 as pay
      from slice join jobs on jobs.id = slice.id
      where coalesce(jobs.salary_annual_min, jobs.salary_annual_max) is not null and jobs.salary_currency is not null
    ),
    keyed as (
      select ${group.key} as grp, paid.currency, paid.pay
      from paid join jobs on jobs.id = paid.id ${group.join}
    ),
    grouped as (
      select grp, currency, count(*)::int as postings,
             percentile_cont(0.25) within group (order by pay) as p25,
             percentile_cont(0.5) within group (order by pay) as median,
             percentile_cont(0.75) within group (order by pay) as p75
      from keyed
      where grp is not null
      group by grp, currency
      having count(*) >= ${options.minCount}
      order by postings desc, grp, currency
      limit ${options.top}
    )
    select (select n from total) as total,
           (select count(*)::int from paid) as "withSalary",
           coalesce((select json_agg(json_build_object(
             'group', grp, 'currency', currency, 'postings', postings,
             'p25', round(p25::numeric, 2), 'median', round(median::numeric, 2), 'p75', round(p75::numeric, 2)
           ) order by postings desc, grp, currency) from grouped), '[]') as rows`,
  );
  return { by: options.by, total: row!.total, withSalary: row!.withSalary, rows: row!.rows };
}
