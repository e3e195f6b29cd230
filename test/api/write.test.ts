/**
 * The write endpoints on both engines: no write without the key (403 when the server has none,
 * 401 with a wrong or missing one), jobs CRUD, ingest uploads within the size limit, body limits.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.ts';
import { describeEngines } from '../helpers/engines.ts';
import { API_KEY, call, expectClientError, INJECTION, logged, testApp } from './client.ts';

const JOB = {
  source: 'api-test',
  externalId: 'a-1',
  title: 'Data Engineer',
  company: 'Acme Ltd',
  country: 'GB',
  description: 'Pipelines in Python and SQL.',
  salaryMin: 50000,
  salaryMax: 65000,
  salaryCurrency: 'GBP',
  salaryPeriod: 'year',
  skills: ['Python', 'SQL'],
};

describeEngines('HTTP API: writes', ({ database }) => {
  let app: OpenAPIHono;
  let count: () => Promise<number>;
  beforeAll(() => {
    app = testApp(database(), { apiKey: API_KEY, maxUploadBytes: 64 * 1024, maxBodyBytes: 32 * 1024 });
    count = async () => (await queryRows<{ n: number }>(database().db, sql`select count(*)::int as n from jobs`))[0]!.n;
  });

  it('refuses every write on a server without an API key, saying how to enable them', async () => {
    const closed = testApp(database(), {});
    const writes = [
      call(closed, '/api/jobs', { method: 'POST', json: JOB }),
      call(closed, '/api/jobs', { method: 'POST', json: JOB, key: 'anything' }),
      call(closed, '/api/jobs/1', { method: 'PATCH', json: { title: 'x' } }),
      call(closed, '/api/jobs/1', { method: 'DELETE' }),
      call(closed, '/api/ingest', { method: 'POST', body: '{"title":"x"}\n' }),
    ];
    for (const reply of await Promise.all(writes)) {
      expectClientError(reply, 403, /writes are disabled/);
      expect(reply.body.hint).toMatch(/JOBSIGHT_API_KEY/);
    }
    expect(await count()).toBe(0);
  });

  it('refuses writes with a missing or wrong key', async () => {
    const missing = await call(app, '/api/jobs', { method: 'POST', json: JOB });
    expectClientError(missing, 401, /need an API key/);
    expect(missing.headers.get('www-authenticate')).toMatch(/Bearer/);
    expectClientError(await call(app, '/api/jobs', { method: 'POST', json: JOB, key: 'wrong' }), 401, /not valid/);
    expectClientError(await call(app, '/api/jobs', { method: 'POST', json: JOB, headers: { 'x-api-key': `${API_KEY}x` } }), 401, /not valid/);
    expectClientError(await call(app, '/api/jobs/1', { method: 'DELETE', headers: { authorization: API_KEY } }), 401);
    expectClientError(await call(app, '/api/ingest', { method: 'POST', body: 'title\nx\n' }), 401);
    expect(await count()).toBe(0);
  });

  it('guards reads too when a read key is set, accepting the read or the write key', async () => {
    const guarded = testApp(database(), { apiKey: API_KEY, readKey: 'read-key' });
    expectClientError(await call(guarded, '/api/jobs'), 401, /reads need an API key/);
    expectClientError(await call(guarded, '/api/search?q=nurse', { key: 'wrong' }), 401, /not valid/);
    expect((await call(guarded, '/api/jobs', { key: 'read-key' })).status).toBe(200);
    expect((await call(guarded, '/api/jobs', { headers: { 'x-api-key': API_KEY } })).status).toBe(200);
    expectClientError(await call(guarded, '/api/jobs', { method: 'POST', json: JOB, key: 'read-key' }), 401, /not valid/);
    expect((await call(guarded, '/api/health')).status).toBe(200);
  });

  it('adds, gets, lists, updates and deletes a job', async () => {
    const added = await call(app, '/api/jobs', { method: 'POST', json: JOB, key: API_KEY });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ title: 'Data Engineer', company: 'Acme Ltd', skills: ['Python', 'SQL'], salaryAnnualMax: 65000 });
    const { id } = added.body;

    expect((await call(app, `/api/jobs/${id}`)).body).toMatchObject({ id, title: 'Data Engineer' });
    const listed = await call(app, '/api/jobs?limit=5&source=api-test');
    expect(listed.body.jobs.map((j: { id: number }) => j.id)).toEqual([id]);

    const updated = await call(app, `/api/jobs/${id}`, {
      method: 'PATCH',
      json: { title: 'Senior Data Engineer', country: null },
      headers: { 'x-api-key': API_KEY },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ title: 'Senior Data Engineer', country: null });
    const found = await call(app, '/api/search?q=senior+data+engineer&k=1');
    expect(found.body.hits[0].id).toBe(id);

    expectClientError(await call(app, '/api/jobs', { method: 'POST', json: JOB, key: API_KEY }), 409, /already exists/);
    expect((await call(app, `/api/jobs/${id}`, { method: 'DELETE', key: API_KEY })).status).toBe(204);
    expectClientError(await call(app, `/api/jobs/${id}`), 404, new RegExp(`no job with id ${id}`));
    expectClientError(await call(app, `/api/jobs/${id}`, { method: 'DELETE', key: API_KEY }), 404);
    expectClientError(await call(app, `/api/jobs/${id}`, { method: 'PATCH', json: { title: 'x' }, key: API_KEY }), 404);
  });

  it('refuses bad job input with a 4xx naming the field', async () => {
    const post = (json: unknown) => call(app, '/api/jobs', { method: 'POST', json, key: API_KEY });
    expectClientError(await post({}), 400, /title/);
    expectClientError(await post({ title: 42 }), 400, /title/);
    expectClientError(await post({ title: 'x', salaryMin: 'lots' }), 400, /salaryMin/);
    expectClientError(await post({ title: 'x', salaryMin: 9, salaryMax: 1 }), 400, /salaryMin/);
    expectClientError(await post({ title: 'x', remoteMode: 'moon' }), 400, /remoteMode/);
    expectClientError(await post({ title: 'x', url: 'not a url' }), 400, /url/);
    expectClientError(await post([JOB]), 400);
    expectClientError(
      await call(app, '/api/jobs', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' }, key: API_KEY }),
      400,
      /JSON/i,
    );

    const { id } = (await post({ ...JOB, externalId: 'a-2' })).body;
    const patch = (json: unknown) => call(app, `/api/jobs/${id}`, { method: 'PATCH', json, key: API_KEY });
    expectClientError(await patch({ colour: 'blue' }), 422, /colour/);
    expectClientError(await patch({ title: null }), 422, /title/);
    expectClientError(await patch({ salaryCurrency: INJECTION }), 422, /salaryCurrency/);
    expectClientError(await patch([1, 2]), 400);
    const injected = await patch({ title: INJECTION, company: INJECTION });
    expect(injected.body).toMatchObject({ title: INJECTION, company: INJECTION });
    expect(logged).toEqual([]);
  });

  it('refuses a body over the limit with 413', async () => {
    const big = { ...JOB, externalId: 'big', description: 'x'.repeat(40 * 1024) };
    expectClientError(await call(app, '/api/jobs', { method: 'POST', json: big, key: API_KEY }), 413, /limit/);
    expectClientError(await call(app, '/api/match', { method: 'POST', json: { resume: 'SQL '.repeat(20_000) } }), 413, /limit/);
  });

  it('ingests an uploaded CSV and JSON Lines file, with rejects in the reply', async () => {
    const csv =
      'title,company,location,salary\nStaff Nurse,City Hospital,"Leeds, UK",£30000 - £35000 per annum\n,No Title Ltd,London,\nPorter,City Hospital,"York, UK",\n';
    const reply = await call(app, '/api/ingest?filename=hospital.csv&referenceDate=2025-06-01', {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv' },
      key: API_KEY,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
    expect(reply.body.rejects).toEqual([expect.objectContaining({ at: 'hospital.csv:3', field: 'title' })]);
    const nurses = await call(app, '/api/jobs?source=hospital');
    expect(nurses.body.jobs.map((j: { title: string }) => j.title).sort()).toEqual(['Porter', 'Staff Nurse']);

    const again = await call(app, '/api/ingest?filename=hospital.csv', { method: 'POST', body: csv, key: API_KEY });
    expect(again.body).toMatchObject({ read: 3, inserted: 0, unchanged: 2, rejected: 1 });

    const jsonl = `${JSON.stringify({ title: 'Electrician', company: 'Spark Ltd' })}\n${JSON.stringify({ title: 'Plumber', company: INJECTION })}\n`;
    const lines = await call(app, `/api/ingest?source=${encodeURIComponent(INJECTION)}`, {
      method: 'POST',
      body: jsonl,
      headers: { 'content-type': 'application/x-ndjson' },
      key: API_KEY,
    });
    expect(lines.body).toMatchObject({ read: 2, inserted: 2 });
    expect((await call(app, `/api/jobs?source=${encodeURIComponent(INJECTION)}`)).body.jobs).toHaveLength(2);
  });

  it('refuses uploads that are empty, too large, multipart or of bad options', async () => {
    const post = (path: string, body: string | undefined, headers: Record<string, string> = {}) =>
      call(app, path, { method: 'POST', body, headers, key: API_KEY });
    expectClientError(await post('/api/ingest', undefined), 400, /empty/);
    const before = await count();
    const huge = `title\n${'Nurse\n'.repeat(20_000)}`;
    expectClientError(await post('/api/ingest?filename=huge.csv', huge), 413, /larger than the limit of 65,536 bytes/);
    // Without a declared length the stream is cut as it passes the limit.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new TextEncoder().encode('title\nNurse\n'.repeat(100)));
        controller.close();
      },
    });
    expectClientError(await call(app, '/api/ingest', { method: 'POST', body: stream, key: API_KEY, duplex: 'half' } as RequestInit), 413);
    expect(await count()).toBe(before);
    const form = new FormData();
    form.set('file', new Blob(['title\nNurse\n']), 'a.csv');
    expectClientError(await call(app, '/api/ingest', { method: 'POST', body: form, key: API_KEY }), 400, /not as a multipart form/);
    expectClientError(await post('/api/ingest?format=xlsx', 'x'), 400, /format/);
    expectClientError(await post('/api/ingest?referenceDate=soon', 'x'), 400, /referenceDate/);
    expectClientError(await post(`/api/ingest?filename=${encodeURIComponent('../../etc/passwd')}`, '\u0000\u0001binary'), 400);
    expect(logged).toEqual([]);
  });
});
