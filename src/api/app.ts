/**
 * The HTTP API and the web page as one Hono app. The routes are generated from the operations
 * (api/operations.ts: the same declarations the CLI is built from, documented at /openapi.json),
 * plus /api/health; they share one
 * database: one node-postgres pool, or the one PGlite, whose own locks queue concurrent queries
 * and keep a transaction's statements together.
 *
 * @example
 * const app = createApp({ database, embedder, config: resolveApiConfig({ apiKey: 's3cret' }) });
 * const res = await app.request('/api/search?q=nurse&k=5');
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { requireReadKey, requireWriteKey } from './auth.ts';
import type { ApiConfig } from './config.ts';
import type { ApiDeps } from './deps.ts';
import { type ErrorBody, errorHandler, type Logger } from './errors.ts';
import { addOperationRoutes } from './operations.ts';
import { healthRoutes } from './routes/health.ts';
import { webRoutes } from './web.ts';
import { OPERATIONS } from '../operations/index.ts';

export interface AppOptions {
  database: Database;
  embedder: Embedder;
  config: ApiConfig;
  /** Where unexpected errors are reported. Default: console.error. */
  log?: Logger;
}

const consoleLog: Logger = (message, error) => console.error(`jobsight serve: ${message}`, error ?? '');

export function createApp({ database, embedder, config, log = consoleLog }: AppOptions): OpenAPIHono {
  const deps: ApiDeps = { database, embedder, config, requireWrite: requireWriteKey(config) };
  const app = new OpenAPIHono();
  app.onError(errorHandler(log));
  app.notFound((c) =>
    c.json<ErrorBody>({ error: `no such endpoint: ${c.req.method} ${c.req.path}`, hint: 'GET /openapi.json lists the endpoints.' }, 404),
  );

  // Uploads stream to disk with their own limit (api/operations.ts); every other body is small.
  // GET and HEAD carry none: asking for it would build a whole fetch Request for every search.
  const smallBody = bodyLimit({
    maxSize: config.maxBodyBytes,
    onError: (c) =>
      c.json<ErrorBody>({ error: `the request body is larger than the limit of ${config.maxBodyBytes.toLocaleString('en')} bytes` }, 413),
  });
  app.use('/api/*', async (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path === '/api/ingest' ? next() : smallBody(c, next),
  );
  app.use('/api/*', async (c, next) => (c.req.path === '/api/health' ? next() : requireReadKey(config)(c, next)));

  app.route('/', healthRoutes(deps));
  addOperationRoutes(app, OPERATIONS, { context: { database, embedder }, config, requireWrite: deps.requireWrite });

  app.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'ApiKey', { type: 'apiKey', in: 'header', name: 'x-api-key' });
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'Jobsight API',
      version: '0.1.0',
      description: "Search, analyse and manage job postings. Writes need the server's API key (JOBSIGHT_API_KEY).",
    },
  });
  app.route('/', webRoutes());
  return app;
}
