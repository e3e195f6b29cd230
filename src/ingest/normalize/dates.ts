export interface PostedDate {
  /** YYYY-MM-DD. */
  date: string;
  /**
   * True when the text gives only a bound or a coarse age ("30+ days ago", "2 months ago"):
   * the posting is at least that old, or old to within weeks.
   */
  approximate: boolean;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})$/i;
const MONTH_DAY_YEAR = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
const AGO = /^(\d+|an?)(\+)?\s*(minute|min|hour|hr|day|week|month|year)s?\s+ago$/i;

const MS_PER: Readonly<Record<string, number>> = {
  minute: 60_000,
  min: 60_000,
  hour: 3_600_000,
  hr: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

/**
 * Reads when a posting was published, from an absolute date or from the relative text job
 * boards show ("1 day ago"), counted back from `referenceDate` (when the page was collected).
 * Absolute dates keep the day as written: "2019-08-08T00:30:00+0100" was posted on the 8th
 * where it was posted, whatever the day in UTC. Anything else (Indeed's "save job") is undefined.
 *
 * @example
 * const collected = new Date('2018-07-20T12:00:00Z');
 * parsePostedDate('2020-11-02T00:00:00', collected); // { date: '2020-11-02', approximate: false }
 * parsePostedDate('1 day ago', collected); // { date: '2018-07-19', approximate: false }
 * parsePostedDate('30+ days ago', collected); // { date: '2018-06-20', approximate: true }
 * parsePostedDate('save job', collected); // undefined
 */
export function parsePostedDate(text: string | undefined, referenceDate: Date): PostedDate | undefined {
  const value = text?.trim().replace(/\s+/g, ' ') ?? '';
  const iso = ISO.exec(value);
  if (iso !== null) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = DAY_MONTH_YEAR.exec(value);
  if (dayFirst !== null) return calendarDate(Number(dayFirst[3]), monthNumber(dayFirst[2]!), Number(dayFirst[1]));
  const monthFirst = MONTH_DAY_YEAR.exec(value);
  if (monthFirst !== null) return calendarDate(Number(monthFirst[3]), monthNumber(monthFirst[1]!), Number(monthFirst[2]));
  return relativeDate(value.toLowerCase().replace(/^(?:posted|reposted|active|updated)\s+/, ''), referenceDate);
}

function relativeDate(text: string, reference: Date): PostedDate | undefined {
  if (Number.isNaN(reference.getTime())) return undefined;
  if (/^(?:just posted|just now|today|new)$/.test(text)) return { date: isoDay(reference), approximate: false };
  if (text === 'yesterday') return { date: isoDay(new Date(reference.getTime() - MS_PER.day!)), approximate: false };
  const ago = AGO.exec(text);
  if (ago === null) return undefined;
  const count = /^an?$/.test(ago[1]!) ? 1 : Number(ago[1]);
  const unit = ago[3]!.toLowerCase();
  const date = new Date(reference.getTime());
  if (unit === 'month') date.setUTCMonth(date.getUTCMonth() - count);
  else if (unit === 'year') date.setUTCFullYear(date.getUTCFullYear() - count);
  else date.setTime(date.getTime() - count * MS_PER[unit]!);
  // "99999999999 days ago" is before any date JavaScript can hold.
  if (!Number.isFinite(date.getTime())) return undefined;
  // "30+ days" is a floor; weeks, months and years are rounded by the board.
  const approximate = ago[2] === '+' || unit === 'week' || unit === 'month' || unit === 'year';
  return { date: isoDay(date), approximate };
}

/** The date if it exists on the calendar (no 2020-02-30). */
function calendarDate(year: number, month: number, day: number): PostedDate | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return { date: isoDay(date), approximate: false };
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
