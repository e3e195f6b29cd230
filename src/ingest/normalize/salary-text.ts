import type { SalaryPeriod } from '../../core/posting.ts';

/**
 * Reads free salary text the way a person does: the first amount or range of amounts, the
 * currency, the pay period and whether the figure is a ceiling ("up to") or a floor ("from").
 * It only reads; deciding what to believe is `parseSalary`'s job.
 */

/** Pay that comes per session, shift or visit: real, but with no fixed length to annualise. */
export type UnsizedPeriod = 'session' | 'shift' | 'visit';

export interface SalaryTextReading {
  /** The first amount, or every amount of the first range ("£31,634 - £34,001 - £36,368"). */
  amounts: number[];
  /** "up to £30,000" is a ceiling, "From £24,214" a floor; a plain amount is neither. */
  bound?: 'ceiling' | 'floor';
  currency?: string;
  period?: SalaryPeriod | UnsizedPeriod;
  /** An amount that cannot be read safely ("£49,0736", "£36,856,00"), as written. */
  malformed?: string;
  /** A UK postcode in the salary text ("NP22 5PW"): the source took its digits for pay. */
  postcode?: string;
}

/**
 * A number, with an optional currency right before it and an optional `k` or letters after it.
 * Not preceded by a letter or digit, so "RG24" and "Band5" yield nothing. Thousands may be
 * split by a space ("£42, 000", "£30 615"), a slip common enough in typed salaries to read.
 */
const AMOUNT =
  /(?<currency>[$£€]\s?)?(?<![\w.,])(?<digits>\d{1,3}(?:,?\s\d{3}(?!\d))+(?:\.\d{1,2})?(?![\d,])|\d(?:[\d,.]*\d)?)(?<thousands>k(?![a-z]))?(?<tail>[a-z]*(?:\/[a-z]+)?)/gi;

/** Letters allowed straight after a number: period shorthands ("£33.62ph", "£10phr/Inclusive"). */
const PERIOD_TAIL = /^(?:ph|phr|pa|pw|pcm|hr|p)?$/i;

/**
 * What may stand between two amounts of one range: "£25- £30", "£7,959.64 and £8,531.12",
 * "£35.86 p/h to £43.03 p/h".
 */
const RANGE_JOINER = /^\s*(?:(?:p\/h|ph|per\s+hour|an\s+hour|pa|p\.a\.|per\s+annum)\s*)?(?:-|–|—|to|and)\s*$/i;
const CEILING = /\b(?:up\s*to|upto|max(?:imum)?(?:\s+of)?|potential\s+to\s+earn)\s*\W*$/i;
const FLOOR = /\b(?:from|starting\s+(?:from|at)|min(?:imum)?(?:\s+of)?|in\s+excess\s+of)\s*\W*$/i;

/** UK postcodes ("NP22 5PW", "RG24 9RH"); uppercase as the data has them. */
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/;

/** UK telephone numbers start with 0 ("01206 918 701"); amounts never do. */
const TELEPHONE = /(?<![\w.,£$€])0\d{2,4}(?:\s?\d{3,4}){1,2}\b/g;

const PERIOD_PATTERNS: [SalaryPeriod | UnsizedPeriod, RegExp][] = [
  ['hour', /\bpe?r\s*h(?:ou)?r\b|(?:\b|(?<=\d))p\/\s?h(?:ou)?r?\b|(?<=\d\s?)(?:ph|phr|hr)\b|\/\s*h(?:ou)?r\b|\ban\s+hour\b|\bhourly\b/gi],
  ['day', /\bper\s+day\b|\bp\/d\b|\/\s*day\b|\bdaily\b|\bday\s+rate\b|(?<=\d\s?)pd\b/gi],
  ['week', /\bper\s+week\b|(?:\b|(?<=\d))p\/w\b|\/\s*week\b|\bweekly\b|(?<=\d\s?)pw\b/gi],
  ['month', /\bper\s+(?:calendar\s+)?month\b|\bp\/m\b|\/\s*month\b|\bmonthly\b|\bpcm\b/gi],
  [
    'year',
    /\bper\s+(?:annum|anum|year)\b|\bp\.\s?a\b|\bpa\b|\bp\/(?:a|annum|year|yr)\b|\/\s*(?:annum|year|yr)\b|\ba\s+year\b|\bannual(?:ly)?\b|\byearly\b/gi,
  ],
  ['session', /\bper\s+session\b|\bp\/session\b|\/\s*session\b|\bsessional\b/gi],
  ['shift', /\bper\s+shift\b|\/\s*shift\b/gi],
  ['visit', /\bper\s+(?:visit|call|case|clinic)\b/gi],
];

