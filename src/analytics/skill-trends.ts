/** Whether chosen skills are asked for more or less over time: their share of each month's postings. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { MAX_TREND_SKILLS } from '../core/defaults.ts';
import { text } from '../core/validation.ts';
import type { Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { unknownSkillsError } from './skill-names.ts';
import { SliceOptions } from './options.ts';
import { type MarketStat, runStatistic } from './slice.ts';

export { MAX_TREND_SKILLS };

export const SkillTrendsOptions = SliceOptions.extend({
  /** Skill names (canonical, case ignored), 1 to 20. */
  skills: z
    .array(text(100))
    .min(1, 'needs at least one skill')
    .max(MAX_TREND_SKILLS)
    // "Python, python" is one skill, shown once.
    .transform((names) => [...new Map(names.map((n) => [n.toLowerCase(), n])).values()])
    .describe(`skill names, e.g. Python SQL "Power BI" (1 to ${MAX_TREND_SKILLS})`),
});
export type SkillTrendsOptionsInput = z.input<typeof SkillTrendsOptions>;

export interface SkillMonthShare {
  /** YYYY-MM. */
  month: string;
  /** The canonical name ("PostgreSQL" for "postgresql"). */
  skill: string;
  /** Postings that month asking for the skill. */
  postings: number;
  /** Postings that month in the slice. */
  monthPostings: number;
  /** postings / monthPostings, from 0 to 1. */
  share: number;
}

/**
 * For each month with postings (by posted_at) and each skill, the share of that month's postings
 * that ask for it, 0 included, in one statement. Unknown skill names are refused, naming them.
 *
 * @example
 * const { rows } = await skillTrends(db, undefined, { skills: ['Python', 'Rust'] });
 * // [{ month: '2025-05', skill: 'Python', postings: 40, monthPostings: 200, share: 0.2 }, ...]
 */
export async function skillTrends(db: Db, embedder: Embedder | undefined, input: SkillTrendsOptionsInput): Promise<MarketStat<SkillMonthShare>> {
  const { row } = await runStatistic<typeof SkillTrendsOptions, MarketStat<SkillMonthShare> & { unknown: string[] | null }>(
    db,
    embedder,
    SkillTrendsOptions,
    input,
    'skillTrends',
    (options) => sql`
    wanted as (
      select given.name as given, given.ord, skills.id, skills.name
      from unnest(${sql.param(options.skills)}::text[]) with ordinality as given (name, ord)
      left join skills on lower(skills.name) = lower(given.name)
    ),
    dated as (
      select jobs.id, date_trunc('month', jobs.posted_at) as month
      from slice join jobs on jobs.id = slice.id
      where jobs.posted_at is not null
    ),
    months as (select month, count(*)::int as postings from dated group by month),
    cells as (
      select months.month, wanted.ord, wanted.name as skill, months.postings as month_postings,
             count(job_skills.job_id)::int as postings
      from months
      cross join wanted
      left join dated on dated.month = months.month
      left join job_skills on job_skills.job_id = dated.id and job_skills.skill_id = wanted.id
      where wanted.id is not null
      group by months.month, wanted.ord, wanted.name, months.postings
    )
    select (select n from total) as total,
           (select json_agg(given order by ord) from wanted where id is null) as unknown,
           coalesce((select json_agg(json_build_object(
             'month', to_char(month, 'YYYY-MM'), 'skill', skill, 'postings', postings,
             'monthPostings', month_postings, 'share', postings::float8 / month_postings
           ) order by month, ord) from cells), '[]') as rows`,
  );
  if (row.unknown) throw unknownSkillsError(row.unknown);
  return { total: row.total, rows: row.rows };
}
