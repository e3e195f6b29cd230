/** GET /api/health: the database answers, and what it holds. For load balancers and people; 503 when the database is down. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { countJobs } from '../../jobs/repository.ts';
import type { ApiDeps } from '../deps.ts';
import { errorResponses } from '../errors.ts';

const HealthSchema = z.object({
  status: z.literal('ok'),
  engine: z.enum(['pglite', 'postgres']),
  jobs: z.number().int(),
  embedder: z.object({ name: z.string(), dimensions: z.number().int() }),
});

const route = createRoute({
  method: 'get',
  path: '/api/health',
  operationId: 'health',
  summary: 'Whether the server and its database work',
  responses: { 200: { description: 'Healthy', content: { 'application/json': { schema: HealthSchema } } }, ...errorResponses({}) },
});

export function healthRoutes({ database, embedder }: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(route, async (c) =>
    c.json(
      {
        status: 'ok' as const,
        engine: database.engine,
        jobs: await countJobs(database.db),
        embedder: { name: embedder.name, dimensions: embedder.dimensions },
      },
      200,
    ),
  );
  return app;
}
