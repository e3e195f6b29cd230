/**
 * The generator's salary model: what a role pays in a country, per which period, and how the
 * posting writes it ("£31,049 - £37,796 per annum", "$24.50/hr", "₹12-18 LPA").
 *
 * Pay starts from the role's US mid-level base, scaled by seniority, country and city, with
 * some noise; it is then floored at the country's minimum wage, cut into the period the contract
 * implies (contractors by the day, shift work by the hour) and rounded the way employers round.
 */
import type { EmploymentType, SalaryPeriod } from '../core/posting.ts';
import type { Random } from './random.ts';
import type { Country, FieldVocabulary, Level, Role } from './vocabulary/index.ts';

export interface Pay {
  min: number;
  /** Absent when the posting gives one figure as a floor ("From £30,000"). */
  max?: number;
  currency: string;
  period: SalaryPeriod;
}

export interface PayInput {
  field: FieldVocabulary;
  role: Role;
  level: Level;
  country: Country;
  /** The city's pay factor (London pays more than Leeds). */
  cityFactor: number;
  employmentType: EmploymentType;
  /** Interns earn about half a mid-level salary, whatever their level says. */
  intern: boolean;
}

/** Countries where contractors quote a day rate; elsewhere they quote an hourly one. */
const DAY_RATE_COUNTRIES = new Set(['GB', 'IE', 'DE', 'NL', 'AU']);
/** Working days a contractor bills in a year, and the premium a day rate carries over salary. */
const CONTRACT_DAYS = 220;
const CONTRACT_PREMIUM = 1.35;

/** Picks the period a posting quotes, from what the contract and the country make usual. */
function choosePeriod(rng: Random, input: PayInput): SalaryPeriod {
  const { country, employmentType, field } = input;
  const india = country.code === 'IN';
  if (input.intern) return country.code === 'US' || country.code === 'CA' ? 'hour' : india || country.code === 'DE' ? 'month' : 'year';
  switch (employmentType) {
    case 'per_diem':
      return 'hour';
    case 'contract':
      if (india) return rng.chance(0.5) ? 'month' : 'year';
      if (DAY_RATE_COUNTRIES.has(country.code)) return rng.chance(0.7) ? 'day' : 'year';
      return rng.chance(0.65) ? 'hour' : 'year';
    case 'part_time':
    case 'temporary':
      if (india) return 'month';
      return rng.chance(0.75) ? 'hour' : 'year';
    default:
      if (india) return rng.chance(0.08) ? 'month' : 'year';
      return rng.chance(field.hourlyShare) ? 'hour' : 'year';
  }
}

/** Rounds to two significant-ish figures, as employers do: 85,300 -> 85,500; 1,237,000 -> 1,250,000. */
function roundYearly(value: number): number {
  const step = 10 ** (Math.floor(Math.log10(value)) - 1) / 2;
  return Math.round(value / step) * step;
}

function roundRate(value: number, country: Country): number {
  const step = country.code === 'IN' ? 5 : value >= 100 ? 1 : value >= 20 ? 0.5 : 0.25;
  return Math.round(value / step) * step;
}

/**
 * What a posting pays, or undefined when it gives no salary (about one posting in six).
 *
 * @example
 * choosePay(rng, { field: software, role, level, country: COUNTRY_BY_CODE.get('GB')!, cityFactor: 1.18,
 *                  employmentType: 'full_time', intern: false });
 * // { min: 70000, max: 85000, currency: 'GBP', period: 'year' }
 */
