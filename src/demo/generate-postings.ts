/**
 * Jobsight's own realistic posting generator, for the shipped demo data set and the benchmark's
 * scale sets. It is deterministic (same options, same postings, on any machine) and lazy: a
 * generator that holds only a small window of recent postings, so 1M postings stream to a file
 * or a COPY without being held in memory.
 */
import type { JobInput } from '../core/posting.ts';
import { drawPosting, Tables, type PostingBody } from './posting.ts';
import { Random } from './random.ts';
import * as common from './vocabulary/common.ts';

export interface GeneratePostingsOptions {
  /** How many postings to yield (a non-negative integer). */
  count: number;
  /** Any integer; the same seed gives the same postings. Default 42, the demo data set's seed. */
  seed?: number;
  /**
   * The last possible `postedAt`, as YYYY-MM-DD; postings spread over the 18 months before it.
   * A fixed default (2026-10-31) keeps the output independent of the day it is generated.
   */
  endDate?: string;
}

/** Posting dates cover about 18 months; expiry dates may run up to 60 days past the end. */
const SPAN_DAYS = 548;
const MAX_EXPIRY_DAYS = 60;
const DAY_MS = 86_400_000;

/**
 * About 3% of postings are near-duplicates of a recent one: the same job advertised again (new
 * id, later date, a note at the end), as real boards have and deduplication must cope with.
 * They are drawn from a window of recent postings, which keeps memory constant.
 */
const REPOST_SHARE = 0.03;
const REPOST_WINDOW = 256;

interface Recent {
  body: PostingBody;
  day: number;
}

function validate(options: GeneratePostingsOptions): { count: number; seed: number; end: number } {
  const { count, seed = 42, endDate = '2026-10-31' } = options;
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`generatePostings: count must be a non-negative integer, got ${String(count)}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`generatePostings: seed must be an integer, got ${String(seed)}`);
  const end = /^\d{4}-\d{2}-\d{2}$/.test(endDate) ? Date.parse(`${endDate}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(end) || new Date(end).toISOString().slice(0, 10) !== endDate) {
    throw new RangeError(`generatePostings: endDate must be a date as YYYY-MM-DD, got "${endDate}"`);
  }
  return { count, seed, end };
}

/** Day `i` of the span as YYYY-MM-DD, formatted once per day rather than once per posting. */
function dayTable(end: number): { dates: string[]; weekdays: number[] } {
  const dates: string[] = [];
  const weekdays: number[] = [];
  for (let i = 0; i < SPAN_DAYS + MAX_EXPIRY_DAYS; i++) {
    const d = new Date(end - (SPAN_DAYS - 1 - i) * DAY_MS);
    dates.push(d.toISOString().slice(0, 10));
    weekdays.push(d.getUTCDay());
  }
  return { dates, weekdays };
}

/** A posting day: more recent days are a little busier, and weekends much quieter. */
function chooseDay(rng: Random, weekdays: readonly number[]): number {
  let day = SPAN_DAYS - 1 - Math.floor(SPAN_DAYS * rng.next() ** 1.25);
  const weekday = weekdays[day];
  if ((weekday === 0 || weekday === 6) && rng.chance(0.7)) {
    day += weekday === 6 ? (rng.chance(0.5) ? -1 : 2) : rng.chance(0.5) ? -2 : 1;
  }
  return Math.min(SPAN_DAYS - 1, Math.max(0, day));
}

const slugs = new Map<string, string>();
function slug(name: string): string {
  let s = slugs.get(name);
  if (s === undefined) {
    s = name
      .normalize('NFD')
      .replace(/[\u0300-\u036f']/g, '')
      .toLowerCase()
      .replace(/&/g, 'and')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    slugs.set(name, s);
  }
  return s;
}

/**
 * Yields `count` realistic job postings that pass `JobInput` validation: eight fields of work
 * (software, data, healthcare, finance, sales and marketing, trades, education, hospitality),
 * eight countries with their own currencies, pay conventions and credentials, descriptions of
 * about 120 to 450 words that mention the skills, and about 3% near-duplicate reposts.
 * `skills` is left out on purpose: it is extracted from the descriptions when jobs are stored.
 *
 * @example
 * for (const job of generatePostings({ count: 3, seed: 7 })) console.log(job.title, job.country);
 * // Data Architect US
 * // Senior Security Engineer DE
 * // Accounts Payable Clerk GB
 *
 * @example
 * const jobs = [...generatePostings({ count: 1500, seed: 42, endDate: '2026-10-31' })];
 */
export function* generatePostings(options: GeneratePostingsOptions): Generator<JobInput> {
  const { count, seed, end } = validate(options);
  const rng = new Random(seed);
  const tables = new Tables();
  const { dates, weekdays } = dayTable(end);
  const recent: Recent[] = [];
  const idWidth = Math.max(6, String(count).length);

  for (let i = 1; i <= count; i++) {
    let body: PostingBody;
    let day: number;
    const original = recent.length >= 50 && rng.chance(REPOST_SHARE) ? rng.pick(recent) : undefined;
    if (original) {
      // The same advert again, a little later (or the same day, cross-posted), with a note.
      body = { ...original.body, description: `${original.body.description}\n\n${rng.pick(common.REPOST_NOTES)}` };
      day = Math.min(SPAN_DAYS - 1, original.day + (rng.chance(0.2) ? 0 : rng.int(7, 35)));
    } else {
      body = drawPosting(rng, tables);
      day = chooseDay(rng, weekdays);
      if (recent.length < REPOST_WINDOW) recent.push({ body, day });
      else recent[i % REPOST_WINDOW] = { body, day };
    }

    const externalId = `demo-${String(i).padStart(idWidth, '0')}`;
    const posting: JobInput = { source: 'demo', externalId, ...body, postedAt: dates[day] };
    if (rng.chance(0.45)) posting.expiresAt = dates[day + rng.pick([14, 21, 28, 30, 42, 56, 60])];
    if (rng.chance(0.55)) {
      const host = slug(body.company);
      posting.url = rng.chance(0.5)
        ? `https://careers.${host}.example/jobs/${rng.int(100_000, 999_999)}`
        : `https://jobs.${host}.example/vacancies/${externalId}`;
    }
    yield posting;
  }
}
