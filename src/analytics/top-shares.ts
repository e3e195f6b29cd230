/**
 * The statistics that rank things by how many postings in the slice name them: the skills most
 * asked for and the employers with the most postings. Each is the top N by count, with its share
 * of the slice, in one statement.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { parseOptions, SliceOptions, top } from './options.ts';
import { type MarketStat, overSlice } from './slice.ts';

/** How many things, most postings first. Default 20. */
export const TopSharesOptions = SliceOptions.extend({ top: top() });
export type TopSharesOptionsInput = z.input<typeof TopSharesOptions>;

export const SkillsInDemandOptions = TopSharesOptions;
export const TopEmployersOptions = TopSharesOptions;
export type SkillsInDemandOptionsInput = TopSharesOptionsInput;
export type TopEmployersOptionsInput = TopSharesOptionsInput;

interface Shared {
  /** Postings in the slice that name it. */
  postings: number;
  /** postings / total, from 0 to 1. */
  share: number;
}
export type SkillDemand = Shared & { skill: string };
export type EmployerPostings = Shared & { company: string };

interface Ranked {
  /** The row's label field. */
  label: 'skill' | 'company';
  /** Joins from `slice` to the thing counted, the expression that names it, and what identifies one. */
  joins: SQL;
  name: SQL;
  groupBy: SQL;
}

/** The `top` things by postings, most first (ties by name). */
async function topShares<Row>(db: Db, embedder: Embedder | undefined, input: unknown, what: string, ranked: Ranked) {
  const options = parseOptions(TopSharesOptions, input, what);
  const label = sql.raw(`'${ranked.label}'`);
  const [row] = await overSlice<MarketStat<Row>>(
    db,
    embedder,
    options,
    sql`counted as (
      select ${ranked.name} as name, count(*)::int as postings
      from slice ${ranked.joins}
      group by ${ranked.groupBy}
      order by postings desc, name
      limit ${options.top}
    )
    select (select n from total) as total,
           coalesce(json_agg(json_build_object(
             ${label}, name, 'postings', postings, 'share', postings::float8 / (select n from total)
           ) order by postings desc, name), '[]') as rows
    from counted`,
  );
  return row!;
}

/**
 * The top skills by share of postings.
 *
 * @example
 * const { total, rows } = await skillsInDemand(db, embedder, { top: 10, like: { query: 'data engineer' } });
 * // rows[0]: { skill: 'SQL', postings: 140, share: 0.7 }
 */
export function skillsInDemand(db: Db, embedder: Embedder | undefined, input: TopSharesOptionsInput = {}): Promise<MarketStat<SkillDemand>> {
  return topShares(db, embedder, input, 'skillsInDemand', {
    label: 'skill',
    joins: sql`join job_skills on job_skills.job_id = slice.id join skills on skills.id = job_skills.skill_id`,
    name: sql`skills.name`,
    groupBy: sql`skills.name`,
  });
}

/**
 * Postings per company (by the company's identity, its normalised name). Postings without a
 * company count in `total` but in no row.
 *
 * @example
 * const { rows } = await topEmployers(db, embedder, { top: 5, like: { query: 'staff nurse' } });
 */
export function topEmployers(db: Db, embedder: Embedder | undefined, input: TopSharesOptionsInput = {}): Promise<MarketStat<EmployerPostings>> {
  return topShares(db, embedder, input, 'topEmployers', {
    label: 'company',
    joins: sql`join jobs on jobs.id = slice.id join companies on companies.id = jobs.company_id`,
    name: sql`companies.name`,
    groupBy: sql`companies.id, companies.name`,
  });
}