export function choosePay(rng: Random, input: PayInput): Pay | undefined {
  const { country, level } = input;
  if (rng.chance(level.payScale ? input.field.noSalaryShare / 4 : input.field.noSalaryShare)) return undefined;
  const currency = country.currency;
  if (level.payScale && country.code === 'GB') {
    const [min, max] = level.payScale;
    return { min, max, currency, period: 'year' };
  }
  const seniority = input.intern ? 0.5 : level.pay;
  let yearly = input.role.baseUsd * seniority * country.payFactor * input.cityFactor * rng.float(0.88, 1.12);
  yearly = Math.max(yearly, country.minimumHourly * country.hoursPerYear * rng.float(1, 1.08));
  const period = choosePeriod(rng, input);
  const single = rng.chance(period === 'year' ? 0.06 : 0.3);
  const floorOnly = !single && rng.chance(0.03);

  let min: number;
  let max: number;
  if (period === 'hour') {
    min = roundRate(Math.max(yearly / country.hoursPerYear, country.minimumHourly), country);
    max = roundRate(min * rng.float(1.05, 1.25), country);
  } else if (period === 'day') {
    min = Math.round(((yearly / CONTRACT_DAYS) * CONTRACT_PREMIUM) / 25) * 25;
    max = Math.round((min * rng.float(1.08, 1.25)) / 25) * 25;
  } else {
    const perPeriod = period === 'month' ? yearly / 12 : yearly;
    min = roundYearly(perPeriod * rng.float(0.88, 0.97));
    max = roundYearly(min * rng.float(1.1, 1.35));
  }
  if (single) return { min, max: min, currency, period };
  if (floorOnly) return { min, currency, period };
  return { min, max: Math.max(min, max), currency, period };
}

const formatters = new Map<string, Intl.NumberFormat>();

function money(amount: number, country: Country): string {
  const decimals = Number.isInteger(amount) ? 0 : 2;
  const key = `${country.locale}:${decimals}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(country.locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formatters.set(key, format);
  }
  return country.symbol + format.format(amount);
}

const PERIOD_WORDS: Readonly<Record<SalaryPeriod, readonly string[]>> = {
  year: ['per annum', 'per year', 'a year'],
  month: ['per month'],
  week: ['per week'],
  day: ['per day', 'a day'],
  hour: ['per hour', 'an hour', '/hr'],
};

/**
 * The salary as a line of the description. Real postings repeat the salary in the text about a
 * third of the time, in the country's own notation.
 *
 * @example
 * payLine(rng, { min: 31049, max: 37796, currency: 'GBP', period: 'year' }, gb, 'full_time');
 * // 'Salary: £31,049 - £37,796 per annum'
 */
export function payLine(rng: Random, pay: Pay, country: Country, employmentType: EmploymentType): string {
  const words = rng.pick(PERIOD_WORDS[pay.period]);
  const joiner = words.startsWith('/') ? '' : ' ';
  let amount: string;
  if (country.code === 'IN' && pay.period === 'year' && pay.min >= 100_000 && rng.chance(0.5)) {
    // Indian postings often quote lakhs per annum: "₹12-18 LPA".
    const lakhs = (n: number) => String(Math.round(n / 10_000) / 10);
    amount = pay.max !== undefined && pay.max !== pay.min ? `₹${lakhs(pay.min)}-${lakhs(pay.max)} LPA` : `₹${lakhs(pay.min)} LPA`;
    return `${rng.pick(['Salary: ', 'CTC: ', 'Package: '])}${amount}`;
  }
  if (pay.max === undefined) amount = `From ${money(pay.min, country)}${joiner}${words}`;
  else if (pay.max === pay.min) amount = `${money(pay.min, country)}${joiner}${words}`;
  else amount = `${money(pay.min, country)}${rng.pick([' - ', '–', ' to '])}${money(pay.max, country)}${joiner}${words}`;
  if (employmentType === 'part_time' && pay.period === 'year') amount += ' (pro rata)';
  if (country.code === 'GB' && pay.period === 'day' && rng.chance(0.6)) amount += rng.pick([' (Outside IR35)', ' (Inside IR35)']);
  if (country.code === 'AU' && pay.period === 'year' && rng.chance(0.4)) amount += ' + super';
  if (country.code === 'US' && pay.period === 'year' && pay.max !== undefined && pay.max !== pay.min && rng.chance(0.3)) {
    return `The base salary range for this position is ${money(pay.min, country)} to ${money(pay.max, country)} per year, depending on experience and location.`;
  }
  const label = pay.period === 'hour' || pay.period === 'day' ? rng.pick(['Pay: ', 'Rate: ']) : rng.pick(['Salary: ', 'Salary: ', 'Compensation: ']);
  return label + amount;
}
