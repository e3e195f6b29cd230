import { annualize as annualizeExact } from '../../jobs/derived.ts';
import type { SalaryPeriod } from '../../core/posting.ts';
import { cleanText } from './html.ts';
import { readSalaryText, type SalaryTextReading, type UnsizedPeriod } from './salary-text.ts';

/**
 * Yearly pay outside these bounds is a typo or digits that are not pay (a postcode, a
 * vacancy number). The bounds are in units of the currency, which suits GBP, USD and EUR;
 * a currency with small units (JPY, INR) would need its own.
 */
const ANNUAL_MIN = 1_000;
const ANNUAL_MAX = 1_000_000;

/**
 * A range whose top is more than five times its bottom is not one job's pay: in the NHS data
 * such ranges are typos ("£45,753 to £514,668", "25 -31000"); real ranges, hourly ones
 * included, stay under three.
 */
const MAX_RANGE_RATIO = 5;

/** Amounts a source's unit can plausibly describe; outside these the unit is wrong. */
const PLAUSIBLE: Readonly<Record<SalaryPeriod, [number, number]>> = {
  hour: [2, 500],
  day: [20, 5_000],
  week: [50, 20_000],
  month: [200, 100_000],
  year: [ANNUAL_MIN, ANNUAL_MAX],
};

const DOLLAR_CURRENCIES = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD']);
const SYMBOLS: Readonly<Record<string, string>> = { '£': 'GBP', '€': 'EUR', '¥': 'JPY', '₹': 'INR' };

export interface SalaryInput {
  /** Free text: "$53K-$91K (Glassdoor est.)", "£10.50 per hour", "negotiable". */
  text?: string;
  /** Figures the source gives as data (NHS `minValue`), trusted less than the text they came from. */
  min?: number | string;
  max?: number | string;
  currency?: string;
  /** The source's unit ("YEAR"), checked against the amount before it is believed. */
  unit?: string;
}

export interface SalaryContext {
  /** The currency of bare amounts, and of `$` when it is a dollar currency (CAD for a Canadian board). */
  defaultCurrency?: string;
}

export interface ParsedSalary {
  min?: number;
  max?: number;
  currency?: string;
  period?: SalaryPeriod;
  /** Null when there is no salary or it is not believable (then `flag` says why). */
  annualMin: number | null;
  annualMax: number | null;
  /**
   * Why the figures were doubted. With non-null annual figures the salary was used after a
   * correction (a wrong unit); with null ones it was rejected and min/max are the raw figures.
   */
  flag?: string;
}

/**
 * Reads a posting's pay. The text wins over the source's figures, which job boards derive
 * from it (badly: NHS turns "Band 5/6" into 10,086 a year); figures beside a text without
 * digits ("DOE") stand. "negotiable", "Competitive", "-1" and "" mean no salary, which is not
 * an error.
 *
 * @example
 * parseSalary({ text: '$53K-$91K (Glassdoor est.)' });
 * // { min: 53000, max: 91000, currency: 'USD', period: 'year', annualMin: 53000, annualMax: 91000 }
 * parseSalary({ text: '£10.50 per hour' });
 * // { min: 10.5, max: 10.5, currency: 'GBP', period: 'hour', annualMin: 20475, annualMax: 20475 }
 * parseSalary({ min: '10.5', max: '10.5', unit: 'YEAR', currency: 'GBP' });
 * // period 'hour', annualMin 20475, flag 'unit YEAR does not fit 10.5; read as pay per hour'
 */
export function parseSalary(input: SalaryInput, context: SalaryContext = {}): ParsedSalary {
  const text = meaningfulText(input.text);
  const reading = text === undefined ? undefined : readSalaryText(text);
  const given = { min: toAmount(input.min), max: toAmount(input.max) };
  const hasGiven = given.min !== undefined || given.max !== undefined;
  const currency = pickCurrency(reading?.currency, input.currency, context.defaultCurrency);
  const rejected = (flag: string): ParsedSalary => ({ ...given, currency, annualMin: null, annualMax: null, flag });

  if (reading?.malformed !== undefined) return rejected(`amount "${reading.malformed}" in "${text}" cannot be read`);
  let figures: { min?: number; max?: number } = given;
  if (reading !== undefined && reading.amounts.length > 0) figures = figuresFromText(reading);
  else if (reading?.postcode !== undefined && hasGiven) {
    return rejected(`figures ${range(given)} were taken from the postcode in "${text}"`);
  } else if (reading !== undefined && hasGiven && /\d/.test(text!)) {
    // Digits that are not pay ("Band 5/6", "10 PA Locum Consultant") became the figures.
    return rejected(`figures ${range(given)} do not appear in the salary text "${text}"`);
  } else if (!hasGiven) return { annualMin: null, annualMax: null };

  const result = { ...figures, currency };
  const reference = Math.max(figures.min ?? 0, figures.max ?? 0);
  const resolved = resolvePeriod(reference, reading?.period, input.unit);
  if (resolved.period === undefined) return { ...result, annualMin: null, annualMax: null, flag: resolved.flag };
  const period = resolved.period;
  const problem = implausibility(figures, period);
  if (problem !== undefined) return { ...result, period, annualMin: null, annualMax: null, flag: problem };
  return {
    ...result,
    period,
    annualMin: figures.min === undefined ? null : annualize(figures.min, period),
    annualMax: figures.max === undefined ? null : annualize(figures.max, period),
    ...(resolved.flag === undefined ? {} : { flag: resolved.flag }),
  };
}

