/**
 * Jobsight on Citus: a local coordinator and two workers (scripts/citus-cluster.sh on free loopback
 * ports) against a single node (a plain database on the same coordinator server, no Citus in it).
 * Both load the same real postings; the Citus one is distributed with `jobsight db distribute`
 * between two loads (so it moves stored rows into shards and then COPYs into distributed tables).
 * Then every read the API offers must answer the same on both, CRUD and re-ingest must behave alike,
 * and `search --explain` must show the vector search pushed down to the shards.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { initDatabase } from '../../src/db/setup.ts';
import { dropVectorIndex } from '../../src/indexes/index.ts';
import { vectorIndexes } from '../../src/db/vector-indexes.ts';
import { API_KEY, call, testApp } from '../api/client.ts';
import { testEmbedder } from '../helpers/engines.ts';
import { ingest } from '../helpers/ingest.ts';
import { DATA_FILES } from '../helpers/shared-data.ts';
import { CAN_START_CLUSTERS, PG_BIN } from '../helpers/throwaway-cluster.ts';

const run = promisify(execFile);
const SCRIPT = path.resolve('scripts/citus-cluster.sh');
const BIN = path.resolve('bin/jobsight.js');

function extensionInstalled(name: string): boolean {
  try {
    const share = execFileSync(path.join(PG_BIN, 'pg_config'), ['--sharedir']).toString().trim();
    return existsSync(path.join(share, 'extension', `${name}.control`));
  } catch {
    return false;
  }
}

const SKIP = !CAN_START_CLUSTERS
  ? `no initdb/pg_ctl in ${PG_BIN}`
  : !extensionInstalled('citus')
    ? 'Citus is not installed (sudo bash scripts/install-citus.sh)'
    : !extensionInstalled('vector')
      ? 'pgvector is not installed (sudo bash scripts/install-pgvector.sh)'
      : null;

// Loading about 3,900 postings twice and distributing them on a shared 2-core machine.
const SETUP_TIMEOUT = 900_000;
const REFERENCE_DATE = new Date('2018-07-31T00:00:00Z');
// Few shards, so each holds about 1,000 postings: enough for the planner to walk a shard's HNSW index.
const SHARDS = 4;
const LINKEDIN = [DATA_FILES.linkedinAnalyst, DATA_FILES.linkedinScientist, DATA_FILES.indeedAnalyst, DATA_FILES.indeedScientist];

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base port P with P, P+1 and P+2 free on loopback (coordinator, worker 1, worker 2). */
async function freePorts(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    if ((await portIsFree(base)) && (await portIsFree(base + 1)) && (await portIsFree(base + 2))) return base;
  }
  throw new Error('no three consecutive free loopback ports found');
}

