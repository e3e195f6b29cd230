import { JobInput, MAX_SALARY } from '../../core/posting.ts';
import type { RawPosting } from '../raw-posting.ts';
import { cleanCompanyName } from './company.ts';
import { parsePostedDate } from './dates.ts';
import { cleanRawText, expiryDateDoubt, notTextReason, postedDateDoubt, salaryDoubt } from './doubts.ts';
import { normalizeEmploymentType } from './employment.ts';
import { cleanText, htmlToText } from './html.ts';
import { parseLocation } from './location.ts';
import { detectRemoteMode } from './remote.ts';
import { parseSalary } from './salary.ts';

export interface NormalizeOptions {
  /** Stored as the job's `source` ("nhs-jobs", "glassdoor.csv"). */
  source: string;
  /** When the source was collected: "3 days ago" counts back from it. */
  referenceDate: Date;
  /** Currency of bare amounts, and of `$` when it is a dollar currency. */
  defaultCurrency?: string;
}

export type NormalizeResult =
  | {
      ok: true;
      job: JobInput;
      /** What was doubted, dropped or corrected, each "field: why" for the import report. */
      flags: string[];
      /** The posted date came from "30+ days ago" or the like. */
      postedApproximate: boolean;
    }
  | { ok: false; field: string; reason: string };

/** Limits of JobInput's text fields; longer values are dropped with a flag, not rejected. */
const MAX_LENGTH = { externalId: 500, company: 300, city: 200, region: 200, country: 100, url: 2000, description: 200_000 };
const PLACEHOLDER_TITLE = /^(?:-1|n\/?a|null|undefined|none|untitled|title|job title|tbc|test)$/i;

/**
 * Turns what a reader found into a job the library can store. Only a row that cannot be a
 * posting is rejected (no title, or a title that is not one); anything else that is doubtful is
 * left out of the job and named in `flags`.
 *
 * @example
 * const result = normalizePosting(
 *   { title: 'Data Scientist', company: 'Tecolote Research\n3.8', location: 'Albuquerque, NM',
 *     salaryText: '$53K-$91K (Glassdoor est.)' },
 *   { source: 'glassdoor', referenceDate: new Date('2020-06-01') },
 * );
 * // result.ok === true; result.job.company === 'Tecolote Research'; result.job.region === 'NM'
 * normalizePosting({ title: '-1' }, options);
 * // { ok: false, field: 'title', reason: 'title "-1" is a placeholder, not a job title' }
 */
