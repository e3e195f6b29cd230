/** The skills asked for together with a given skill, and how much more often than by chance. */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { text } from '../core/validation.ts';
import type { Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { SliceOptions, top } from './options.ts';
import { unknownSkillsError } from './skill-names.ts';
import { type MarketStat, runStatistic } from './slice.ts';

export const CoOccurringSkillsOptions = SliceOptions.extend({
  /** The skill to start from (canonical name, case ignored). */
  skill: text(100).describe('a skill name, e.g. Python'),
  /** How many skills, most often together first. Default 20. */
  top: top(),
});
export type CoOccurringSkillsOptionsInput = z.input<typeof CoOccurringSkillsOptions>;

export interface SkillTogether {
  skill: string;
  /** Postings in the slice that ask for both skills. */
  postings: number;
  /** postings / postingsWithSkill: how often the given skill comes with this one, 0 to 1. */
  share: number;
  /**
   * share / (this skill's share of the whole slice): above 1, the two are asked for together more
   * often than if they were independent.
   */
  lift: number;
}

export interface CoOccurringSkills extends MarketStat<SkillTogether> {
  /** The given skill's canonical name. */
  skill: string;
  /** Postings in the slice that ask for the given skill. */
  postingsWithSkill: number;
}

/**
 * Skills asked for together with `skill`, most often first, in one statement.
 *
 * @example
 * const { rows } = await coOccurringSkills(db, undefined, { skill: 'Python', top: 5 });
 * // [{ skill: 'SQL', postings: 120, share: 0.6, lift: 1.4 }, ...]
 */
export async function coOccurringSkills(db: Db, embedder: Embedder | undefined, input: CoOccurringSkillsOptionsInput): Promise<CoOccurringSkills> {
  const { row, options } = await runStatistic<typeof CoOccurringSkillsOptions, Partial<CoOccurringSkills> & { total: number; rows: SkillTogether[] }>(
    db,
    embedder,
    CoOccurringSkillsOptions,
    input,
    'coOccurringSkills',
    (options) => sql`
    target as (select id, name from skills where lower(name) = lower(${options.skill}) limit 1),
    with_skill as (
      select slice.id from slice join job_skills on job_skills.job_id = slice.id
      where job_skills.skill_id = (select id from target)
    ),
    prevalence as (
      select job_skills.skill_id, count(*)::int as postings
      from slice join job_skills on job_skills.job_id = slice.id
      group by job_skills.skill_id
    ),
    with_skill_count as (select count(*)::float8 as n from with_skill),
    -- The counts are joined in rather than scalar subqueries beside the aggregates: Citus cannot
    -- push such subqueries down to the shards, and the arithmetic is the same.
    together as (
      select skills.name as skill, count(*)::int as postings,
             count(*)::float8 / with_skill_count.n as share,
             count(*)::float8 / with_skill_count.n / (prevalence.postings::float8 / total.n) as lift
      from with_skill
      join job_skills on job_skills.job_id = with_skill.id
      join skills on skills.id = job_skills.skill_id
      join prevalence on prevalence.skill_id = skills.id
      cross join with_skill_count
      cross join total
      cross join target
      where skills.id <> target.id
      group by skills.name, prevalence.postings, with_skill_count.n, total.n
      order by postings desc, lift desc, skill
      limit ${options.top}
    )
    select (select n from total) as total,
           (select name from target) as skill,
           (select count(*)::int from with_skill) as "postingsWithSkill",
           coalesce((select json_agg(json_build_object('skill', skill, 'postings', postings, 'share', share, 'lift', lift)
                                     order by postings desc, lift desc, skill) from together), '[]') as rows`,
  );
  if (!row.skill) throw unknownSkillsError([options.skill]);
  return { skill: row.skill, postingsWithSkill: row.postingsWithSkill!, total: row.total, rows: row.rows };
}