/** Currencies named in the text; `$` alone is decided by the caller's default. */
const CURRENCY_PATTERNS: [string, RegExp][] = [
  ['USD', /\bUS\s?\$|\bUSD\b/g],
  ['CAD', /\bCA?\$|\bCAD\b/g],
  ['AUD', /\bAU?\$|\bAUD\b/g],
  ['GBP', /£|\bGBP\b/g],
  ['EUR', /€|\bEUR\b/g],
  ['$', /\$/g],
];

interface AmountToken {
  /** Where the token starts, and where its number ends (before any period shorthand). */
  index: number;
  numberEnd: number;
  end: number;
  written: string;
  /** Undefined when the digits are grouped in no known way. */
  value: number | undefined;
  /**
   * Pay rather than a band ("Band 5"), a count ("5 Programmed Activities") or a ratio ("1:5 on
   * call"): it has a currency sign, a separator, four digits, a `k` or a period shorthand.
   */
  standalone: boolean;
}

/**
 * @example
 * readSalaryText('£38,890 - £44,503 per annum');
 * // { amounts: [38890, 44503], currency: 'GBP', period: 'year' }
 * readSalaryText('$17-$24 Per Hour(Glassdoor est.)'); // { amounts: [17, 24], currency: '$', period: 'hour' }
 * readSalaryText('up to £30,000'); // { amounts: [30000], bound: 'ceiling', currency: 'GBP' }
 * readSalaryText('£37,137 (£18.55 p/h)'); // { amounts: [37137], currency: 'GBP' }: "p/h" is the second figure's
 */
export function readSalaryText(text: string): SalaryTextReading {
  const reading: SalaryTextReading = { amounts: [] };
  const postcode = UK_POSTCODE.exec(text)?.[0];
  if (postcode !== undefined) reading.postcode = postcode;
  // A postcode's or telephone number's digits must not be read as pay.
  const scanned = text.replace(UK_POSTCODE, ' ').replace(TELEPHONE, ' ');
  const currency = firstMatch(CURRENCY_PATTERNS, scanned, 0, scanned.length);
  if (currency !== undefined) reading.currency = currency;

  const tokens = amountTokens(scanned);
  let position = tokens.findIndex((token) => token.standalone);
  if (position < 0) return reading;
  const chain = [tokens[position]!];
  for (let next = tokens[position + 1]; next !== undefined; next = tokens[++position + 1]) {
    const previous = chain[chain.length - 1]!;
    if (!RANGE_JOINER.test(scanned.slice(previous.end, next.index))) break;
    // A bare small number continues only a range of small numbers: "£15 - 20", not "£44,888 - 10 PAs".
    if (!next.standalone && (previous.value ?? 0) >= 1000) break;
    chain.push(next);
  }
  const malformed = chain.find((token) => token.value === undefined);
  if (malformed !== undefined) return { ...reading, malformed: malformed.written };
  const amounts = expandAbbreviatedRange(chain.map((token) => token.value!));
  if (amounts.every((amount) => amount === 0)) return reading; // "£0.00": no figure given
  reading.amounts = amounts;

  // The period is the one written after this range and before the next figure, so in
  // "£37,137 (£18.55 p/h)" the "p/h" belongs to £18.55; failing that, one written before it.
  const first = chain[0]!;
  const nextFigure = tokens.slice(position + 1).find((token) => token.standalone)?.index ?? scanned.length;
  const period = firstMatch(PERIOD_PATTERNS, scanned, first.numberEnd, nextFigure) ?? firstMatch(PERIOD_PATTERNS, scanned, 0, first.index);
  if (period !== undefined) reading.period = period;
  if (amounts.length === 1) {
    const before = scanned.slice(0, first.index);
    if (CEILING.test(before)) reading.bound = 'ceiling';
    else if (FLOOR.test(before)) reading.bound = 'floor';
  }
  return reading;
}

