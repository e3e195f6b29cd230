/** The skills most asked for: share of postings in the slice that name each skill. */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { parseOptions, SliceOptions, top } from './options.ts';
import { overSlice, type MarketStat } from './slice.ts';

export const SkillsInDemandOptions = SliceOptions.extend({
  /** How many skills, most asked for first. Default 20. */
  top: top(),
});
export type SkillsInDemandOptionsInput = z.input<typeof SkillsInDemandOptions>;

export interface SkillDemand {
  skill: string;
  /** Postings in the slice that ask for the skill. */
  postings: number;
  /** postings / total, from 0 to 1. */
  share: number;
}

/**
 * The top skills by share of postings, in one statement.
 *
 * @example
 * const { total, rows } = await skillsInDemand(db, embedder, { top: 10, like: { query: 'data engineer' } });
 * // rows[0]: { skill: 'SQL', postings: 140, share: 0.7 }
 */
export async function skillsInDemand(
  db: Db,
  embedder: Embedder | undefined,
  input: SkillsInDemandOptionsInput = {},
): Promise<MarketStat<SkillDemand>> {
  const options = parseOptions(SkillsInDemandOptions, input, 'skillsInDemand');
  const [row] = await overSlice<MarketStat<SkillDemand>>(
    db,
    embedder,
    options,
    (ctes) => sql`
    with ${ctes},
    total as (select count(*)::int as n from slice),
    counted as (
      select skills.name as skill, count(*)::int as postings
      from slice
      join job_skills on job_skills.job_id = slice.id
      join skills on skills.id = job_skills.skill_id
      group by skills.name
      order by postings desc, skill
      limit ${options.top}
    )
    select (select n from total) as total,
           coalesce(json_agg(json_build_object(
             'skill', skill, 'postings', postings, 'share', postings::float8 / (select n from total)
           ) order by postings desc, skill), '[]') as rows
    from counted`,
  );
  return row!;
}
