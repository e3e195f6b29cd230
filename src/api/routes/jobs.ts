/** Jobs CRUD over src/jobs/repository.ts: reads open, writes behind the API key. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../core/errors.ts';
import { addJob, deleteJob, getJob, listJobs, updateJob } from '../../jobs/repository.ts';
import { JobInput } from '../../core/posting.ts';
import { WRITE_SECURITY, type ApiDeps } from '../deps.ts';
import { authResponses, ErrorSchema, errorResponses, notFoundResponse } from '../errors.ts';
import { IdParams, intParam, JobSchema } from '../schemas.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

const notFound = (id: number) => new NotFoundError(`no job with id ${id}`, 'List jobs with GET /api/jobs, or find one with GET /api/search.');

const list = createRoute({
  method: 'get',
  path: '/api/jobs',
  summary: 'List jobs in id order',
  request: {
    query: z.strictObject({
      limit: intParam(1, 1000).default(20),
      offset: intParam(0, Number.MAX_SAFE_INTEGER).default(0),
      source: z.string().max(100).optional(),
      company: z.string().max(300).optional(),
    }),
  },
  responses: { 200: json(z.object({ jobs: z.array(JobSchema) }), 'Jobs'), ...errorResponses },
});

const get = createRoute({
  method: 'get',
  path: '/api/jobs/{id}',
  summary: 'One job',
  request: { params: IdParams },
  responses: { 200: json(JobSchema, 'The job'), ...notFoundResponse, ...errorResponses },
});

const conflict = { 409: json(ErrorSchema, 'A job with the same source and external id exists') };
const invalid = { 422: json(ErrorSchema, 'The job as changed is not valid') };

export function jobsRoutes({ database, embedder, requireWrite }: ApiDeps): OpenAPIHono {
  const create = createRoute({
    method: 'post',
    path: '/api/jobs',
    summary: 'Add a job (embedded in the same transaction)',
    security: WRITE_SECURITY,
    middleware: [requireWrite],
    request: { body: { required: true, content: { 'application/json': { schema: JobInput } } } },
    responses: { 201: json(JobSchema, 'The job as stored'), ...conflict, ...authResponses, ...errorResponses },
  });

  const update = createRoute({
    method: 'patch',
    path: '/api/jobs/{id}',
    summary: 'Change some fields of a job; null clears an optional field',
    security: WRITE_SECURITY,
    middleware: [requireWrite],
    request: {
      params: IdParams,
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z
              .record(z.string(), z.unknown())
              .openapi({ description: 'fields of a job to change', example: { title: 'Senior Data Engineer', url: null } }),
          },
        },
      },
    },
    responses: { 200: json(JobSchema, 'The job as changed'), ...notFoundResponse, ...conflict, ...invalid, ...authResponses, ...errorResponses },
  });

  const remove = createRoute({
    method: 'delete',
    path: '/api/jobs/{id}',
    summary: 'Delete a job and its skill links',
    security: WRITE_SECURITY,
    middleware: [requireWrite],
    request: { params: IdParams },
    responses: { 204: { description: 'Deleted' }, ...notFoundResponse, ...authResponses, ...errorResponses },
  });

  const app = new OpenAPIHono();
  const { db } = database;
  app.openapi(list, async (c) => c.json({ jobs: await listJobs(db, c.req.valid('query')) }, 200));
  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const job = await getJob(db, id);
    if (!job) throw notFound(id);
    return c.json(job, 200);
  });
  app.openapi(create, async (c) => c.json(await addJob(db, embedder, c.req.valid('json')), 201));
  app.openapi(update, async (c) => c.json(await updateJob(db, embedder, c.req.valid('param').id, c.req.valid('json')), 200));
  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteJob(db, id))) throw notFound(id);
    return c.body(null, 204);
  });
  return app;
}
