/**
 * Option schemas every market statistic shares (filters, the "postings like" slice, top N), and
 * the one function that checks a statistic's options. The operations reuse the same pieces, so
 * the library, the CLI and the API refuse the same inputs with the same words.
 */
import { z } from 'zod';
import { DEFAULT_SLICE_SIZE, DEFAULT_TOP, MAX_SLICE_SIZE, MAX_TOP } from '../core/defaults.ts';
import { choice, finiteNumber, parseInput, wholeNumber } from '../core/validation.ts';
import { StatFilters } from '../search/filters.ts';
import { metric, searchText } from '../search/options.ts';

export { DEFAULT_SLICE_SIZE, MAX_SLICE_SIZE, MAX_TOP };

/** How many rows a statistic returns at most. */
export const top = (fallback = DEFAULT_TOP) => wholeNumber(1, MAX_TOP).default(fallback).describe(`how many rows (1 to ${MAX_TOP})`);

export const LIKE_MODES = ['vector', 'hybrid'] as const;

/** The parts of "postings like QUERY", each with its default. */
export const LIKE_FIELDS = {
  /** What the postings should be like; embedded with the database's embedder. */
  query: searchText().describe('only postings like this text (the top of a vector or hybrid search)'),
  /** vector (default): nearest by embedding; hybrid: nearest and keyword matches fused. */
  mode: choice(LIKE_MODES).default('vector').describe('how "like" ranks postings'),
  /** How many postings the slice holds at most. */
  size: wholeNumber(1, MAX_SLICE_SIZE)
    .default(DEFAULT_SLICE_SIZE)
    .describe(`how many postings the "like" slice holds at most (1 to ${MAX_SLICE_SIZE})`),
  /** Vector mode: leave out postings farther than this (for cosine, 0 is identical, 2 opposite). */
  maxDistance: finiteNumber().optional().describe('"like" by vector: only postings this near or nearer'),
  metric: metric().describe('"like" by vector: distance'),
};

/**
 * "Postings like QUERY": the market is narrowed to the nearest `size` postings by embedding
 * distance (mode vector), or the top `size` of hybrid search (vector and full text fused by RRF).
 *
 * @example { query: 'machine learning engineer', mode: 'vector', size: 200, maxDistance: 0.7 }
 */
export const LikeOptions = z.strictObject(LIKE_FIELDS).refine((like) => like.maxDistance === undefined || like.mode === 'vector', {
  message: 'works only with mode vector (hybrid ranks by fused rank, not by distance)',
  path: ['maxDistance'],
});
export type LikeOptionsInput = z.input<typeof LikeOptions>;
export type LikeOptions = z.output<typeof LikeOptions>;

/** Which postings a statistic is computed over: all, those passing the filters, and/or those like a query. */
export const SliceOptions = z.strictObject({
  /** Structured filters, as search takes them (see search/filters.ts), near-duplicates counted once unless `dedupe: false`. */
  filters: StatFilters.optional(),
  /** Only postings like a query (see LikeOptions). */
  like: LikeOptions.optional(),
});
export type SliceOptions = z.output<typeof SliceOptions>;

/**
 * Validates a statistic's options, throwing an InvalidInputError such as
 * `invalid salaryStats options: by: must be one of "title", ... (got "colour")`.
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  return parseInput(schema, input ?? {}, { what: `${what} options` });
}
