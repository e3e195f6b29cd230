/** GET /api/search: vector, text or hybrid search, called exactly as `jobsight search` calls it. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { HYBRID_DEFAULTS, hybridSearch } from '../../search/hybrid.ts';
import { textSearch } from '../../search/text.ts';
import { METRICS, vectorSearch } from '../../search/vector.ts';
import type { ApiDeps } from '../deps.ts';
import { errorResponses } from '../errors.ts';
import { FilterParams, filtersFromQuery, HitSchema, intParam, kParam, numberParam } from '../schemas.ts';

export const SEARCH_MODES = ['vector', 'text', 'hybrid'] as const;

const SearchQuery = z.strictObject({
  q: z.string().openapi({ description: 'what to look for; text mode understands "quoted phrases", OR and -term', example: 'data analyst' }),
  mode: z.enum(SEARCH_MODES).default('hybrid'),
  k: kParam,
  metric: z.enum(METRICS).default('cosine'),
  maxDistance: numberParam().optional().openapi({ description: 'vector: only results this near or nearer' }),
  candidates: intParam(1, 1000).default(HYBRID_DEFAULTS.candidates).openapi({ description: 'hybrid: results taken from each branch before fusing' }),
  rrfK: numberParam().default(HYBRID_DEFAULTS.rrfK).openapi({ description: 'hybrid: the RRF constant k' }),
  vectorWeight: numberParam().default(HYBRID_DEFAULTS.vectorWeight).openapi({ description: 'hybrid: weight of the vector branch' }),
  textWeight: numberParam().default(HYBRID_DEFAULTS.textWeight).openapi({ description: 'hybrid: weight of the text branch' }),
  efSearch: intParam(1, 1000).optional().openapi({ description: 'vector and hybrid: HNSW ef_search for this query' }),
  probes: intParam(1, 1000).optional().openapi({ description: 'vector and hybrid: IVFFlat lists scanned for this query' }),
  ...FilterParams,
});

const route = createRoute({
  method: 'get',
  path: '/api/search',
  summary: 'Search postings by meaning (vector), keywords (text) or both (hybrid, RRF)',
  request: { query: SearchQuery },
  responses: {
    200: {
      description: 'Hits, best first',
      content: { 'application/json': { schema: z.object({ mode: z.enum(SEARCH_MODES), hits: z.array(HitSchema) }) } },
    },
    ...errorResponses,
  },
});

export function searchRoutes({ database, embedder }: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const { db } = database;
    const filters = filtersFromQuery(query);
    const { q, k, mode } = query;
    if (mode === 'vector') {
      const hits = await vectorSearch(db, embedder, q, { k, metric: query.metric, maxDistance: query.maxDistance, filters, efSearch: query.efSearch, probes: query.probes });
      return c.json({ mode, hits }, 200);
    }
    if (mode === 'text') {
      const hits = await textSearch(db, q, { k, filters });
      return c.json({ mode, hits }, 200);
    }
    const hits = await hybridSearch(db, embedder, q, {
      k,
      metric: query.metric,
      filters,
      candidates: query.candidates,
      rrfK: query.rrfK,
      vectorWeight: query.vectorWeight,
      textWeight: query.textWeight,
      efSearch: query.efSearch,
      probes: query.probes,
    });
    return c.json({ mode, hits }, 200);
  });
  return app;
}
