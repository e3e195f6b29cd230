/**
 * Fault suite: `jobsight ingest` against a throwaway PostgreSQL that is restarted, stopped, or
 * outlived by a kill -9 of the ingest, each compared with a clean run of the same command
 * (every column, embeddings and skills: test/helpers/table-snapshot.ts).
 * Regression for issue 10 case 2: ingest printed a raw stack trace (the pool's error, or
 * piscina's "Terminating worker thread" hiding it) when PostgreSQL restarted or stopped mid-batch.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePostings } from '../../src/demo/generate-postings.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { initDatabase } from '../../src/db/setup.ts';
import { spawnJobsight, STACK_TRACE } from '../helpers/child.ts';
import { testEmbedder } from '../helpers/engines.ts';
import { ingest } from '../helpers/ingest.ts';
import { tableSnapshot, type TableSnapshot } from '../helpers/table-snapshot.ts';
import { CAN_START_CLUSTERS, startThrowawayCluster, type ThrowawayCluster } from '../helpers/throwaway-cluster.ts';

// Generated postings (the demo's generator): enough batches to fault in the middle of, few
// enough to keep the suite to a few minutes on two shared cores.
const FOLDER = mkdtempSync(path.join(tmpdir(), 'jobsight-faults-'));
const FILE = path.join(FOLDER, 'postings.jsonl');
const POSTINGS = 600;
const BATCH = 40;
const REFERENCE_DATE = '2020-06-01';
const POOL = { max: 4, idleTimeoutMillis: 1000, connectionTimeoutMillis: 5000 };

function ingestArgs(extra: string[] = []): string[] {
  const rejects = path.join(FOLDER, `rejects-${Math.random().toString(36).slice(2)}.jsonl`);
  return [
    'ingest',
    FILE,
    '--batch-size',
    String(BATCH),
    '--reference-date',
    REFERENCE_DATE,
    '--no-auto-index',
    '--json',
    '--reject-file',
    rejects,
    ...extra,
  ];
}

/** The command's environment: the reference run's embedder (hashing), so the two snapshots compare. */
function childEnv(url: string): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: url, JOBSIGHT_EMBEDDER: 'hash' };
}

async function openDatabase(url: string): Promise<Database> {
  return openPostgres({ kind: 'server', url, pool: POOL });
}

async function jobCount(database: Database): Promise<number> {
  return (await tableSnapshot(database.db).catch(() => ({ jobs: -1 }) as TableSnapshot)).jobs;
}

/** Resolves once `database` holds at least `rows` jobs (polled; the ingest commits batch by batch). */
async function whenRows(database: Database, rows: number, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await jobCount(database);
    if (n >= rows) return n;
    if (Date.now() > deadline) throw new Error(`only ${n} rows after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!CAN_START_CLUSTERS)(`[server] ingest through database faults${CAN_START_CLUSTERS ? '' : ' (no initdb/pg_ctl)'}`, () => {
  let cluster: ThrowawayCluster;
  let clean: TableSnapshot;
  beforeAll(async () => {
    writeFileSync(FILE, [...generatePostings({ count: POSTINGS, seed: 10 })].map((p) => JSON.stringify(p)).join('\n'));
    cluster = await startThrowawayCluster();
    const reference = await openDatabase(await cluster.createDatabase('clean_run'));
    try {
      await initDatabase(reference.db, testEmbedder);
      await ingest(reference, [FILE], { batchSize: BATCH, referenceDate: new Date(`${REFERENCE_DATE}T00:00:00Z`), threads: 0 });
      clean = await tableSnapshot(reference.db);
    } finally {
      await reference.close();
    }
    expect(clean.jobs).toBeGreaterThan(POSTINGS * 0.9);
  }, 300_000);
  afterAll(async () => {
    await cluster?.remove();
    rmSync(FOLDER, { recursive: true, force: true });
  });

  it('retries the batch through a restart and ends with exactly the rows of a clean run', async () => {
    const url = await cluster.createDatabase('restarted');
    const watcher = await openDatabase(url).catch(() => undefined);
    const run = spawnJobsight(ingestArgs(['--threads', '0']), childEnv(url));
    // The first command initialises the database; wait for rows before restarting.
    const db = watcher ?? (await openDatabase(url));
    try {
      await whenRows(db, 2 * BATCH);
      await cluster.restart('fast');
      const { code } = await run.exited;
      expect(code, run.stderr()).toBe(0);
      expect(run.stderr()).not.toMatch(STACK_TRACE);
      expect(JSON.parse(run.stdout()).read).toBe(POSTINGS);
      expect(await tableSnapshot(db.db)).toEqual(clean);
    } finally {
      await db.close();
    }
  }, 240_000);

  it('stops with one line (batches loaded, command to resume) when the database stays away, and the command resumes it', async () => {
    const url = await cluster.createDatabase('stopped');
    const args = ingestArgs(['--threads', '1']);
    const run = spawnJobsight(args, childEnv(url));
    const db = await openDatabase(url);
    try {
      await whenRows(db, 2 * BATCH);
    } finally {
      await db.close();
    }
    await cluster.stop('fast');
    let stderr: string;
    try {
      const { code } = await run.exited;
      stderr = run.stderr();
      expect(code, stderr).toBe(1);
    } finally {
      await cluster.start();
    }
    const errorLines = stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(
      /^error: lost the connection to the database \(.+\) and it did not come back after 6 retries; \d+ batch\(es\) of this run \([\d,]+ records\) were loaded whole, nothing half-written; to resume once it is back, run: jobsight ingest /,
    );
    expect(stderr).not.toMatch(STACK_TRACE);
    expect(stderr).not.toMatch(/Terminating worker thread|--debug/);
    // The command it prints is the one that was run; running it again completes the load.
    expect(errorLines[0]).toContain(`run: jobsight ${args.join(' ')}`);
    const resumed = spawnJobsight(args, childEnv(url));
    expect((await resumed.exited).code, resumed.stderr()).toBe(0);
    const after = await openDatabase(url);
    try {
      expect(await tableSnapshot(after.db)).toEqual(clean);
    } finally {
      await after.close();
    }
  }, 240_000);

  it('killed with SIGKILL at random batch boundaries, then run again, ends with exactly the rows of a clean run', async () => {
    const url = await cluster.createDatabase('killed');
    const args = ingestArgs(['--threads', '0']);
    const db = await openDatabase(url).catch(() => undefined);
    let watcher = db;
    const kills: number[] = [];
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const run = spawnJobsight(args, childEnv(url));
        watcher ??= await openDatabase(url);
        const before = await jobCount(watcher);
        // A random number of further batches, so the kill lands at a different boundary each time.
        const target = Math.max(before, 0) + BATCH * (1 + Math.floor(Math.random() * 4));
        if (target >= clean.jobs) {
          await run.exited;
          break;
        }
        kills.push(await whenRows(watcher, target).catch(() => -1));
        run.child.kill('SIGKILL');
        await run.exited;
      }
      const last = spawnJobsight(args, childEnv(url));
      expect((await last.exited).code, last.stderr()).toBe(0);
      expect(await tableSnapshot(watcher!.db), `killed at ${kills.join(', ')} rows`).toEqual(clean);
    } finally {
      await watcher?.close();
    }
  }, 300_000);
});