function figuresFromText(reading: SalaryTextReading): { min?: number; max?: number } {
  const first = reading.amounts[0];
  const last = reading.amounts[reading.amounts.length - 1];
  if (reading.bound === 'ceiling') return { max: first };
  if (reading.bound === 'floor') return { min: first };
  return { min: first, max: last };
}

/**
 * The text's period when it states one; else the source's unit when the amount fits it; else
 * the period the amount's size suggests (pay under 100 is hourly, over 1,000 yearly).
 */
function resolvePeriod(
  amount: number,
  textPeriod: SalaryPeriod | UnsizedPeriod | undefined,
  unit: string | undefined,
): { period?: SalaryPeriod; flag?: string } {
  if (textPeriod === 'session' || textPeriod === 'shift' || textPeriod === 'visit') {
    return { flag: `pay per ${textPeriod} has no fixed length and is not annualised` };
  }
  if (textPeriod !== undefined) return { period: textPeriod };
  const unitPeriod = unit === undefined ? undefined : readUnit(unit);
  if (unitPeriod !== undefined && fits(amount, unitPeriod)) return { period: unitPeriod };
  const guess = amount < 2 ? undefined : amount < 100 ? 'hour' : amount >= ANNUAL_MIN ? 'year' : undefined;
  const shown = formatAmount(amount);
  if (unitPeriod !== undefined) {
    const doubt = `unit ${unit} does not fit ${shown}`;
    return guess === undefined ? { flag: `${doubt}, and no period does` } : { period: guess, flag: `${doubt}; read as pay per ${guess}` };
  }
  if (guess === undefined) return { flag: `no pay period given, and ${shown} could be per day, week or session` };
  // Pay under 10,000 a year is rare enough that the reader should know it was a guess.
  if (guess === 'year' && amount < 10_000) return { period: guess, flag: `no pay period given; ${shown} read as yearly` };
  return { period: guess };
}

function implausibility(figures: { min?: number; max?: number }, period: SalaryPeriod): string | undefined {
  const { min, max } = figures;
  if (min !== undefined && max !== undefined && min > max) {
    return `minimum ${formatAmount(min)} is above maximum ${formatAmount(max)}`;
  }
  for (const amount of [min, max]) {
    if (amount === undefined) continue;
    const yearly = annualize(amount, period);
    if (yearly < ANNUAL_MIN || yearly > ANNUAL_MAX) {
      return `${formatAmount(amount)} per ${period} is ${formatAmount(yearly)} a year, outside ${formatAmount(ANNUAL_MIN)}–${formatAmount(ANNUAL_MAX)}`;
    }
  }
  if (min !== undefined && max !== undefined && max > min * MAX_RANGE_RATIO) {
    return `range ${range(figures)} is too wide to be one salary`;
  }
  return undefined;
}

function fits(amount: number, period: SalaryPeriod): boolean {
  const [low, high] = PLAUSIBLE[period];
  return amount >= low && amount <= high;
}

/** "YEAR", "HOUR" (schema.org unitText), or words like "per hour". */
function readUnit(unit: string): SalaryPeriod | undefined {
  const word = unit
    .trim()
    .toLowerCase()
    .replace(/^per\s+/, '')
    .replace(/ly$/, '');
  const periods: Record<string, SalaryPeriod> = {
    hour: 'hour',
    day: 'day',
    dai: 'day',
    week: 'week',
    month: 'month',
    year: 'year',
    annum: 'year',
    annual: 'year',
    annua: 'year',
  };
  return periods[word];
}

function pickCurrency(inText: string | undefined, given: string | undefined, fallback: string | undefined): string | undefined {
  const givenCode = toCurrencyCode(given);
  const fallbackCode = toCurrencyCode(fallback);
  if (inText === '$') {
    if (givenCode !== undefined && DOLLAR_CURRENCIES.has(givenCode)) return givenCode;
    return fallbackCode !== undefined && DOLLAR_CURRENCIES.has(fallbackCode) ? fallbackCode : 'USD';
  }
  return inText ?? givenCode ?? fallbackCode;
}

function toCurrencyCode(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;
  if (trimmed === '$') return 'USD';
  if (SYMBOLS[trimmed] !== undefined) return SYMBOLS[trimmed];
  return /^[a-z]{3}$/i.test(trimmed) ? trimmed.toUpperCase() : undefined;
}

/** The text, unless it is a placeholder for nothing ("", "-1", "n/a"). */
function meaningfulText(value: string | undefined): string | undefined {
  const text = cleanText(value);
  return text === undefined || /^(?:-1|n\/?a|none|null)$/i.test(text) ? undefined : text;
}

function toAmount(value: number | string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const amount = typeof value === 'number' ? value : Number(value.replace(/[,\s£$€]/g, ''));
  return Number.isFinite(amount) && amount >= 0 ? amount : undefined;
}

const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const formatAmount = (amount: number): string => numberFormat.format(amount);
const range = ({ min, max }: { min?: number; max?: number }): string =>
  min === max || min === undefined || max === undefined ? formatAmount((min ?? max)!) : `${formatAmount(min)}–${formatAmount(max)}`;

/** Yearly equivalent of an amount, rounded to a whole unit (see PERIODS_PER_YEAR in jobs/derived.ts). */
function annualize(amount: number, period: SalaryPeriod): number {
  return Math.round(annualizeExact(amount, period)!);
}
