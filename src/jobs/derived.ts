/**
 * Values stored with a job that are computed from what the user gave: the text that is
 * embedded, its hash, and annualised salaries.
 */
import { createHash } from 'node:crypto';
import type { SalaryPeriod } from './model.ts';

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
 * Working time per pay period in a year, for comparing hourly and yearly pay: 37.5 hours a
 * week and 52 weeks (1,950 hours); 230 working days (260 weekdays less holidays).
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