export function normalizePosting(given: RawPosting, options: NormalizeOptions): NormalizeResult {
  const flags: string[] = [];
  const raw = cleanRawText(given, flags);
  const titleNotText = notTextReason(raw, 'title');
  if (titleNotText !== undefined) return { ok: false, field: 'title', reason: `title: ${titleNotText}` };
  const title = cleanText(raw.title);
  const titleProblem = problemWithTitle(title, raw.title);
  if (titleProblem !== undefined) return { ok: false, field: 'title', reason: titleProblem };
  for (const field of Object.keys(raw.notText ?? {}) as (keyof NonNullable<RawPosting['notText']>)[]) {
    flags.push(`${field}: ${notTextReason(raw, field)}; left out`);
  }

  const keep = <T extends string>(field: keyof typeof MAX_LENGTH, value: T | undefined): T | undefined => {
    if (value === undefined || value.length <= MAX_LENGTH[field]) return value;
    flags.push(`${field}: ${value.length} characters, over the limit of ${MAX_LENGTH[field]}; left out`);
    return undefined;
  };

  const description = htmlToText(raw.description ?? '');
  const place = parseLocation(raw);
  const job: JobInput = {
    source: options.source,
    title: title!,
    description: keep('description', description) ?? '',
  };
  assign(job, 'externalId', keep('externalId', cleanText(raw.externalId)));
  assign(job, 'company', keep('company', cleanCompanyName(raw.company)));
  assign(job, 'city', keep('city', place.city));
  assign(job, 'region', keep('region', place.region));
  assign(job, 'country', keep('country', place.country));
  const where = raw.location ?? raw.city;
  assign(job, 'remoteMode', detectRemoteMode({ title, location: where, remote: raw.remote, description }));
  assign(job, 'employmentType', normalizeEmploymentType(raw.employmentType));

  // A negative or half-decoded salary is kept as text only: its figures would be wrong.
  const doubt = salaryDoubt(raw);
  if (doubt !== undefined) flags.push(`salary: ${doubt}; figures left out (the text is kept)`);
  const salary =
    doubt !== undefined
      ? { annualMin: null, annualMax: null }
      : parseSalary(
          { text: raw.salaryText, min: raw.salaryMin, max: raw.salaryMax, currency: raw.salaryCurrency, unit: raw.salaryUnit },
          { defaultCurrency: options.defaultCurrency },
        );
  if (salary.flag !== undefined) flags.push(`salary: ${salary.flag}`);
  assign(job, 'salaryText', cleanText(raw.salaryText)?.slice(0, 500));
  const believed = salary.annualMin !== null || salary.annualMax !== null;
  // A salary with no annual figure was not believed: it is kept as given with the reason in
  // salaryFlag, which keeps it out of the annualised columns (a range upside down is dropped:
  // the schema refuses min > max).
  const ordered = salary.min === undefined || salary.max === undefined || salary.min <= salary.max;
  const storable = (salary.min ?? 0) <= MAX_SALARY && (salary.max ?? 0) <= MAX_SALARY;
  if (!storable) flags.push('salary: figures too large to be pay; left out');
  if (storable && (believed || ordered)) {
    assign(job, 'salaryMin', salary.min);
    assign(job, 'salaryMax', salary.max);
  }
  if (salary.min !== undefined || salary.max !== undefined) {
    assign(job, 'salaryCurrency', salary.currency);
    assign(job, 'salaryPeriod', salary.period);
  }
  if (!believed && salary.flag !== undefined) job.salaryFlag = salary.flag.slice(0, 500);

  let posted = parsePostedDate(raw.datePosted, options.referenceDate);
  if (posted === undefined && cleanText(raw.datePosted) !== undefined) flags.push(`datePosted: "${raw.datePosted}" is not a date; left out`);
  const postedDoubt = posted && postedDateDoubt(posted.date, options.referenceDate);
  if (postedDoubt) {
    flags.push(`datePosted: ${shownDate(raw.datePosted, posted!.date)} is ${postedDoubt}; left out`);
    posted = undefined;
  }
  assign(job, 'postedAt', posted?.date);
  if (posted?.approximate) job.postedApproximate = true;
  let expires = parsePostedDate(raw.validThrough, options.referenceDate);
  if (expires === undefined && cleanText(raw.validThrough) !== undefined) flags.push(`validThrough: "${raw.validThrough}" is not a date; left out`);
  const expiryDoubt = expires && expiryDateDoubt(expires.date, options.referenceDate);
  if (expiryDoubt) {
    flags.push(`validThrough: ${shownDate(raw.validThrough, expires!.date)} is ${expiryDoubt}; left out`);
    expires = undefined;
  }
  assign(job, 'expiresAt', expires?.date);
  assign(job, 'url', webAddress(keep('url', cleanText(raw.url)), flags));

  const checked = JobInput.safeParse(job);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const field = issue.path.join('.') || 'posting';
    return { ok: false, field, reason: `${field}: ${issue.message}` };
  }
  return { ok: true, job: checked.data, flags, postedApproximate: posted?.approximate ?? false };
}

/**
 * Why the title cannot be a job's title, or undefined when it can. "GP", "FY2" and "ST3+" are
 * real titles (NHS grades); "200002L8" is a vacancy reference in the title column.
 */
function problemWithTitle(title: string | undefined, written: string | undefined): string | undefined {
  if (title === undefined) return written === undefined ? 'the posting has no title' : 'the title is empty';
  if (PLACEHOLDER_TITLE.test(title)) return `title "${title}" is a placeholder, not a job title`;
  if (!/\p{L}/u.test(title)) return `title "${title}" has no letters`;
  const digits = title.replace(/\D/g, '').length;
  if (!/\s/.test(title) && digits >= 4 && digits >= title.replace(/\P{L}/gu, '').length) {
    return `title "${title}" looks like a reference number, not a job title`;
  }
  if (/^https?:\/\//i.test(title)) return `title "${title}" is a web address, not a job title`;
  if (title.length > 500) return `title is ${title.length} characters long, over 500: probably a description in the title column`;
  return undefined;
}

/** `"99999 days ago" (1746-08-18)`: the text as given, and the date read from it when that differs. */
function shownDate(text: string | undefined, date: string): string {
  return text?.trim() === date ? `"${date}"` : `"${text}" (${date})`;
}

/** Only http(s) addresses; anything else is flagged and left out. */
function webAddress(url: string | undefined, flags: string[]): string | undefined {
  if (url === undefined) return undefined;
  if (/^https?:\/\//i.test(url) && URL.canParse(url)) return url;
  flags.push(`url: "${url}" is not a web address; left out`);
  return undefined;
}

/** Sets an optional field only when there is a value, so the job has no `undefined` keys. */
function assign<K extends keyof JobInput>(job: JobInput, key: K, value: JobInput[K] | undefined): void {
  if (value !== undefined) job[key] = value;
}
