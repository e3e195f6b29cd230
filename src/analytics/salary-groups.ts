/**
 * What salaries can be grouped by: each choice maps to constant SQL, a key expression over
 * `jobs` and the joins it needs, so no user text ever becomes SQL. Rows whose key is null (no
 * city, a title that is all seniority words) belong to no group.
 */
import { sql, type SQL } from 'drizzle-orm';

/**
 * A title's family: lower-case, cut at " - " or "(" (team names, locations, contract notes),
 * seniority words removed, spaces squeezed, punctuation trimmed from both ends.
 * "Sr. Data Scientist - Growth (Remote)" and "Data Scientist II" are both "data scientist".
 * (`\m` and `\M` are PostgreSQL's word-start and word-end.)
 */
export const SENIORITY_WORDS = ['senior', 'junior', 'lead', 'principal', 'sr', 'jr', 'i', 'ii', 'iii', 'iv'] as const;

const TITLE_FAMILY = sql.raw(String.raw`nullif(regexp_replace(regexp_replace(regexp_replace(
      split_part(split_part(lower(jobs.title), ' - ', 1), '(', 1),
      '\m(${SENIORITY_WORDS.join('|')})\M\.?', ' ', 'g'),
      '\s+', ' ', 'g'),
      '^[^[:alnum:]]+|[^[:alnum:]]+$', '', 'g'), '')`);

export const SALARY_GROUPS = {
  /** The title family (see TITLE_FAMILY): "Senior Data Scientist" counts as "data scientist". */
  title: { key: TITLE_FAMILY, join: sql`` },
  /** "City, country" (so London, GB and London, CA stay apart). */
  city: { key: sql`case when jobs.city is not null then concat_ws(', ', jobs.city, jobs.country) end`, join: sql`` },
  country: { key: sql`jobs.country`, join: sql`` },
  /** Each skill a posting asks for: one posting counts in as many groups as it names skills. */
  skill: {
    key: sql`skills.name`,
    join: sql`join job_skills on job_skills.job_id = jobs.id join skills on skills.id = job_skills.skill_id`,
  },
  'employment-type': { key: sql`jobs.employment_type`, join: sql`` },
  remote: { key: sql`jobs.remote_mode`, join: sql`` },
  company: { key: sql`companies.name`, join: sql`join companies on companies.id = jobs.company_id` },
} as const satisfies Record<string, { key: SQL; join: SQL }>;

export type SalaryGroup = keyof typeof SALARY_GROUPS;
export const SALARY_GROUP_NAMES = Object.keys(SALARY_GROUPS) as [SalaryGroup, ...SalaryGroup[]];
