/**
 * The read endpoints over the demo postings, on both engines: search in every mode with filters,
 * similar postings, resume matching, health, the OpenAPI document, and bad input of every kind
 * answered with a 4xx that names the problem, never a 500.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { STAT_OPERATIONS } from '../../src/operations/stats.ts';
import { queryRows } from '../../src/db/database.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { describeEngines, testEmbedder } from '../helpers/engines.ts';
import { call, expectClientError, INJECTION, logged, testApp } from './client.ts';

const STAT_NAMES = STAT_OPERATIONS.map((op) => op.name.replace('stats ', ''));

describeEngines('HTTP API: reads', ({ database }) => {
  let app: OpenAPIHono;
  beforeAll(async () => {
    await loadDemo(database().db, testEmbedder);
    app = testApp(database());
  });

  it('reports health', async () => {
    const reply = await call(app, '/api/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'ok', jobs: 1500, embedder: { name: 'hash-ngram-v1', dimensions: 384 } });
  });

  it('searches in each mode, with the fields each mode adds', async () => {
    const hybrid = await call(app, '/api/search?q=staff+nurse&k=5');
    expect(hybrid.status).toBe(200);
    expect(hybrid.body.mode).toBe('hybrid');
    expect(hybrid.body.hits).toHaveLength(5);
    expect(hybrid.body.hits[0]).toMatchObject({
      title: expect.stringMatching(/nurse/i),
      score: expect.any(Number),
      snippet: expect.stringContaining('«'),
    });

    const vector = await call(app, '/api/search?q=data+engineer&mode=vector&k=3&metric=l2&efSearch=40');
    expect(vector.body.hits).toHaveLength(3);
    expect(vector.body.hits[0].distance).toBeTypeOf('number');

    const text = await call(app, `/api/search?${new URLSearchParams({ q: '"data analyst" -senior', mode: 'text', k: '4' })}`);
    expect(text.status).toBe(200);
    for (const hit of text.body.hits) expect(hit.title.toLowerCase()).not.toContain('senior');
    expect(text.body.hits[0]).toMatchObject({ rank: expect.any(Number), snippet: expect.any(String) });
  });

  it('applies every filter, lists comma-separated', async () => {
    const params = new URLSearchParams({
      q: 'nurse',
      k: '50',
      country: 'GB,IE',
      remoteMode: 'onsite,hybrid',
      salaryMin: '20000',
      currency: 'GBP',
      postedAfter: '2025-01-01',
      skillsAny: 'Nursing, Infection Prevention and Control',
    });
    const reply = await call(app, `/api/search?${params}`);
    expect(reply.status).toBe(200);
    expect(reply.body.hits.length).toBeGreaterThan(0);
    for (const hit of reply.body.hits) {
      expect(['GB', 'IE']).toContain(hit.country);
      expect(['onsite', 'hybrid']).toContain(hit.remoteMode);
      expect(hit.salaryCurrency).toBe('GBP');
      expect(Math.max(hit.salaryAnnualMin ?? 0, hit.salaryAnnualMax ?? 0)).toBeGreaterThanOrEqual(20000);
      expect(hit.postedAt >= '2025-01-01').toBe(true);
    }
    const [first] = reply.body.hits;
    const withSkills = await call(
      app,
      `/api/search?q=nurse&mode=vector&k=5&skillsAll=${encodeURIComponent('Nursing')}&company=${encodeURIComponent(first.company)}`,
    );
    expect(withSkills.status).toBe(200);
    for (const hit of withSkills.body.hits) expect(hit.company).toBe(first.company);
  });

  it('finds postings similar to one, and 404s for a missing one', async () => {
    const [{ id }] = (await call(app, '/api/search?q=staff+nurse&k=1')).body.hits;
    const similar = await call(app, `/api/jobs/${id}/similar?k=5&country=GB`);
    expect(similar.status).toBe(200);
    expect(similar.body.hits).toHaveLength(5);
    expect(similar.body.hits.map((h: { id: number }) => h.id)).not.toContain(id);
    for (const hit of similar.body.hits) expect(hit.country).toBe('GB');
    expectClientError(await call(app, '/api/jobs/999999999/similar'), 404, /999999999/);
    expectClientError(await call(app, '/api/jobs/abc/similar'), 400, /id/);
    expectClientError(await call(app, '/api/jobs/0/similar'), 400, /id/);
  });

  it('matches a resume, with skills matched, missing and to learn next', async () => {
    const reply = await call(app, '/api/match', {
      method: 'POST',
      json: { resume: 'Data analyst: four years of SQL, Excel and Python; dashboards in Tableau.', k: 5, filters: { country: ['GB', 'US'] } },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.resumeSkills).toEqual(expect.arrayContaining(['SQL', 'Python']));
    expect(reply.body.matches).toHaveLength(5);
    expect(reply.body.matches[0]).toMatchObject({ matchedSkills: expect.any(Array), missingSkills: expect.any(Array) });
    for (const hit of reply.body.matches) expect(['GB', 'US']).toContain(hit.country);
    expect(Array.isArray(reply.body.learnNext)).toBe(true);

    expectClientError(await call(app, '/api/match', { method: 'POST', json: {} }), 400, /resume/);
    expectClientError(await call(app, '/api/match', { method: 'POST', json: { resume: 42 } }), 400, /resume/);
    expectClientError(await call(app, '/api/match', { method: 'POST', json: { resume: '   ' } }), 400, /empty/);
    expectClientError(
      await call(app, '/api/match', { method: 'POST', json: { resume: 'SQL', filters: { remoteMode: ['moon'] } } }),
      400,
      /remoteMode/,
    );
    expectClientError(await call(app, '/api/match', { method: 'POST', json: { resume: 'SQL', filters: 'GB' } }), 400, /filters/);
    expectClientError(
      await call(app, '/api/match', { method: 'POST', body: '{"resume": ', headers: { 'content-type': 'application/json' } }),
      400,
      /JSON/i,
    );
    expect((await call(app, '/api/match', { method: 'POST', body: 'resume=SQL', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
  });

  it('refuses bad search input with a 400 naming the parameter', async () => {
    expectClientError(await call(app, '/api/search'), 400, /q/);
    expectClientError(await call(app, '/api/search?q='), 400, /empty/);
    expectClientError(await call(app, '/api/search?q=%20%20'), 400, /empty/);
    expectClientError(await call(app, '/api/search?q=nurse&k=0'), 400, /k: must be a whole number from 1 to 1000 \(got "0"\)/);
    expectClientError(await call(app, '/api/search?q=nurse&k=1000000'), 400, /k: must be a whole number from 1 to 1000/);
    expectClientError(await call(app, '/api/search?q=nurse&k=2.5'), 400, /k/);
    expectClientError(await call(app, '/api/search?q=nurse&k=ten'), 400, /k/);
    expectClientError(await call(app, '/api/search?q=nurse&k=1&k=2'), 400, /k/);
    expectClientError(await call(app, '/api/search?q=nurse&mode=fuzzy'), 400, /mode/);
    expectClientError(await call(app, '/api/search?q=nurse&metric=manhattan'), 400, /metric/);
    expectClientError(await call(app, '/api/search?q=nurse&candidates=5000'), 400, /candidates/);
    expectClientError(await call(app, '/api/search?q=nurse&rrfK=0'), 400, /rrfK/);
    expectClientError(await call(app, '/api/search?q=nurse&vectorWeight=-1'), 400, /vectorWeight/);
    expectClientError(await call(app, '/api/search?q=nurse&maxDistance=Infinity&mode=vector'), 400, /maxDistance/);
    expectClientError(await call(app, '/api/search?q=nurse&remote=remote'), 400, /remote: unknown query parameter/);
    expectClientError(await call(app, '/api/search?q=nurse&country=GBR'), 400, /country/);
    expectClientError(await call(app, '/api/search?q=nurse&salaryMin=50000'), 400, /currency/);
    expectClientError(await call(app, '/api/search?q=nurse&postedAfter=yesterday'), 400, /postedAfter/);
    expectClientError(await call(app, '/api/search?q=nurse&employmentType=gig'), 400, /employmentType/);
    expectClientError(await call(app, `/api/search?q=${'a'.repeat(10_001)}`), 400, /10000/);
    expect(logged).toEqual([]);
  });

  it('treats injection strings as data, in the query and in every filter', async () => {
    for (const mode of ['vector', 'text', 'hybrid']) {
      const reply = await call(app, `/api/search?${new URLSearchParams({ q: INJECTION, mode })}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    }
    const filters = { city: INJECTION, company: INJECTION, skillsAll: INJECTION, skillsAny: `${INJECTION},x` };
    expect((await call(app, `/api/search?${new URLSearchParams({ q: 'nurse', ...filters })}`)).body.hits).toEqual([]);
    for (const [name, value] of Object.entries({
      country: INJECTION,
      remoteMode: INJECTION,
      currency: INJECTION,
      postedAfter: INJECTION,
      employmentType: INJECTION,
    })) {
      expectClientError(await call(app, `/api/search?${new URLSearchParams({ q: 'nurse', [name]: value })}`), 400, new RegExp(name));
    }
    expectClientError(await call(app, `/api/jobs/${encodeURIComponent(INJECTION)}`), 400, /id/);
    expect((await call(app, `/api/jobs?${new URLSearchParams({ source: INJECTION, company: INJECTION })}`)).body.jobs).toEqual([]);
    const [row] = await queryRows<{ n: number }>(database().db, sql`select count(*)::int as n from jobs`);
    expect(row!.n).toBe(1500);
    expect(logged).toEqual([]);
  });

  it('answers concurrent requests on the one shared database', async () => {
    const queries = ['nurse', 'data engineer', 'electrician', 'teacher', 'accountant', 'chef', 'sales manager', 'python developer'];
    const replies = await Promise.all(
      queries.flatMap((q) => [
        call(app, `/api/search?q=${encodeURIComponent(q)}&k=3`),
        call(app, `/api/search?q=${encodeURIComponent(q)}&k=3&mode=vector&country=GB`),
        call(app, '/api/health'),
      ]),
    );
    for (const reply of replies) expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  });

  it('computes each market statistic, for all postings and for jobs like a text', async () => {
    const all = await call(app, '/api/stats/skills?top=5');
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.total).toBe(1500);
    expect(all.body.rows).toHaveLength(5);
    const like = await call(app, '/api/stats/skills?top=5&like=data+engineer&likeSize=100&country=GB,US');
    expect(like.body.total).toBeLessThanOrEqual(100);
    expect(like.body.rows.map((r: { skill: string }) => r.skill)).toContain('Python');
    const ok = [
      '/api/stats/salaries?by=title&top=5',
      '/api/stats/salaries?by=country&like=nurse&likeMode=hybrid',
      '/api/stats/months',
      '/api/stats/remote?remoteMode=remote',
      '/api/stats/employers?top=3',
      '/api/stats/co-skills?skill=Python',
      '/api/stats/trends?skills=Python,SQL',
      `/api/stats/employers?${new URLSearchParams({ like: INJECTION })}`,
    ];
    for (const path of ok) {
      const reply = await call(app, path);
      expect(reply.status, `${path}: ${JSON.stringify(reply.body)}`).toBe(200);
      expect(Array.isArray(reply.body.rows)).toBe(true);
    }
    expectClientError(await call(app, '/api/stats/salaries'), 400, /by/);
    expectClientError(await call(app, '/api/stats/salaries?by=colour'), 400, /by/);
    expectClientError(await call(app, '/api/stats/skills?top=0'), 400, /top/);
    expectClientError(await call(app, '/api/stats/skills?likeSize=1000000&like=x'), 400, /likeSize/);
    expectClientError(await call(app, '/api/stats/skills?like='), 400, /like/);
    expectClientError(await call(app, '/api/stats/trends'), 400, /skills/);
    expectClientError(await call(app, '/api/stats/remote?country=GBR'), 400, /country/);
    expectClientError(await call(app, `/api/stats/co-skills?${new URLSearchParams({ skill: INJECTION })}`), 404, /no skill/);
    expect(logged).toEqual([]);
  });

  it('serves an OpenAPI document with a path for every route', async () => {
    const reply = await call(app, '/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toMatch(/^3\./);
    expect(reply.body.info.title).toBe('Jobsight API');
    const paths = reply.body.paths as Record<string, Record<string, { responses: object; security?: unknown[] }>>;
    const expected: [string, string][] = [
      ['/api/health', 'get'],
      ['/api/search', 'get'],
      ['/api/jobs', 'get'],
      ['/api/jobs', 'post'],
      ['/api/jobs/{id}', 'get'],
      ['/api/jobs/{id}', 'patch'],
      ['/api/jobs/{id}', 'delete'],
      ['/api/jobs/{id}/similar', 'get'],
      ['/api/match', 'post'],
      ['/api/ingest', 'post'],
      ...STAT_NAMES.map((name): [string, string] => [`/api/stats/${name}`, 'get']),
    ];
    expect(STAT_NAMES).toHaveLength(7);
    for (const [path, method] of expected) {
      expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
      expect(Object.keys(paths[path]![method]!.responses)).toContain('400');
    }
    expect(paths['/api/jobs']!.post!.security).toBeDefined();
    const searchParams = (paths['/api/search']!.get as unknown as { parameters: { name: string }[] }).parameters.map((p) => p.name);
    expect(searchParams).toEqual(expect.arrayContaining(['q', 'mode', 'k', 'country', 'remoteMode', 'salaryMin', 'currency', 'skillsAll']));
    expect(reply.body.components.securitySchemes).toHaveProperty('Bearer');
  });

  it('answers unknown paths with a JSON 404', async () => {
    expectClientError(await call(app, '/api/nothing'), 404, /no such endpoint/);
  });
});
