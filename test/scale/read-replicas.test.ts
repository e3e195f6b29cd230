/**
 * Read replicas on a real streaming replica: a throwaway primary, a standby made from it with
 * pg_basebackup -R on another loopback port, 300 NHS postings ingested on the primary. Reads
 * (operations declared `reads`) must run on the replica and answer as the primary does; a write
 * followed by a read reads the primary; a lagging or stopped replica is skipped with one warning
 * line and reads go to the primary; with the primary stopped, reads are still served by the replica.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { resolveApiConfig } from '../../src/api/config.ts';
import { type Database, queryRows, readFrom } from '../../src/db/database.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { openReplicated } from '../../src/db/replicas.ts';
import { searchOperation, similarOperation } from '../../src/operations/search.ts';
import { runOperation } from '../../src/operations/operation.ts';
import { testEmbedder } from '../helpers/engines.ts';
import { DATA_FILES } from '../helpers/shared-data.ts';
import { CAN_START_CLUSTERS, startStandby, startThrowawayCluster, type ThrowawayCluster } from '../helpers/throwaway-cluster.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/jobsight.js');
const POOL = { max: 4, idleTimeoutMillis: 1000, connectionTimeoutMillis: 5000 };
const KEY = 'replica-suite-key-0123456789';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

// Each CLI command takes seconds on a busy machine; a test runs several.
describe.skipIf(!CAN_START_CLUSTERS)(
  `read replicas${CAN_START_CLUSTERS ? '' : ' (skipped: no initdb/pg_ctl/pg_basebackup; set JOBSIGHT_PG_BIN)'}`,
  { timeout: 240_000 },
  () => {
    let primary: ThrowawayCluster;
    let replica: ThrowawayCluster;
    let primaryUrl: string;
    let replicaUrl: string;
    let dir: string;
    const warnings: string[] = [];
    let database: Database;

    async function jobsight(...args: string[]): Promise<CliResult> {
      const env = { ...process.env, NO_COLOR: '1', DATABASE_URL: primaryUrl, JOBSIGHT_READ_URLS: replicaUrl };
      try {
        const { stdout, stderr } = await run(process.execPath, [BIN, '--embedder', 'hash', ...args], { env, timeout: 120_000 });
        return { code: 0, stdout, stderr };
      } catch (e) {
        const err = e as CliResult;
        return { code: err.code, stdout: err.stdout, stderr: err.stderr };
      }
    }

    /** Waits until the replica has replayed everything the primary has written so far. */
    async function replayed(): Promise<void> {
      const lsn = (await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn'))[0]!.lsn;
      for (let i = 0; i < 300; i++) {
        const [row] = await replica.query<{ done: boolean }>(`select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as done`);
        if (row?.done) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the replica never replayed ${lsn}:\n${replica.log()}`);
    }

    const port = async (db: Database) => (await queryRows<{ port: number }>(db.db, sql`select inet_server_port() as port`))[0]!.port;

    beforeAll(async () => {
      // Every statement logged with its session's application_name (the replica inherits the settings).
      primary = await startThrowawayCluster({ settings: { log_statement: "'all'", log_line_prefix: "'%a: '" } });
      primaryUrl = await primary.createDatabase('jobsight');
      replica = await startStandby(primary);
      replicaUrl = replica.urlFor('jobsight');
      dir = mkdtempSync(path.join(tmpdir(), 'jobsight-replicas-'));
      const file = path.join(dir, 'nhs-300.jsonl');
      writeFileSync(file, `${readFileSync(DATA_FILES.nhs, 'utf8').split('\n').slice(0, 300).join('\n')}\n`);
      const ingest = await jobsight('ingest', file, '--reference-date', '2020-11-30', '--no-auto-index', '--json');
      expect(ingest.stderr).not.toMatch(/skipped/);
      expect(ingest.code, ingest.stderr).toBe(0);
      await replayed();
      database = await openReplicated(
        { kind: 'server', url: primaryUrl, pool: POOL, readUrls: [replicaUrl], maxReplicaLagSeconds: 10 },
        { warn: (line) => warnings.push(line) },
      );
    }, 240_000);

    afterAll(async () => {
      await database?.close();
      await replica?.remove();
      await primary?.remove();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('runs reads on the replica, with the same answers as the primary', async () => {
      /** Statements logged by sessions named `jobsight` (log_line_prefix '%a: ') that contain `marker`. */
      const logged = (cluster: ThrowawayCluster, marker: string) =>
        readFileSync(path.join(path.dirname(cluster.dataDir), 'server.log'), 'utf8')
          .split(/\n(?!\t)/)
          .filter((entry) => entry.startsWith('jobsight: ') && entry.includes(marker)).length;
      expect(await readFrom(database, port)).toBe(replica.port);
      // The primary itself, under another application_name so its sessions are not counted below.
      const direct = await openPostgres({ kind: 'server', url: `${primaryUrl}?application_name=direct`, pool: POOL });
      try {
        for (const mode of ['vector', 'text', 'hybrid'] as const) {
          const input = searchOperation.input.parse({ q: 'staff nurse on a surgical ward', mode, k: 10 });
          const onReplica = await runOperation(searchOperation, { database, embedder: testEmbedder }, input);
          // The replica ran the search statement.
          expect(logged(replica, mode === 'vector' ? '<=>' : 'websearch_to_tsquery')).toBeGreaterThan(0);
          const onPrimary = await searchOperation.run({ database: direct, embedder: testEmbedder }, input);
          expect(onReplica.hits.length).toBeGreaterThan(0);
          expect(onReplica).toEqual(onPrimary);
        }
        const input = similarOperation.input.parse({ id: 1, k: 5 });
        expect(await runOperation(similarOperation, { database, embedder: testEmbedder }, input)).toEqual(
          await similarOperation.run({ database: direct, embedder: testEmbedder }, input),
        );
      } finally {
        await direct.close();
      }
      // The primary's sessions of the replicated database ran no search.
      expect(logged(primary, 'websearch_to_tsquery') + logged(primary, '<=>')).toBe(0);
      expect(warnings).toEqual([]);
    });

    it('reads the primary after a write until the replica has replayed it', async () => {
      const app = createApp({ database, embedder: testEmbedder, config: resolveApiConfig({ apiKey: KEY }) });
      await replica.query('select pg_wal_replay_pause()');
      try {
        const added = await app.request('/api/jobs', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
          body: JSON.stringify({ title: 'Replica Check Nurse', company: 'Replay Trust', country: 'GB' }),
        });
        expect(added.status).toBe(201);
        const { id } = (await added.json()) as { id: number };
        // The replica has not replayed the write, so the read goes to the primary and finds it.
        const read = await app.request(`/api/jobs/${id}`);
        expect(read.status).toBe(200);
        expect(((await read.json()) as { title: string }).title).toBe('Replica Check Nurse');
        expect(await readFrom(database, port)).toBe(primary.port);
      } finally {
        await replica.query('select pg_wal_replay_resume()');
      }
      await replayed();
      expect(await readFrom(database, port)).toBe(replica.port);
    });

    it('skips a lagging replica with a warning and reads the primary', async () => {
      await replica.query('select pg_wal_replay_pause()');
      try {
        await primary.query(`insert into jobsight_settings (key, value) values ('lag-probe', '1'::jsonb)`, 'jobsight');
        const searched = await jobsight('--max-replica-lag', '0', 'search', 'staff nurse', '-k', '3', '--json');
        expect(searched.code, searched.stderr).toBe(0);
        expect(searched.stderr).toMatch(
          /^jobsight: read replica .* skipped: [\d.]+ s behind the primary \(most allowed: 0 s\); tried again in 5 s$/m,
        );
        expect(JSON.parse(searched.stdout)).toHaveLength(3);
      } finally {
        await replica.query('select pg_wal_replay_resume()');
      }
      await replayed();
      const again = await jobsight('search', 'staff nurse', '-k', '3', '--json');
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toBe('');
    });

    it('db info shows each node, its role and lag', async () => {
      const info = await jobsight('db', 'info', '--json');
      expect(info.code, info.stderr).toBe(0);
      const nodes = JSON.parse(info.stdout).nodes as { role: string; location: string; state: string; lagSeconds: number }[];
      expect(nodes.map(({ lagSeconds: _, ...node }) => node)).toEqual([
        { role: 'primary', location: `PostgreSQL server ${primaryUrl}`, state: 'up' },
        { role: 'replica', location: `PostgreSQL server ${replicaUrl}`, state: 'up' },
      ]);
      expect(nodes[0]!.lagSeconds).toBe(0);
      expect(nodes[1]!.lagSeconds).toBeLessThan(10);
      const table = await jobsight('db', 'info');
      expect(table.stdout).toMatch(/replica .*jobsight .*up/);
    });

    it('reads from the primary, with a warning, while the replica is stopped', async () => {
      const before = await jobsight('search', 'staff nurse', '-k', '5', '--json');
      await replica.stop();
      const searched = await jobsight('search', 'staff nurse', '-k', '5', '--json');
      expect(searched.code, searched.stderr).toBe(0);
      expect(searched.stderr.trim().split('\n')).toHaveLength(1);
      expect(searched.stderr).toMatch(/^jobsight: read replica PostgreSQL server \S+ skipped: not reachable \(.*\); tried again in 5 s$/m);
      expect(JSON.parse(searched.stdout)).toEqual(JSON.parse(before.stdout));
      // The open database skips it too, once its last check is old enough, and reads the primary.
      await new Promise((r) => setTimeout(r, 2_100));
      expect(await readFrom(database, port)).toBe(primary.port);
      expect(warnings.some((w) => w.includes('skipped: not reachable'))).toBe(true);
      await replica.start();
    });

    it('serves reads from the replica while the primary is stopped; writes fail in one line', async () => {
      await replayed();
      const before = await jobsight('search', 'staff nurse', '-k', '5', '--json');
      await primary.stop();
      try {
        const searched = await jobsight('search', 'staff nurse', '-k', '5', '--json');
        expect(searched.code, searched.stderr).toBe(0);
        expect(searched.stderr).toMatch(/^jobsight: the primary \S+ is not reachable .*: reads go to the replicas, writes will fail$/m);
        expect(JSON.parse(searched.stdout)).toEqual(JSON.parse(before.stdout));
        const stats = await jobsight('stats', 'skills', '--top', '3', '--json');
        expect(stats.code, stats.stderr).toBe(0);
        const added = await jobsight('jobs', 'add', '--title', 'Nurse', '--company', 'Down Trust');
        expect(added.code).not.toBe(0);
        expect(added.stderr).not.toMatch(/\n\s+at /);
      } finally {
        await primary.start();
      }
    });
  },
);
