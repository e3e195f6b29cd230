/** GET /api/jobs/{id}/similar and POST /api/match: postings like a posting, postings that fit a resume. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { matchResume } from '../../search/match.ts';
import { similarJobs } from '../../search/similar.ts';
import { METRICS } from '../../search/vector.ts';
import type { ApiDeps } from '../deps.ts';
import { errorResponses, notFoundResponse } from '../errors.ts';
import { FilterParams, FiltersBody, filtersFromQuery, HitSchema, IdParams, intParam, kParam } from '../schemas.ts';

const similar = createRoute({
  method: 'get',
  path: '/api/jobs/{id}/similar',
  summary: 'Postings nearest to a posting by embedding (itself and exact duplicates left out)',
  request: {
    params: IdParams,
    query: z.strictObject({
      k: kParam,
      metric: z.enum(METRICS).default('cosine'),
      efSearch: intParam(1, 1000).optional(),
      probes: intParam(1, 1000).optional(),
      ...FilterParams,
    }),
  },
  responses: {
    200: { description: 'Nearest first', content: { 'application/json': { schema: z.object({ hits: z.array(HitSchema) }) } } },
    ...notFoundResponse,
    ...errorResponses,
  },
});

const MatchSchema = z
  .object({
    resumeSkills: z.array(z.string()),
    matches: z.array(HitSchema.extend({ matchedSkills: z.array(z.string()), missingSkills: z.array(z.string()) })),
    learnNext: z.array(z.object({ skill: z.string(), postings: z.number().int() })),
  })
  .openapi('ResumeMatch');

const match = createRoute({
  method: 'post',
  path: '/api/match',
  summary: 'Postings that fit a resume, the skills each asks for that it has and lacks, and what to learn next',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.strictObject({
            resume: z
              .string()
              .openapi({ description: 'the resume as plain text or Markdown', example: 'Data analyst, 4 years of SQL, Python and Tableau.' }),
            k: kParam,
            filters: FiltersBody,
          }),
        },
      },
    },
  },
  responses: { 200: { description: 'Best fits first', content: { 'application/json': { schema: MatchSchema } } }, ...errorResponses },
});

export function similarRoutes({ database, embedder }: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(similar, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const hits = await similarJobs(database.db, id, {
      k: query.k,
      metric: query.metric,
      efSearch: query.efSearch,
      probes: query.probes,
      filters: filtersFromQuery(query),
    });
    return c.json({ hits }, 200);
  });
  app.openapi(match, async (c) => {
    const { resume, k, filters } = c.req.valid('json');
    return c.json(await matchResume(database.db, embedder, resume, { k, filters }), 200);
  });
  return app;
}
