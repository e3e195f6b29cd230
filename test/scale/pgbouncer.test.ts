/**
 * Jobsight through a real PgBouncer in transaction pooling mode: every transaction may run on
 * another server connection, so nothing may rely on session state between transactions (search
 * settings are SET LOCAL, advisory locks transaction-level, the ingest's staging table created in
 * each batch's transaction, statements unnamed). Ingest, vector / text / hybrid search, CRUD,
 * statistics and an index build run through it, and answer as the server itself does.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_START_PGBOUNCER, type PgBouncer, startPgBouncer } from '../helpers/pgbouncer.ts';
import { DATA_FILES } from '../helpers/shared-data.ts';
import { CAN_START_CLUSTERS, startThrowawayCluster, type ThrowawayCluster } from '../helpers/throwaway-cluster.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/jobsight.js');
/** Server connections behind the pooler: few, so transactions surely share them. */
const POOL_SIZE = 3;
const CAN_RUN = CAN_START_CLUSTERS && CAN_START_PGBOUNCER;
const WHY = !CAN_START_CLUSTERS
  ? ' (skipped: no initdb/pg_ctl; set JOBSIGHT_PG_BIN)'
  : !CAN_START_PGBOUNCER
    ? ' (skipped: no pgbouncer; apt install pgbouncer)'
    : '';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

// Each CLI command takes seconds on a busy machine; a test runs several.
describe.skipIf(!CAN_RUN)(`PgBouncer in transaction pooling mode${WHY}`, { timeout: 300_000 }, () => {
  let cluster: ThrowawayCluster;
  let bouncer: PgBouncer;
  let directUrl: string;
  let dir: string;
  let file: string;

  async function jobsight(url: string, ...args: string[]): Promise<CliResult> {
    const env = { ...process.env, NO_COLOR: '1', DATABASE_URL: url };
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, '--embedder', 'hash', ...args], { env, timeout: 180_000 });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as CliResult;
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  }

  async function ok(url: string, ...args: string[]): Promise<unknown> {
    const result = await jobsight(url, ...args, '--json');
    expect(result.code, `${args.join(' ')}: ${result.stderr}\n${bouncer.log().slice(-2000)}`).toBe(0);
    return JSON.parse(result.stdout);
  }

  /** What a fresh transaction sees on each of the pooler's server connections (all held at once). */
  async function settingsSeen(): Promise<string[]> {
    const clients = Array.from({ length: POOL_SIZE }, () => new pg.Client({ connectionString: bouncer.url }));
    try {
      await Promise.all(clients.map((c) => c.connect()));
      const rows = await Promise.all(
        clients.map(async (c) => {
          await c.query('begin');
          const { rows } = await c.query(
            `select current_setting('hnsw.ef_search', true) as ef, current_setting('maintenance_work_mem') as mem,
                    current_setting('max_parallel_maintenance_workers') as workers`,
          );
          return rows[0] as { ef: string | null; mem: string; workers: string };
        }),
      );
      await Promise.all(clients.map((c) => c.query('commit')));
      return rows.map((r) => `${r.ef ?? '-'} ${r.mem} ${r.workers}`);
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => {})));
    }
  }

  beforeAll(async () => {
    cluster = await startThrowawayCluster();
    directUrl = await cluster.createDatabase('jobsight');
    bouncer = await startPgBouncer(cluster, 'jobsight', POOL_SIZE);
    dir = mkdtempSync(path.join(tmpdir(), 'jobsight-pgbouncer-data-'));
    file = path.join(dir, 'nhs-300.jsonl');
    writeFileSync(file, `${readFileSync(DATA_FILES.nhs, 'utf8').split('\n').slice(0, 300).join('\n')}\n`);
  }, 120_000);

  afterAll(async () => {
    await bouncer?.stop();
    await cluster?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sets up the database and ingests through it (binary COPY, staging table, advisory locks, many batches)', async () => {
    expect(await ok(bouncer.url, 'db', 'init')).toMatchObject({ applied: expect.any(Array) });
    const summary = (await ok(bouncer.url, 'ingest', file, '--reference-date', '2020-11-30', '--batch-size', '40', '--no-auto-index')) as {
      inserted: number;
      rejected: number;
    };
    expect(summary.inserted).toBeGreaterThan(250);
    // The same file again through the pooler: every posting is found unchanged, nothing loaded twice.
    const again = (await ok(bouncer.url, 'ingest', file, '--reference-date', '2020-11-30', '--batch-size', '40', '--no-auto-index')) as {
      inserted: number;
    };
    expect(again.inserted).toBe(0);
  });

  it('searches in every mode as the server itself answers, and per-query settings do not outlive their transaction', async () => {
    for (const mode of ['vector', 'text', 'hybrid']) {
      const args = ['search', 'staff nurse for a surgical ward', '--mode', mode, '-k', '10', '--ef-search', '17', '--country', 'GB'];
      const through = await ok(bouncer.url, ...args);
      expect((through as unknown[]).length).toBeGreaterThan(0);
      expect(through).toEqual(await ok(directUrl, ...args));
    }
    expect(await ok(bouncer.url, 'similar', '3', '-k', '5')).toEqual(await ok(directUrl, 'similar', '3', '-k', '5'));
    expect(await ok(bouncer.url, 'stats', 'skills', '--top', '5', '--like', 'nurse')).toEqual(
      await ok(directUrl, 'stats', 'skills', '--top', '5', '--like', 'nurse'),
    );
    for (const seen of await settingsSeen()) expect(seen).not.toMatch(/^17 /);
  });

  it('adds, reads, changes and deletes a job', async () => {
    const added = (await ok(bouncer.url, 'jobs', 'add', '--title', 'Pooled Staff Nurse', '--company', 'Bouncer Trust', '--skills', 'SQL')) as {
      id: number;
    };
    expect(added).toMatchObject({ id: expect.any(Number) });
    const id = String(added.id);
    expect(await ok(bouncer.url, 'jobs', 'get', id)).toMatchObject({ title: 'Pooled Staff Nurse', company: 'Bouncer Trust' });
    expect(await ok(bouncer.url, 'jobs', 'update', id, '--title', 'Pooled Senior Nurse')).toMatchObject({ title: 'Pooled Senior Nurse' });
    expect(await ok(bouncer.url, 'search', 'Pooled Senior Nurse', '--mode', 'text', '-k', '1')).toMatchObject([{ id: added.id }]);
    await ok(bouncer.url, 'jobs', 'delete', id);
    expect((await jobsight(bouncer.url, 'jobs', 'get', id)).code).not.toBe(0);
  });

  it('builds an HNSW index through it with its settings, which do not stay behind on the pooled connections', async () => {
    const built = await ok(bouncer.url, 'index', 'create', 'hnsw', '--maintenance-work-mem', '77MB', '--parallel-workers', '1');
    expect(built).toMatchObject({ name: 'jobs_embedding_hnsw_cosine' });
    for (const seen of await settingsSeen()) expect(seen).not.toMatch(/77MB/);
    const args = ['search', 'staff nurse', '--mode', 'vector', '-k', '5'];
    expect(await ok(bouncer.url, ...args)).toEqual(await ok(directUrl, ...args));
  });
});
