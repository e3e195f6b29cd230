/**
 * Option schemas every market statistic shares (filters, the "postings like" slice, top N), and
 * the one function that turns a zod failure into a JobsightError naming each bad field. The HTTP
 * API validates requests with the same schemas, so both front ends refuse the same inputs.
 */
import { z } from 'zod';
import { JobsightError } from '../core/errors.ts';
import { SearchFilters } from '../search/filters.ts';
import { MAX_QUERY_CHARS, METRICS } from '../search/vector.ts';

/**
 * Largest slice: enough postings for stable percentiles, small enough that the hybrid ranking
 * (which ranks this many candidates per branch) stays a sub-second query.
 */
export const MAX_SLICE_SIZE = 5000;
export const DEFAULT_SLICE_SIZE = 200;
export const MAX_TOP = 1000;

const whole = (min: number, max: number) =>
  z
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`);

/** How many rows a statistic returns at most. */
export const top = (fallback: number) => whole(1, MAX_TOP).default(fallback);

/**
 * "Postings like QUERY": the market is narrowed to the nearest `size` postings by embedding
 * distance (mode vector), or the top `size` of hybrid search (vector and full text fused by RRF).
 *
 * @example { query: 'machine learning engineer', mode: 'vector', size: 200, maxDistance: 0.7 }
 */
export const LikeOptions = z
  .strictObject({
    /** What the postings should be like; embedded with the database's embedder. */
    query: z.string().trim().min(1, 'must not be empty: give some words the postings should be like').max(MAX_QUERY_CHARS),
    /** vector (default): nearest by embedding; hybrid: nearest and keyword matches fused. */
    mode: z.enum(['vector', 'hybrid']).default('vector'),
    /** How many postings the slice holds at most. Default 200. */
    size: whole(1, MAX_SLICE_SIZE).default(DEFAULT_SLICE_SIZE),
    /** Vector mode: leave out postings farther than this (for cosine, 0 is identical, 2 opposite). */
    maxDistance: z.number().finite().optional(),
    /** Vector distance. Default cosine. */
    metric: z.enum(METRICS).default('cosine'),
  })
  .refine((like) => like.maxDistance === undefined || like.mode === 'vector', {
    message: 'works only with mode vector (hybrid ranks by fused rank, not by distance)',
    path: ['maxDistance'],
  });
export type LikeOptionsInput = z.input<typeof LikeOptions>;
export type LikeOptions = z.output<typeof LikeOptions>;

/** Which postings a statistic is computed over: all, those passing the filters, and/or those like a query. */
export const SliceOptions = z.strictObject({
  /** Structured filters, as search takes them (see search/filters.ts). */
  filters: SearchFilters.optional(),
  /** Only postings like a query (see LikeOptions). */
  like: LikeOptions.optional(),
});
export type SliceOptions = z.output<typeof SliceOptions>;

/**
 * Validates a statistic's options, throwing a JobsightError such as
 * `invalid salaryStats options: by: Invalid option: expected one of "title"|... (got "colour")`.
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field =
      issue.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '') || '(options)';
    const got = issue.code === 'custom' || issue.input === undefined ? '' : ` (got ${JSON.stringify(issue.input)})`;
    const keys = issue.code === 'unrecognized_keys' ? ` ${issue.keys.join(', ')}` : '';
    return `${field}: ${issue.message}${keys}${got}`;
  });
  throw new JobsightError(`invalid ${what} options: ${problems.join('; ')}`);
}
