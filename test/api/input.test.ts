/**
 * Input the API refuses with a 400 naming the parameter: integers written other than in plain
 * decimal (`GET /api/jobs/0x10` once read job 16, `offset=1e3` was accepted) and NUL characters
 * (a `%00` once gave a 500). And a database that cannot be reached is a 503 with a hint, for
 * /api/health too.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../src/db/database.ts';
import { addJob } from '../../src/jobs/repository.ts';
import { describeEngines, testEmbedder } from '../helpers/engines.ts';
import { API_KEY, call, expectClientError, logged, testApp } from './client.ts';

describeEngines('HTTP API: strict input', ({ database }) => {
  let app: OpenAPIHono;
  beforeAll(async () => {
    app = testApp(database());
    for (let i = 0; i < 17; i++) await addJob(database().db, testEmbedder, { title: `Nurse ${i}`, externalId: `n-${i}` });
  });

  it('refuses integers that are not plain decimal in path and query parameters', async () => {
    for (const id of ['0x10', '1e1', '+5', '1.0', '%2012%20']) {
      expectClientError(await call(app, `/api/jobs/${id}`), 400, /id: must be a whole number written in decimal digits/);
    }
    expect((await call(app, '/api/jobs/16')).status).toBe(200);
    expectClientError(await call(app, '/api/jobs?offset=1e3'), 400, /offset: must be a whole number written in decimal digits \(got "1e3"\)/);
    expectClientError(await call(app, '/api/jobs?limit=%2012'), 400, /limit/);
    expectClientError(await call(app, '/api/search?q=nurse&k=0x10'), 400, /k: must be a whole number/);
    expectClientError(await call(app, '/api/search?q=nurse&efSearch=1e2'), 400, /efSearch/);
    expectClientError(await call(app, '/api/stats/skills?top=%2B5'), 400, /top/);
    expect(logged).toEqual([]);
  });

  it('refuses a NUL character in any text parameter or body field, naming it', async () => {
    expectClientError(await call(app, '/api/search?q=nurse%00'), 400, /q: must not contain a NUL character/);
    expectClientError(await call(app, '/api/search?q=nurse&city=Leeds%00'), 400, /city: must not contain a NUL/);
    expectClientError(await call(app, '/api/jobs?source=a%00'), 400, /source: must not contain a NUL/);
    const post = await call(app, '/api/jobs', { method: 'POST', json: { title: 'Nurse\u0000' }, key: API_KEY });
    expectClientError(post, 400, /title: must not contain a NUL/);
    const match = await call(app, '/api/match', { method: 'POST', json: { resume: 'SQL', filters: { city: 'x\u0000' } } });
    expectClientError(match, 400, /city: must not contain a NUL/);
    expect(logged).toEqual([]);
  });
});

describe('a database that cannot be reached', () => {
  it('is a 503 with a hint to retry, for /api/health and every operation', async () => {
    const pool = new pg.Pool({ connectionString: 'postgres://root@127.0.0.1:9/nowhere', connectionTimeoutMillis: 2000 });
    const unreachable = { engine: 'postgres', db: drizzle({ client: pool }) as unknown as Db, location: 'nowhere' } as Database;
    const app = testApp(unreachable);
    for (const path of ['/api/health', '/api/jobs', '/api/stats/skills']) {
      const reply = await call(app, path);
      expect(reply.status, path).toBe(503);
      expect(reply.body.error).toMatch(/the database is not reachable/);
      expect(reply.body.hint).toMatch(/retry shortly/);
    }
    await pool.end();
  });
});
