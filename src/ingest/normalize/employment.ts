import type { EmploymentType } from '../../core/posting.ts';

/**
 * Words job boards use for a kind of employment, lower case, separators as spaces. Covers
 * schema.org values (NHS Jobs: FULL_TIME, PART_TIME, TEMPORARY, VOLUNTEER, OTHER), LinkedIn's
 * column (Full-time, Part-time, Contract, Temporary, Internship, Volunteer) and the words of
 * UK health and US job ads.
 */
const TYPES: Readonly<Record<string, EmploymentType>> = {
  'full time': 'full_time',
  fulltime: 'full_time',
  ft: 'full_time',
  'permanent full time': 'full_time',
  'part time': 'part_time',
  parttime: 'part_time',
  pt: 'part_time',
  'permanent part time': 'part_time',
  contract: 'contract',
  contractor: 'contract',
  'contract to hire': 'contract',
  freelance: 'contract',
  // A UK fixed-term post is a contract of stated length ("12-month fixed").
  'fixed term': 'contract',
  'fixed term contract': 'contract',
  temporary: 'temporary',
  temp: 'temporary',
  seasonal: 'temporary',
  secondment: 'temporary',
  // A locum stands in for an absent doctor for a while.
  locum: 'temporary',
  intern: 'internship',
  internship: 'internship',
  apprenticeship: 'internship',
  apprentice: 'internship',
  trainee: 'internship',
  placement: 'internship',
  volunteer: 'volunteer',
  voluntary: 'volunteer',
  // NHS bank staff are called in shift by shift and paid for the shifts they work.
  'per diem': 'per_diem',
  bank: 'per_diem',
  sessional: 'per_diem',
  casual: 'per_diem',
  'zero hours': 'per_diem',
  'as needed': 'per_diem',
  prn: 'per_diem',
  other: 'other',
};

/** Placeholders for "not given". */
const NOTHING = /^(?:|-1|n\/?a|none|null|unknown|not specified)$/;

/**
 * Maps a source's employment type to one of EMPLOYMENT_TYPES. Accepts schema.org arrays
 * (`["FULL_TIME", "PART_TIME"]`) and lists ("Permanent, Part-time"): the first recognised
 * value wins, as sources list the main one first. Unrecognised text is 'other'; nothing at all
 * is undefined.
 *
 * @example
 * normalizeEmploymentType('FULL_TIME'); // 'full_time'
 * normalizeEmploymentType('Part-time'); // 'part_time'
 * normalizeEmploymentType(['TEMPORARY', 'PART_TIME']); // 'temporary'
 * normalizeEmploymentType('Bank'); // 'per_diem'
 * normalizeEmploymentType(''); // undefined
 */
export function normalizeEmploymentType(s: string | readonly string[] | undefined): EmploymentType | undefined {
  if (s === undefined) return undefined;
  const values = (typeof s === 'string' ? [s] : s).flatMap((value) => value.split(/[,;/|]/));
  const keys = values
    .map((value) => value.trim().toLowerCase())
    .filter((value) => !NOTHING.test(value))
    .map((value) => value.replace(/[\s_-]+/g, ' ').trim());
  if (keys.length === 0) return undefined;
  for (const key of keys) {
    const type = TYPES[key] ?? TYPES[key.replace(/\s+(?:post|position|role|job|work|staff|only)$/, '')];
    if (type !== undefined) return type;
  }
  // "Permanent" says how long, not how many hours: it yields to "Part-time" in the same list,
  // and alone it means full time, as nearly every permanent post without a pattern is.
  return keys.some((key) => /^permanent\b/.test(key)) ? 'full_time' : 'other';
}
