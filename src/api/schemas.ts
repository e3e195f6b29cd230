/**
 * Schemas shared by the routes: number and list query parameters, the search filters as query
 * parameters, and the hit and job shapes of the responses. Query values arrive as strings; these
 * turn them into what the library takes, and the library checks the rest (filters.ts, vector.ts),
 * so each rule lives in one place.
 */
import { z } from '@hono/zod-openapi';
import { MAX_K } from '../search/vector.ts';
import type { SearchFiltersInput } from '../search/filters.ts';

/** A whole-number query parameter from `min` to `max`. */
export const intParam = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A number query parameter ("1.5", "60"). */
export const numberParam = () => z.coerce.number();

/** A comma-separated list query parameter: "GB, IE" → ["GB", "IE"]. */
export const listParam = (example: string) =>
  z
    .string()
    .max(2000)
    .transform((value) =>
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .openapi({ type: 'string', description: 'comma-separated', example });

export const kParam = intParam(1, MAX_K)
  .default(10)
  .openapi({ description: `how many results, 1 to ${MAX_K}`, example: 10 });

/** The filters of src/search/filters.ts as query parameters (lists comma-separated). */
export const FilterParams = {
  country: listParam('GB,IE').optional().openapi({ description: 'ISO country codes, any of which matches' }),
  city: z.string().max(300).optional(),
  remoteMode: listParam('remote,hybrid').optional().openapi({ description: 'remote, hybrid, onsite (any of)' }),
  salaryMin: numberParam().optional().openapi({ description: 'annual pay reaches at least this (needs currency)' }),
  salaryMax: numberParam().optional().openapi({ description: 'annual pay starts at or below this (needs currency)' }),
  currency: z.string().max(3).optional().openapi({ example: 'GBP' }),
  postedAfter: z.string().max(10).optional().openapi({ description: 'YYYY-MM-DD', example: '2025-01-01' }),
  postedBefore: z.string().max(10).optional().openapi({ description: 'YYYY-MM-DD' }),
  company: z.string().max(300).optional(),
  employmentType: listParam('full_time,contract').optional(),
  skillsAll: listParam('SQL,Python').optional().openapi({ description: 'the job asks for every one of these skills' }),
  skillsAny: listParam('Tableau,Power BI').optional().openapi({ description: 'the job asks for at least one of these skills' }),
};

type FilterValues = { [K in keyof typeof FilterParams]?: z.output<(typeof FilterParams)[K]> };

/**
 * The filter parameters given, as the library's filter object; undefined when none are (an
 * unfiltered vector search skips iterative index scans). The library validates them.
 */
export function filtersFromQuery(query: FilterValues): SearchFiltersInput | undefined {
  const filters: Record<string, unknown> = {};
  for (const key of Object.keys(FilterParams) as (keyof FilterValues)[]) {
    if (query[key] !== undefined) filters[key] = query[key];
  }
  return Object.keys(filters).length > 0 ? (filters as SearchFiltersInput) : undefined;
}

/** Filters in a JSON body: the same names as the query parameters, lists as arrays. Checked by the library. */
export const FiltersBody = z
  .record(z.string(), z.unknown())
  .optional()
  .openapi({
    description:
      'search filters: country, city, remoteMode, salaryMin, salaryMax, currency, postedAfter, postedBefore, company, employmentType, skillsAll, skillsAny',
    example: { country: ['GB'], remoteMode: ['remote', 'hybrid'] },
  });

const nullableString = z.string().nullable();
const nullableNumber = z.number().nullable();

/** What every hit carries; each search adds its ranking fields. */
export const HitSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    company: nullableString,
    city: nullableString,
    region: nullableString,
    country: nullableString,
    remoteMode: nullableString,
    salaryAnnualMin: nullableNumber,
    salaryAnnualMax: nullableNumber,
    salaryCurrency: nullableString,
    postedAt: nullableString.openapi({ description: 'YYYY-MM-DD' }),
    distance: nullableNumber.optional().openapi({ description: 'vector and hybrid: distance for the metric (smaller is nearer)' }),
    rank: z.number().optional().openapi({ description: 'text: ts_rank_cd (larger is better)' }),
    vectorRank: nullableNumber.optional().openapi({ description: 'hybrid: rank in the vector branch' }),
    textRank: nullableNumber.optional().openapi({ description: 'hybrid: rank in the text branch' }),
    score: z.number().optional().openapi({ description: 'hybrid: fused RRF score (larger is better)' }),
    snippet: z.string().optional().openapi({ description: 'text and hybrid: description fragments with matches marked «like this»' }),
  })
  .openapi('Hit');

export const JobSchema = z
  .object({
    id: z.number().int(),
    source: z.string(),
    externalId: z.string(),
    title: z.string(),
    description: z.string(),
    company: nullableString,
    city: nullableString,
    region: nullableString,
    country: nullableString,
    remoteMode: nullableString,
    employmentType: nullableString,
    salaryMin: nullableNumber,
    salaryMax: nullableNumber,
    salaryCurrency: nullableString,
    salaryPeriod: nullableString,
    salaryAnnualMin: nullableNumber,
    salaryAnnualMax: nullableNumber,
    salaryText: nullableString,
    salaryFlag: nullableString,
    postedAt: nullableString,
    postedApproximate: z.boolean(),
    expiresAt: nullableString,
    url: nullableString,
    contentHash: z.string(),
    skills: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Job');

export const IdParams = z.object({
  id: intParam(1, Number.MAX_SAFE_INTEGER).openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});
