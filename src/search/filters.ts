/**
 * Structured filters shared by vector, text and hybrid search: validated once here, turned into
 * one boolean SQL fragment over `jobs` that each search puts inside its own statement.
 *
 * This is the one place that composes SQL from parts (the style otherwise wants one template per
 * statement): which conditions apply depends on which filters are given. Every value is a bound
 * parameter; the SQL text itself comes only from the constants below.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { JobsightError } from '../errors.ts';
import { EMPLOYMENT_TYPES, MAX_SALARY, REMOTE_MODES } from '../jobs/model.ts';

const isoDate = z.iso.date({ error: 'expected a date as YYYY-MM-DD' });
// PostgreSQL cannot compare NUL in text: refused here rather than sent.
const name = z.string().trim().min(1, 'must not be empty').max(300).refine((s) => !s.includes('\0'), 'must not contain NUL characters (\\u0000)');
const salary = z.number().nonnegative().max(MAX_SALARY);

/**
 * Filters a search can take; every field is optional and all given fields must hold.
 *
 * @example
 * parseFilters({ country: ['GB'], remoteMode: ['remote'], salaryMin: 50000, currency: 'GBP',
 *                skillsAll: ['Python', 'PostgreSQL'] });
 */
export const SearchFilters = z
  .strictObject({
    /** ISO 3166-1 alpha-2 codes, any of which matches (`GB`, `us`: case is ignored). */
    country: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as GB or US')
          .transform((code) => code.toUpperCase()),
      )
      .min(1)
      .optional(),
    /** City name, compared case-insensitively. */
    city: name.optional(),
    /** Any of these remote modes matches. */
    remoteMode: z.array(z.enum(REMOTE_MODES)).min(1).optional(),
    /** The job's annual pay reaches at least this much (its range's top end is at or above it). */
    salaryMin: salary.optional(),
    /** The job's annual pay starts at or below this (its range's bottom end). */
    salaryMax: salary.optional(),
    /** Currency of salaryMin/salaryMax (ISO 4217); required with either, since pay is not converted. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD or GBP').optional(),
    /** Posted on or after this date. */
    postedAfter: isoDate.optional(),
    /** Posted on or before this date. */
    postedBefore: isoDate.optional(),
    /** Company name, compared case-insensitively. */
    company: name.optional(),
    /** Any of these employment types matches. */
    employmentType: z.array(z.enum(EMPLOYMENT_TYPES)).min(1).optional(),
    /** The job has every one of these skills (canonical names, case ignored). */
    skillsAll: z.array(name).min(1).max(50).optional(),
    /** The job has at least one of these skills. */
    skillsAny: z.array(name).min(1).max(50).optional(),
  })
  .refine((f) => f.currency !== undefined || (f.salaryMin === undefined && f.salaryMax === undefined), {
    message: 'is required with salaryMin or salaryMax (salaries are compared in one currency, never converted)',
    path: ['currency'],
  })
  .refine((f) => f.salaryMin === undefined || f.salaryMax === undefined || f.salaryMin <= f.salaryMax, {
    message: 'must not exceed salaryMax',
    path: ['salaryMin'],
  })
  .refine((f) => !f.postedAfter || !f.postedBefore || f.postedAfter <= f.postedBefore, {
    message: 'must not be later than postedBefore',
    path: ['postedAfter'],
  });

export type SearchFiltersInput = z.input<typeof SearchFilters>;
export type SearchFilters = z.output<typeof SearchFilters>;

/**
 * Validates filters from a caller, throwing a JobsightError that names each bad field and value.
 *
 * @example parseFilters({ remoteMode: ['anywhere'] }) // throws: filters.remoteMode[0]: Invalid option ... (got "anywhere")
 */
export function parseFilters(input: unknown): SearchFilters {
  const result = SearchFilters.safeParse(input ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.reduce<string>((at, p) => (typeof p === 'number' ? `${at}[${p}]` : `${at}.${String(p)}`), 'filters');
    const got = issue.code === 'custom' ? '' : ` (got ${JSON.stringify(issue.input)})`;
    const keys = issue.code === 'unrecognized_keys' ? ` ${issue.keys.join(', ')}` : '';
    return `${field}: ${issue.message}${keys}${got}`;
  });
  throw new JobsightError(`invalid search filters: ${problems.join('; ')}`, {
    hint: `Filters are ${Object.keys(SearchFilters.shape).join(', ')}.`,
  });
}

const list = (values: readonly string[]): SQL => sql.join(values.map((v) => sql`${v}`), sql`, `);
const lowerList = (values: readonly string[]): SQL => sql.join(values.map((v) => sql`lower(${v})`), sql`, `);

/**
 * One boolean SQL fragment over `jobs` (the table must be visible as `jobs`) that holds when the
 * job passes every given filter; `true` when none are given.
 *
 * @example sql`select id from jobs where ${filterConditions(parseFilters({ city: 'Leeds' }))}`
 */
export function filterConditions(filters: SearchFilters): SQL {
  const f = filters;
  const conditions: SQL[] = [];
  if (f.country) conditions.push(sql`jobs.country in (${list(f.country)})`);
  if (f.city) conditions.push(sql`lower(jobs.city) = lower(${f.city})`);
  if (f.remoteMode) conditions.push(sql`jobs.remote_mode in (${list(f.remoteMode)})`);
  if (f.currency && (f.salaryMin !== undefined || f.salaryMax !== undefined)) {
    conditions.push(sql`jobs.salary_currency = ${f.currency}`);
  }
  // Ranges overlap: a job paying 40-60k matches salaryMin 50k and salaryMax 45k.
  if (f.salaryMin !== undefined) {
    conditions.push(sql`coalesce(jobs.salary_annual_max, jobs.salary_annual_min) >= ${f.salaryMin}`);
  }
  if (f.salaryMax !== undefined) {
    conditions.push(sql`coalesce(jobs.salary_annual_min, jobs.salary_annual_max) <= ${f.salaryMax}`);
  }
  if (f.postedAfter) conditions.push(sql`jobs.posted_at >= ${f.postedAfter}::date`);
  if (f.postedBefore) conditions.push(sql`jobs.posted_at <= ${f.postedBefore}::date`);
  if (f.company) {
    conditions.push(sql`exists (select 1 from companies where companies.id = jobs.company_id
                                  and lower(companies.name) = lower(${f.company}))`);
  }
  if (f.employmentType) conditions.push(sql`jobs.employment_type in (${list(f.employmentType)})`);
  for (const skill of f.skillsAll ?? []) {
    conditions.push(sql`exists (select 1 from job_skills join skills on skills.id = job_skills.skill_id
                                where job_skills.job_id = jobs.id and lower(skills.name) = lower(${skill}))`);
  }
  if (f.skillsAny) {
    conditions.push(sql`exists (select 1 from job_skills join skills on skills.id = job_skills.skill_id
                                where job_skills.job_id = jobs.id and lower(skills.name) in (${lowerList(f.skillsAny)}))`);
  }
  return conditions.length ? sql`(${sql.join(conditions, sql` and `)})` : sql`true`;
}
