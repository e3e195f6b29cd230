/**
 * Structured filters shared by vector, text and hybrid search: validated once here, turned into
 * one boolean SQL fragment over `jobs` that each search puts inside its own statement.
 *
 * This is the one place that composes SQL from parts (the style otherwise wants one template per
 * statement): which conditions apply depends on which filters are given. Every value is a bound
 * parameter; the SQL text itself comes only from the constants below.
 */
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { MAX_FILTER_SKILLS, MAX_NAME_CHARS } from '../core/defaults.ts';
import { EMPLOYMENT_TYPES, MAX_SALARY, REMOTE_MODES } from '../core/posting.ts';
import { choice, currencyCode, dottedPath, isoDate, nonNegativeNumber, parseInput, text } from '../core/validation.ts';

const name = () => text(MAX_NAME_CHARS);
/** Postings with any of these values match. */
const anyOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(choice(values))
    .min(1)
    .optional()
    .describe(`any of ${values.join(', ')}`);
const skills = () => z.array(name()).min(1, 'needs at least one skill').max(MAX_FILTER_SKILLS);

/**
 * The filters a search can take, one field each; every field is optional and all given fields
 * must hold. Lists are comma-separated in the CLI and in URL query strings.
 */
export const FILTER_FIELDS = {
  country: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as GB or US')
        .transform((code) => code.toUpperCase()),
    )
    .min(1)
    .optional()
    .describe('countries (ISO codes such as GB, US), any of which matches'),
  city: name().optional().describe('city, compared case-insensitively'),
  remoteMode: anyOf(REMOTE_MODES),
  salaryMin: nonNegativeNumber(MAX_SALARY).optional().describe('annual salary reaching at least this (needs currency)'),
  salaryMax: nonNegativeNumber(MAX_SALARY).optional().describe('annual salary starting at most this (needs currency)'),
  currency: currencyCode().optional().describe('currency of salaryMin / salaryMax, e.g. GBP (salaries are never converted)'),
  postedAfter: isoDate().optional().describe('posted on or after YYYY-MM-DD'),
  postedBefore: isoDate().optional().describe('posted on or before YYYY-MM-DD'),
  company: name().optional().describe('employer, compared case-insensitively'),
  employmentType: anyOf(EMPLOYMENT_TYPES),
  skillsAll: skills().optional().describe('postings that ask for every one of these skills'),
  skillsAny: skills().optional().describe('postings that ask for at least one of these skills'),
};

/**
 * Count a near-duplicate cluster once (src/dupes): only its canonical posting passes, postings
 * in no cluster all pass. Off unless asked in search; on unless turned off in the statistics.
 */
const DEDUPE = {
  search: z.boolean().optional().describe('show each near-duplicate cluster once, by its canonical posting (default: off for search)'),
  stats: z.boolean().default(true).describe('count each near-duplicate cluster once, by its canonical posting (default: on for statistics)'),
};

/** The filters with the rules that tie fields together, with `dedupe` as search or the statistics take it. */
function filtersSchema<D extends z.ZodType<boolean | undefined>>(dedupe: D) {
  return z
    .strictObject({ ...FILTER_FIELDS, dedupe })
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
}

/**
 * Filters a search can take, with the rules that tie fields together.
 *
 * @example
 * parseFilters({ country: ['GB'], remoteMode: ['remote'], salaryMin: 50000, currency: 'GBP',
 *                skillsAll: ['Python', 'PostgreSQL'] });
 */
export const SearchFilters = filtersSchema(DEDUPE.search);

/** The same filters for the market statistics, where `dedupe` is on unless turned off. */
export const StatFilters = filtersSchema(DEDUPE.stats);

export type SearchFiltersInput = z.input<typeof SearchFilters>;
export type SearchFilters = z.output<typeof SearchFilters>;

/**
 * Validates filters from a caller, throwing an InvalidInputError that names each bad field and value.
 *
 * @example parseFilters({ remoteMode: ['anywhere'] }) // throws: filters.remoteMode[0]: must be one of ... (got "anywhere")
 */
export function parseFilters(input: unknown): SearchFilters {
  return parseInput(SearchFilters, input ?? {}, {
    what: 'search filters',
    noun: 'filter',
    label: (path) => dottedPath(['filters', ...path]),
    hint: `Filters are ${[...Object.keys(FILTER_FIELDS), 'dedupe'].join(', ')}.`,
  });
}

const list = (values: readonly string[]): SQL =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
const lowerList = (values: readonly string[]): SQL =>
  sql.join(
    values.map((v) => sql`lower(${v})`),
    sql`, `,
  );

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
  if (f.dedupe) {
    conditions.push(sql`(jobs.cluster_id is null or exists (select 1 from job_clusters
                          where job_clusters.id = jobs.cluster_id and job_clusters.canonical_id = jobs.id))`);
  }
  return conditions.length ? sql`(${sql.join(conditions, sql` and `)})` : sql`true`;
}
