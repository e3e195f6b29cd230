/**
 * GET /api/stats/<name>: the market statistics of src/analytics, over all postings, those
 * passing the search filters, and/or "postings like" a text (`like=...`). Query parameters
 * become the statistic's options object; the statistic's own zod schema checks them, so the CLI
 * and the API refuse the same inputs with the same messages.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Db } from '../../db/database.ts';
import type { Embedder } from '../../embed/embedder.ts';
import {
  coOccurringSkills,
  MAX_SLICE_SIZE,
  MAX_TOP,
  postingsPerMonth,
  remoteShare,
  SALARY_GROUP_NAMES,
  salaryStats,
  skillsInDemand,
  skillTrends,
  topEmployers,
} from '../../analytics/index.ts';
import { METRICS } from '../../search/vector.ts';
import type { ApiDeps } from '../deps.ts';
import { errorResponses } from '../errors.ts';
import { FilterParams, filtersFromQuery, intParam, listParam, numberParam } from '../schemas.ts';

/** The slice: filters, and optionally "postings like" a text. */
const SliceParams = {
  ...FilterParams,
  like: z
    .string()
    .optional()
    .openapi({ description: 'only postings like this text (its nearest by embedding)', example: 'machine learning engineer' }),
  likeMode: z.enum(['vector', 'hybrid']).optional().openapi({ description: 'how "like" ranks: vector (default) or hybrid' }),
  likeSize: intParam(1, MAX_SLICE_SIZE).optional().openapi({ description: 'how many postings "like" keeps (default 200)' }),
  likeMaxDistance: numberParam().optional().openapi({ description: 'vector: leave out postings farther than this' }),
  likeMetric: z.enum(METRICS).optional(),
};
type SliceValues = { [K in keyof typeof SliceParams]?: z.output<(typeof SliceParams)[K]> };

function sliceOptions(query: SliceValues): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const filters = filtersFromQuery(query);
  if (filters) options.filters = filters;
  if (query.like !== undefined) {
    const like: Record<string, unknown> = {
      query: query.like,
      mode: query.likeMode,
      size: query.likeSize,
      maxDistance: query.likeMaxDistance,
      metric: query.likeMetric,
    };
    for (const key of Object.keys(like)) if (like[key] === undefined) delete like[key];
    options.like = like;
  }
  return options;
}

const topParam = intParam(1, MAX_TOP).optional().openapi({ description: 'how many rows (default 20)' });
const share = z.number().openapi({ description: '0 to 1' });

interface Stat {
  name: string;
  summary: string;
  params: Record<string, z.ZodType>;
  rows: z.ZodType;
  extra?: Record<string, z.ZodType>;
  run: (db: Db, embedder: Embedder, options: Record<string, unknown>) => Promise<unknown>;
}

const STATS: Stat[] = [
  {
    name: 'skills-in-demand',
    summary: 'The skills most asked for, by share of postings',
    params: { top: topParam },
    rows: z.object({ skill: z.string(), postings: z.number().int(), share }),
    run: (db, embedder, o) => skillsInDemand(db, embedder, o),
  },
  {
    name: 'skill-trends',
    summary: 'Share of postings asking for each skill, month by month',
    params: { skills: listParam('Python,SQL').openapi({ description: '1 to 20 skills, comma-separated' }) },
    rows: z.object({ month: z.string(), skill: z.string(), postings: z.number().int(), monthPostings: z.number().int(), share }),
    run: (db, embedder, o) => skillTrends(db, embedder, o as Parameters<typeof skillTrends>[2]),
  },
  {
    name: 'salaries',
    summary: 'Quartiles of annual pay per group and currency',
    params: {
      by: z.enum(SALARY_GROUP_NAMES).openapi({ description: 'what to group by', example: 'title' }),
      minCount: intParam(1, 1_000_000).optional().openapi({ description: 'leave out groups with fewer postings (default 3)' }),
      top: topParam,
    },
    rows: z.object({ group: z.string(), currency: z.string(), postings: z.number().int(), p25: z.number(), median: z.number(), p75: z.number() }),
    extra: { by: z.string(), withSalary: z.number().int() },
    run: (db, embedder, o) => salaryStats(db, embedder, o as Parameters<typeof salaryStats>[2]),
  },
  {
    name: 'remote-share',
    summary: 'Share of remote, hybrid and on-site postings',
    params: {},
    rows: z.object({ mode: z.string(), postings: z.number().int(), share }),
    run: (db, embedder, o) => remoteShare(db, embedder, o),
  },
  {
    name: 'top-employers',
    summary: 'Employers with the most postings',
    params: { top: topParam },
    rows: z.object({ company: z.string(), postings: z.number().int(), share }),
    run: (db, embedder, o) => topEmployers(db, embedder, o),
  },
  {
    name: 'postings-per-month',
    summary: 'Postings per calendar month, oldest first',
    params: {},
    rows: z.object({ month: z.string(), postings: z.number().int() }),
    run: (db, embedder, o) => postingsPerMonth(db, embedder, o),
  },
  {
    name: 'co-occurring-skills',
    summary: 'Skills asked for together with a skill',
    params: { skill: z.string().openapi({ example: 'Python' }), top: topParam },
    rows: z.object({ skill: z.string(), postings: z.number().int(), share, lift: z.number().optional() }),
    extra: { skill: z.string(), postingsWithSkill: z.number().int() },
    run: (db, embedder, o) => coOccurringSkills(db, embedder, o as Parameters<typeof coOccurringSkills>[2]),
  },
];

export const STAT_NAMES = STATS.map((s) => s.name);

export function statsRoutes({ database, embedder }: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  for (const stat of STATS) {
    const route = createRoute({
      method: 'get',
      path: `/api/stats/${stat.name}`,
      summary: stat.summary,
      request: { query: z.strictObject({ ...SliceParams, ...stat.params }) },
      responses: {
        200: {
          description: '`total`: postings in the slice; `rows`: the statistic',
          content: { 'application/json': { schema: z.object({ total: z.number().int(), rows: z.array(stat.rows), ...stat.extra }) } },
        },
        ...errorResponses,
      },
    });
    app.openapi(route, async (c) => {
      const query = c.req.valid('query') as SliceValues & Record<string, unknown>;
      const options = sliceOptions(query);
      for (const key of Object.keys(stat.params)) if (query[key] !== undefined) options[key] = query[key];
      // Each statistic's shape is documented above; the library's types check it.
      return c.json((await stat.run(database.db, embedder, options)) as never, 200);
    });
  }
  return app;
}
