/**
 * The one way input is checked: zod schemas built from the pieces below (so every limit says
 * the same words), `parseInput` to run one and turn its failures into an InvalidInputError that
 * names each field, the bad value and what is allowed, and `fromText` for values that arrive as
 * text (CLI flags, URL query and path parameters, environment variables), which accepts numbers
 * only in plain decimal: `0x10`, `1e3`, ` 12 `, `+5` and `1.0` are refused, not reinterpreted.
 *
 * @example
 * parseInput(z.object({ k: wholeNumber(1, 1000) }), { k: 0 }, { what: 'search options' })
 * // throws: invalid search options: k: must be a whole number from 1 to 1000 (got 0)
 */
import { z } from 'zod';
import { InvalidInputError, type Issue } from './errors.ts';

const rangeMessage = (min: number, max: number) =>
  max >= Number.MAX_SAFE_INTEGER ? `must be a whole number of ${min} or more` : `must be a whole number from ${min} to ${max}`;

/** A whole number from `min` to `max`. */
export const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const message = rangeMessage(min, max);
  return z.int(message).min(min, message).max(max, message);
};

/** Any finite number (Infinity and NaN are refused). */
export const finiteNumber = () => z.number('must be a finite number');

/** A number of 0 or more, at most `max`. */
export const nonNegativeNumber = (max = Number.MAX_VALUE) =>
  finiteNumber()
    .min(0, 'must be 0 or more')
    .max(max, `must be at most ${max.toLocaleString('en-US')}`);

/** Text of 1 to `max` characters after trimming. */
export const text = (max: number) =>
  z
    .string('must be text')
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max.toLocaleString('en-US')} characters`);

/** Text that must say something (not only white space), kept as given; the message tells its length. */
export const longText = (max: number) =>
  z
    .string('must be text')
    .refine((s) => s.trim() !== '', 'must not be empty')
    .refine((s) => s.length <= max, {
      error: (issue) => `is ${String(issue.input).length} characters long; the limit is ${max}`,
    });

/** One of `values`. */
export const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}` });

export const isoDate = () => z.iso.date('expected a date as YYYY-MM-DD');

/** A currency code such as GBP (ISO 4217). */
export const currencyCode = () => z.string('must be text').regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD or GBP');

// --- Running a schema -------------------------------------------------------------------------

export interface ParseOptions {
  /** What the input is, for the message: `search options`, `query parameters`, `job`. */
  what: string;
  /** How a field is named for the reader (default `a.b[0]`). */
  label?: (path: readonly PropertyKey[]) => string;
  /** What the unknown-key message calls a field: `option`, `query parameter`, `body field`. */
  noun?: string;
  /** The text a field was given as, shown in messages instead of the converted value. */
  given?: (path: readonly PropertyKey[]) => string | undefined;
  /** Hint for the error. */
  hint?: string;
  /** HTTP status, when more precise than 400 (422 for a change that leaves a job invalid). */
  status?: number;
}

/** `filters.country[0]` */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((at, p) => (typeof p === 'number' ? `${at}[${p}]` : at ? `${at}.${String(p)}` : String(p)), '');
}

/** Paths of every string in `value` that holds a NUL (U+0000): PostgreSQL text cannot store one. */
export function nulPaths(value: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulPaths(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nulPaths(v, [...path, k]));
  return [];
}

/** Whether any string in `value` holds a NUL: nulPaths without building paths, for the input that has none. */
function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') {
    for (const key in value) if (Object.hasOwn(value, key) && hasNul((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

export const NUL_MESSAGE = 'must not contain a NUL character (U+0000)';

/** Issues in reading order, each naming its field. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], options: ParseOptions): Issue[] {
  const label = options.label ?? dottedPath;
  return issues.flatMap((issue): Issue[] => {
    if (issue.code === 'unrecognized_keys') {
      const noun = options.noun ?? 'option';
      return issue.keys.map((key) => ({ path: label([...issue.path, key]), message: `unknown ${noun}` }));
    }
    const given = options.given?.(issue.path);
    const input = (issue as { input?: unknown }).input;
    const shown = given !== undefined ? JSON.stringify(given) : input === undefined || typeof input === 'object' ? undefined : JSON.stringify(input);
    const got = issue.code === 'custom' || shown === undefined ? '' : ` (got ${shown.slice(0, 100)})`;
    const message = input === undefined && issue.code === 'invalid_type' ? 'is required' : issue.message;
    return [{ path: label(issue.path) || '(input)', message: `${message}${got}` }];
  });
}

/** The error for `issues`: `invalid <what>: a: ...; b: ...`, with each issue kept for the API's `issues`. */
export function invalidInput(issues: Issue[], options: Pick<ParseOptions, 'what' | 'hint' | 'status'>): InvalidInputError {
  const list = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new InvalidInputError(`invalid ${options.what}: ${list}`, { issues, hint: options.hint, status: options.status });
}

/**
 * Checks `input` against `schema`; returns the parsed value (defaults filled in) or throws an
 * InvalidInputError naming every bad field. Text with a NUL character is refused everywhere.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, options: ParseOptions): z.output<S> {
  if (hasNul(input)) {
    const nul = nulPaths(input).map((path) => ({ path: (options.label ?? dottedPath)(path) || '(input)', message: NUL_MESSAGE }));
    throw invalidInput(nul, options);
  }
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw invalidInput(describeIssues(result.error.issues, options), options);
}

// --- Values given as text ---------------------------------------------------------------------

/** What kind of value a field takes, read from its schema. */
export type TextKind = 'integer' | 'number' | 'boolean' | 'list' | 'text';

const INTEGER = /^-?[0-9]+$/;
const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;
// 50,000 and 1,250.50: thousands grouped by commas, as people write salaries.
const GROUPED = /^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$/;

/** A problem converting one text value; the caller names the field. */
export class TextValueError extends Error {}

/**
 * One text value as the kind of value its field takes: integers in plain decimal digits,
 * numbers with an optional decimal point (and thousands commas), booleans as true/false, lists
 * comma-separated. Throws a TextValueError saying what was expected.
 *
 * @example fromText('integer', '12') // 12
 * @example fromText('integer', '0x10') // throws: must be a whole number written in decimal digits
 */
export function fromText(kind: TextKind, value: string): unknown {
  switch (kind) {
    case 'integer':
      if (!INTEGER.test(value) || !Number.isSafeInteger(Number(value))) throw new TextValueError('must be a whole number written in decimal digits');
      return Number(value);
    case 'number':
      if (DECIMAL.test(value)) return Number(value);
      if (GROUPED.test(value)) return Number(value.replaceAll(',', ''));
      throw new TextValueError('must be a number written in decimal digits, such as 1.5 or 50000');
    case 'boolean':
      if (value === 'true' || value === 'false') return value === 'true';
      throw new TextValueError('must be true or false');
    case 'list':
      return value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    default:
      return value;
  }
}

/**
 * A whole number from text within bounds, for settings read from flags and the environment.
 *
 * @example wholeNumberFromText('JOBSIGHT_POOL_MAX', '10', 1) // 10
 */
export function wholeNumberFromText(name: string, value: string | number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = typeof value === 'number' ? value : INTEGER.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw invalidInput([{ path: name, message: `${rangeMessage(min, max)} (got ${JSON.stringify(String(value))})` }], { what: 'setting' });
  }
  return n;
}