describe.skipIf(SKIP !== null)(`[citus] a coordinator and 2 workers answer like one node${SKIP ? ` (skipped: ${SKIP})` : ''}`, () => {
  let dir = '';
  let port = 0;
  let citus: Database;
  let single: Database;
  let citusApp: OpenAPIHono;
  let singleApp: OpenAPIHono;
  const cluster = (...args: string[]) => run('bash', [SCRIPT, ...args, '--port', String(port), '--dir', dir], { timeout: 300_000 });
  const urlFor = (database: string) => `postgres://jobsight@127.0.0.1:${port}/${database}`;
  const jobsight = async (...args: string[]) => {
    const env = { ...process.env, DATABASE_URL: urlFor('jobsight'), JOBSIGHT_EMBEDDER: 'hash', JOBSIGHT_EMBED_DIMENSIONS: '384', NO_COLOR: '1' };
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 300_000 });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };
  const pool = { max: 4, idleTimeoutMillis: 1000, connectionTimeoutMillis: 10_000 };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'jobsight-citus-'));
    port = await freePorts();
    const started = await cluster('start');
    expect(started.stdout).toContain(`DATABASE_URL=${urlFor('jobsight')}`);
    // The single node: a plain database on the coordinator's server, without the citus extension.
    execFileSync(
      path.join(PG_BIN, 'psql'),
      ['-X', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'jobsight', '-d', 'postgres', '-c', 'create database single'],
      {
        stdio: 'ignore',
      },
    );
    citus = await openPostgres({ kind: 'server', url: urlFor('jobsight'), pool });
    single = await openPostgres({ kind: 'server', url: urlFor('single'), pool });
    for (const database of [citus, single]) {
      await initDatabase(database.db, testEmbedder);
      await ingest(database, [DATA_FILES.glassdoor]);
    }
    const distributed = await jobsight('db', 'distribute', '--shard-count', String(SHARDS), '--json');
    expect(distributed.stderr).toBe('');
    expect(distributed.code).toBe(0);
    const status = JSON.parse(distributed.stdout);
    expect(status.workers).toHaveLength(2);
    expect(
      status.tables.map((t: { table: string; kind: string; column: string | null; shards: number }) => [t.table, t.kind, t.column, t.shards]),
    ).toEqual([
      ['job_skills', 'distributed', 'job_id', SHARDS],
      ['jobs', 'distributed', 'id', SHARDS],
      ['companies', 'reference', null, 1],
      ['skills', 'reference', null, 1],
    ]);
    // Co-located: jobs and job_skills share their shards' placement.
    expect(
      new Set(status.tables.filter((t: { kind: string }) => t.kind === 'distributed').map((t: { colocationId: number }) => t.colocationId)).size,
    ).toBe(1);
    expect(status.vectorIndexBuilt).toBe('jobs_embedding_hnsw_cosine');
    // The full-text and the vector index are on every shard.
    for (const index of ['jobs_search_vector_idx', 'jobs_embedding_hnsw_cosine']) {
      const onShards = status.shardIndexes.find((i: { index: string }) => i.index === index);
      expect(onShards).toMatchObject({ shards: SHARDS, of: SHARDS });
    }
    // After distribution: COPY into distributed tables (the loader's fast path).
    for (const database of [citus, single]) await ingest(database, LINKEDIN, { referenceDate: REFERENCE_DATE });
    citusApp = testApp(citus);
    singleApp = testApp(single);
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await citus?.close();
    await single?.close();
    if (dir) {
      await cluster('remove').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('db distribute refuses a second run and says why', async () => {
    const again = await jobsight('db', 'distribute');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already distributed/);
    expect(again.stderr).not.toMatch(/\n\s+at /);
  });

  it('db distribute on a server without Citus says what is missing and how to get it', async () => {
    const env = { ...process.env, DATABASE_URL: urlFor('single'), JOBSIGHT_EMBEDDER: 'hash', NO_COLOR: '1' };
    const result = await run(process.execPath, [BIN, 'db', 'distribute'], { env }).catch((e) => e as { code: number; stderr: string });
    expect((result as { code: number }).code).not.toBe(0);
    expect((result as { stderr: string }).stderr).toMatch(/not a Citus coordinator.*citus extension is missing/);
    expect((result as { stderr: string }).stderr).toMatch(/citus-cluster\.sh start/);
  });

  it('search --explain shows the vector search pushed down: a Citus Adaptive custom scan, each shard its own top k through its HNSW index', async () => {
    // ef_search 10: with about 1,000 postings per shard the planner prefers an exact scan from ef_search 40 up.
    const result = await jobsight('search', 'machine learning engineer', '--mode', 'vector', '--explain', '--ef-search', '10', '--json');
    expect(result.stderr).toBe('');
    const { plan } = JSON.parse(result.stdout);
    expect(plan.distributed.shards).toBe(SHARDS);
    expect(plan.summary).toMatch(/^distributed \(Citus\): each of \d+ shards answers its own top k/);
    expect(plan.kind).toBe('index');
    expect(plan.index).toBe('jobs_embedding_hnsw_cosine');
    // The raw plan through the library: the coordinator's Custom Scan, a shard's Limit over the HNSW index scan.
    const { explainVectorSearch } = await import('../../src/search/vector.ts');
    const raw = JSON.stringify((await explainVectorSearch(citus.db, testEmbedder, 'machine learning engineer', { efSearch: 10 })).plan);
    expect(raw).toContain('"Custom Plan Provider":"Citus Adaptive"');
    expect(raw).toMatch(/"Remote Plan":.*"Node Type":"Limit".*"Index Name":"jobs_embedding_hnsw_cosine_\d+"/);
  });

  describe('with exact vector search on both (no vector index)', () => {
    beforeAll(async () => {
      for (const index of await vectorIndexes(citus.db)) await dropVectorIndex(citus, index.name);
      expect(await vectorIndexes(single.db)).toEqual([]);
    });

    // When each database stored a row differs; everything else must not.
    const withoutTimes = (body: unknown): unknown =>
      JSON.parse(JSON.stringify(body), (key, value) => (key === 'createdAt' || key === 'updatedAt' ? undefined : value));
    const same = async (request: string, init?: Parameters<typeof call>[2]) => {
      const [a, b] = [await call(citusApp, request, init), await call(singleApp, request, init)];
      expect(a.status, `${request}: ${JSON.stringify(a.body)}`).toBe(200);
      expect(withoutTimes(a.body)).toEqual(withoutTimes(b.body));
      return a.body;
    };

    it.each([
      ['vector', '/api/search?mode=vector&q=machine%20learning%20engineer&k=20'],
      ['vector with filters', '/api/search?mode=vector&q=data%20analyst&k=15&skillsAny=SQL,Python&country=US'],
      ['vector, l2, max distance', '/api/search?mode=vector&q=statistics&metric=l2&maxDistance=1.3&k=10'],
      ['text', '/api/search?mode=text&q=%22deep%20learning%22%20-intern&k=20'],
      ['text with filters', '/api/search?mode=text&q=python&k=10&salaryMin=100000&currency=USD'],
      ['hybrid', '/api/search?q=senior%20data%20scientist%20python&k=20'],
      ['hybrid with filters', '/api/search?q=analyst&k=10&city=San%20Francisco&skillsAll=SQL'],
    ])('search: %s', async (_, request) => {
      const body = await same(request);
      expect(body.hits.length).toBeGreaterThan(0);
    });

    it.each([
      ['skills', '/api/stats/skills?top=15'],
      ['skills like a text', '/api/stats/skills?like=data%20engineer&top=10'],
      ['skills like a text, hybrid', '/api/stats/skills?like=data%20engineer&likeMode=hybrid&likeSize=50'],
      ['trends', '/api/stats/trends?skills=Python,SQL'],
      ['salaries by title', '/api/stats/salaries?by=title&minCount=3'],
      ['salaries by skill, filtered', '/api/stats/salaries?by=skill&currency=USD&salaryMin=50000'],
      ['remote', '/api/stats/remote'],
      ['employers', '/api/stats/employers?top=10'],
      ['months', '/api/stats/months'],
      ['co-skills', '/api/stats/co-skills?skill=Python&top=10'],
    ])('stats: %s', async (_, request) => {
      const body = await same(request);
      expect(body.total).toBeGreaterThan(0);
    });

    it('similar, match, jobs list and get', async () => {
      const list = await same('/api/jobs?limit=50&offset=100');
      const id = list.jobs[0].id;
      expect(id).toBeGreaterThan(0);
      await same(`/api/jobs/${id}`);
      const similar = await same(`/api/jobs/${id}/similar?k=10`);
      expect(similar.hits).toHaveLength(10);
      await same(`/api/jobs/${id}/similar?k=5&skillsAny=Python`);
      const resume = 'Data analyst, 4 years: SQL, Python, Tableau, Excel, A/B testing and dashboards for marketing.';
      const match = await same('/api/match', { method: 'POST', json: { resume, k: 10 } });
      expect(match.matches.length).toBeGreaterThan(0);
    });

    it('CRUD: add, read, update, search, duplicate key refused, delete', async () => {
      const job = {
        title: 'Citus Test Engineer',
        company: 'Shardwise Ltd',
        country: 'GB',
        externalId: 'citus-1',
        source: 'citus-test',
        skills: ['PostgreSQL', 'Python'],
      };
      for (const app of [citusApp, singleApp]) {
        const added = await call(app, '/api/jobs', { method: 'POST', json: job, key: API_KEY });
        expect(added.status, JSON.stringify(added.body)).toBe(201);
        const id = added.body.id;
        expect((await call(app, `/api/jobs/${id}`)).body).toMatchObject({ title: job.title, company: job.company, skills: ['PostgreSQL', 'Python'] });
        const dup = await call(app, '/api/jobs', { method: 'POST', json: job, key: API_KEY });
        expect(dup.status, JSON.stringify(dup.body)).toBe(409);
        const updated = await call(app, `/api/jobs/${id}`, {
          method: 'PATCH',
          json: { title: 'Senior Citus Test Engineer', skills: ['Go'] },
          key: API_KEY,
        });
        expect(updated.status, JSON.stringify(updated.body)).toBe(200);
        expect(updated.body).toMatchObject({ title: 'Senior Citus Test Engineer', skills: ['Go'] });
        const found = await call(app, '/api/search?mode=text&q=%22senior%20citus%20test%20engineer%22');
        expect(found.body.hits.map((h: { id: number }) => h.id)).toEqual([id]);
        expect((await call(app, `/api/jobs/${id}`, { method: 'DELETE', key: API_KEY })).status).toBe(204);
        expect((await call(app, `/api/jobs/${id}`)).status).toBe(404);
      }
    });

    it('re-ingest: unchanged postings stay, changed ones are updated in place (no unique key on Citus)', async () => {
      const again = await Promise.all([citus, single].map((d) => ingest(d, [DATA_FILES.indeedAnalyst], { referenceDate: REFERENCE_DATE })));
      expect(again[0]!.inserted).toBe(0);
      expect(again[0]!.updated).toBe(0);
      expect(again[0]).toMatchObject({ inserted: again[1]!.inserted, updated: again[1]!.updated, unchanged: again[1]!.unchanged });
      // Five postings of the same source and ids, retitled: updated, not added.
      const rows = (parse(readFileSync(DATA_FILES.indeedAnalyst), { columns: true }) as Record<string, string>[]).slice(0, 5);
      const changed = path.join(dir, 'changed.jsonl');
      writeFileSync(changed, rows.map((r) => JSON.stringify({ ...r, title: `${r.title} (retitled)` })).join('\n'));
      const outcomes = [];
      for (const d of [citus, single]) outcomes.push(await ingest(d, [changed], { source: 'cal_da_500', referenceDate: REFERENCE_DATE }));
      expect(outcomes[0]!.updated).toBeGreaterThan(0);
      expect(outcomes[0]).toMatchObject({ inserted: 0, updated: outcomes[1]!.updated, unchanged: outcomes[1]!.unchanged });
      await same('/api/search?mode=text&q=retitled&k=10');
      await same('/api/stats/employers?top=5');
    });
  });
});
