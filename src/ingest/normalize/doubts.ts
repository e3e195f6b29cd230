/**
 * Values that must not pass silently (issue 10 cases 4 and 7): NUL bytes PostgreSQL cannot
 * store, bytes that were not UTF-8, negative pay, dates no posting can have. Each is cleaned or
 * left out with a flag ("field: why") that the ingest counts and lists in the reject/flag file.
 */
import type { RawPosting } from '../raw-posting.ts';

/** A posting older than this is a mistake (or "99999 days ago"): job boards postdate it. */
export const EARLIEST_POSTED = '1990-01-01';
/** A posting date after the reference date by more than a day (time zones) is in the future. */
const FUTURE_SLACK_MS = 86_400_000;
/** An expiry this far after the reference date is a placeholder ("9999-12-31"), not a date. */
const MAX_EXPIRY_YEARS = 10;

const REPLACEMENT = '\uFFFD';

/**
 * The raw posting with NUL bytes removed from every text (PostgreSQL refuses them: one NUL used
 * to abort the whole ingest), flagging each field that had them, and flagging fields that hold
 * U+FFFD, what a decoder puts where bytes were not UTF-8 (a Latin-1 `£`).
 *
 * @example
 * const flags: string[] = [];
 * cleanRawText({ title: 'Nurse\u0000' }, flags); // { title: 'Nurse' }; flags: ['title: 1 NUL byte(s) removed']
 */
export function cleanRawText(raw: RawPosting, flags: string[]): RawPosting {
  const clean: Record<string, unknown> = { ...raw };
  for (const [field, value] of Object.entries(raw)) {
    if (typeof value !== 'string') continue;
    if (value.includes('\0')) {
      const stripped = value.replaceAll('\0', '');
      flags.push(`${field}: ${value.length - stripped.length} NUL byte(s) removed`);
      clean[field] = stripped;
    }
    if (value.includes(REPLACEMENT)) {
      flags.push(
        `${field}: holds bytes that are not UTF-8 (shown as U+FFFD); if the file is Latin-1 or Windows-1252, ingest it with --encoding windows-1252`,
      );
    }
  }
  return clean as RawPosting;
}

/** Why a value that is not text was left out, or undefined. */
export function notTextReason(raw: RawPosting, field: keyof NonNullable<RawPosting['notText']>): string | undefined {
  const given = raw.notText?.[field];
  return given === undefined ? undefined : `the JSON value ${given} is not text`;
}

/**
 * Why the salary cannot be read as given, or undefined: a negative figure (it used to become
 * positive), or an undecodable character where the currency symbol may have been (a Latin-1
 * `£` read as UTF-8: the figures would be stored without their currency).
 */
export function salaryDoubt(raw: RawPosting): string | undefined {
  for (const [name, value] of [
    ['salaryMin', raw.salaryMin],
    ['salaryMax', raw.salaryMax],
  ] as const) {
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim().replace(/,/g, '')) : Number.NaN;
    if (n < 0) return `${name} ${value} is negative`;
  }
  const text = raw.salaryText?.trim();
  if (text === undefined || text === '-1') return undefined; // Glassdoor's "no salary"
  // A minus right before a figure, not after one (a range "30,000 - 40,000", "$53K-$91K").
  if (/(?:^|[^\d\sKkMm.,])\s*[-\u2212]\s*[£$€¥₹]?\s*\d/.test(text)) return `"${text}" has a negative figure`;
  if (text.includes(REPLACEMENT)) return `"${text}" has an undecodable character where the currency symbol may be`;
  return undefined;
}

/**
 * Why a date cannot be the posting's (before 1990, or after the reference date), or undefined.
 *
 * @example postedDateDoubt('9999-12-31', new Date('2020-06-01')) // 'after the reference date 2020-06-01'
 */
export function postedDateDoubt(date: string, referenceDate: Date): string | undefined {
  if (date < EARLIEST_POSTED) return `before ${EARLIEST_POSTED}`;
  const reference = referenceDate.getTime();
  if (Number.isFinite(reference) && Date.parse(`${date}T00:00:00Z`) > reference + FUTURE_SLACK_MS) {
    return `after the reference date ${referenceDate.toISOString().slice(0, 10)}`;
  }
  return undefined;
}

/** Why a date cannot be the posting's expiry (before 1990, or a placeholder far in the future), or undefined. */
export function expiryDateDoubt(date: string, referenceDate: Date): string | undefined {
  if (date < EARLIEST_POSTED) return `before ${EARLIEST_POSTED}`;
  const reference = referenceDate.getTime();
  if (!Number.isFinite(reference)) return undefined;
  const limit = new Date(reference);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_EXPIRY_YEARS);
  if (Date.parse(`${date}T00:00:00Z`) > limit.getTime())
    return `more than ${MAX_EXPIRY_YEARS} years after the reference date: a placeholder, not a date`;
  return undefined;
}
