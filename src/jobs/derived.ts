/**
 * Values stored with a job that are computed from what the user gave: the text that is
 * embedded, its hash, and annualised salaries.
 */
import { createHash } from 'node:crypto';
import { JOB_FIELD_NAMES, type JOB_FIELDS, type SalaryPeriod, type StoredValues, type ValidJobInput } from '../core/posting.ts';

/** Fields that change a job's embedding; an update touching any of them re-embeds. */
export const EMBEDDED_FIELDS = ['title', 'company', 'city', 'region', 'country', 'description'] as const;

type EmbeddedFields = { [K in (typeof EMBEDDED_FIELDS)[number]]?: string | null };

/** The text embedded for a job: what a reader would use to judge it (title, employer, place, description). */
export function embeddingText(job: EmbeddedFields): string {
  const place = [job.city, job.region, job.country].filter(Boolean).join(', ');
  return [job.title, job.company, place, job.description].filter(Boolean).join('\n');
}

/** sha256 of the embedded text: equal hashes mean exact duplicates, and an unchanged embedding. */
export function contentHash(job: EmbeddedFields): string {
  return createHash('sha256').update(embeddingText(job)).digest('hex');
}

/**
 * Pay periods per year, for comparing hourly, daily and yearly pay.
 *
 * - hour 1,950: 37.5 hours a week (the NHS and most UK full-time contracts) for 52 paid weeks.
 *   The US convention is 2,080 (40 × 52); one factor for every source keeps figures comparable
 *   and the two differ by 6 %, less than the spread of any posted range.
 * - day 230: day rates are contractors' and locums' rates, not paid for holidays and bank
 *   holidays: 52 weeks × 5 days minus about 30 days off.
 * - week 52, month 12: by definition.
 */
export const PERIODS_PER_YEAR: Record<SalaryPeriod, number> = {
  hour: 1950,
  day: 230,
  week: 52,
  month: 12,
  year: 1,
};

/** A salary figure per `period`, as a yearly figure (rounded to cents). */
export function annualize(amount: number | undefined | null, period: SalaryPeriod | undefined | null): number | null {
  if (amount === undefined || amount === null || !period) return null;
  return Math.round(amount * PERIODS_PER_YEAR[period] * 100) / 100;
}

/**
 * The columns stored for a job, derived from what was given: defaults filled, salaries
 * annualised (a flagged, implausible salary is kept as given but never counted as a yearly
 * figure), the content hash computed. The one mapping used by CRUD and by ingest.
 */
export function storedFields(job: ValidJobInput, hash = contentHash(job)): StoredValues {
  const given = Object.fromEntries(GIVEN_FIELDS.map((field) => [field, job[field] ?? null]));
  const period = job.salaryPeriod ?? null;
  return {
    ...(given as Pick<StoredValues, (typeof GIVEN_FIELDS)[number]>),
    externalId: job.externalId ?? hash,
    postedApproximate: job.postedApproximate ?? false,
    salaryAnnualMin: job.salaryFlag ? null : annualize(job.salaryMin, period),
    salaryAnnualMax: job.salaryFlag ? null : annualize(job.salaryMax, period),
    contentHash: hash,
  };
}

// The stored fields taken as given (null when absent); the others are derived above.
const DERIVED = ['externalId', 'postedApproximate', 'salaryAnnualMin', 'salaryAnnualMax', 'contentHash'] as const;
const GIVEN_FIELDS = JOB_FIELD_NAMES.filter(
  (field): field is Exclude<keyof typeof JOB_FIELDS, (typeof DERIVED)[number]> => !(DERIVED as readonly string[]).includes(field),
);

export type StoredFields = StoredValues;