function amountTokens(text: string): AmountToken[] {
  const tokens: AmountToken[] = [];
  for (const match of text.matchAll(AMOUNT)) {
    const { currency, digits = '', thousands, tail = '' } = match.groups ?? {};
    if (!PERIOD_TAIL.test(tail.split('/')[0] ?? '')) continue; // "8a", "3a", "2L8"
    const value = readNumber(digits);
    tokens.push({
      index: match.index,
      numberEnd: match.index + match[0].length - tail.length,
      end: match.index + match[0].length,
      written: match[0].trim(),
      value: value === undefined || thousands === undefined ? value : value * 1000,
      standalone: currency !== undefined || thousands !== undefined || tail !== '' || /[,.\s]/.test(digits) || digits.length >= 4,
    });
  }
  return tokens;
}

/**
 * "£25-31k", "£19 - 22,000": the first figure is written in thousands and shares the second's
 * magnitude. Only a whole number that lands below the top of the range is scaled.
 */
function expandAbbreviatedRange(amounts: number[]): number[] {
  const top = amounts[amounts.length - 1]!;
  if (amounts.length < 2 || top < 1000) return amounts;
  return amounts.map((amount) =>
    amount < 1000 && Number.isInteger(amount) && amount * 1000 <= top && amount * 1000 >= top / 2 ? amount * 1000 : amount,
  );
}

/**
 * Reads "28,333.20", "27.000" (a dot between thousands), "13,79" (a decimal comma), "$53"...
 * Returns undefined for digits grouped in no known way ("49,0736", "36,856,00", "33,65700"),
 * which are typos whose intended value nobody can know.
 */
export function readNumber(written: string): number | undefined {
  const digits = written.replace(/\s/g, '');
  const separators = digits.replace(/\d/g, '');
  if (separators === '') return Number(digits);
  const lastSeparator = Math.max(digits.lastIndexOf(','), digits.lastIndexOf('.'));
  const decimals = digits.length - lastSeparator - 1;
  const mixed = separators.includes(',') && separators.includes('.');
  // A final separator before one or two digits is a decimal point ("9,491.56", "13,79", "£9.5").
  if (decimals <= 2 && (mixed || separators.length === 1)) {
    const whole = digits.slice(0, lastSeparator);
    if (!isGroupedThousands(whole)) return undefined;
    return Number(`${whole.replace(/[,.]/g, '')}.${digits.slice(lastSeparator + 1)}`);
  }
  return isGroupedThousands(digits) ? Number(digits.replace(/[,.]/g, '')) : undefined;
}

/** "38,890", "1.234.567", "950": groups of three after a first group of one to three digits. */
function isGroupedThousands(digits: string): boolean {
  return /^\d{1,3}(?:([,.])\d{3})?(?:\1\d{3})*$/.test(digits) || /^\d+$/.test(digits);
}

/** The value of the pattern matching earliest in text[from, to). */
function firstMatch<T>(patterns: [T, RegExp][], text: string, from: number, to: number): T | undefined {
  let best: { value: T; index: number } | undefined;
  for (const [value, pattern] of patterns) {
    for (const match of text.matchAll(pattern)) {
      if (match.index >= to || (best !== undefined && match.index >= best.index)) break;
      if (match.index >= from) {
        best = { value, index: match.index };
        break;
      }
    }
  }
  return best?.value;
}
