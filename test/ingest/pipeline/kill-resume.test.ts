/**
 * An ingest killed with SIGKILL in the middle leaves only whole batches, and the same command
 * run again completes it with no duplicates: the end state equals a clean, uninterrupted load.
 */
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../../src/db/database.ts';
import { openTestDatabase, SERVER_URL } from '../../helpers/engines.ts';
import { ingest } from '../../helpers/ingest.ts';
import { DATA_FILES } from '../../helpers/shared-data.ts';

const BIN = path.resolve('bin/jobsight.js');
// The reject file goes to the temporary folder, not the working tree; no default index build, which is not under test.
const ARGS = [
  'ingest',
  DATA_FILES.nhs,
  '--batch-size',
  '500',
  '--reference-date',
  '2020-11-30',
  '--json',
  '--no-auto-index',
  '--reject-file',
  path.join(tmpdir(), `jobsight-kill-resume-${process.pid}.jsonl`),
];

async function count(database: Database): Promise<{ rows: number; keys: number; hashes: number }> {
  const [row] = await queryRows<{ rows: number; keys: number; hashes: number }>(
    database.db,
    sql`select count(*)::int as rows, count(distinct (source, external_id))::int as keys,
               count(distinct content_hash)::int as hashes from jobs`,
  );
  return row!;
}

/** One hash over every stored posting's identity and content, to compare two databases. */
async function fingerprint(database: Database): Promise<string> {
  const [row] = await queryRows<{ md5: string }>(
    database.db,
    sql`select md5(string_agg(source || '/' || external_id || '/' || content_hash || '/' || coalesce(salary_annual_min::text, ''), ',' order by source, external_id)) as md5 from jobs`,
  );
  return row!.md5;
}

function runIngest(url: string, killWhen?: () => Promise<boolean>): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...ARGS], {
      env: { ...process.env, DATABASE_URL: url, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout }));
    if (killWhen) {
      const timer = setInterval(() => {
        void killWhen().then((now) => {
          if (now) {
            clearInterval(timer);
            child.kill('SIGKILL');
          }
        });
      }, 100);
      child.on('exit', () => clearInterval(timer));
    }
  });
}

describe.skipIf(!SERVER_URL)(`[server] ingest killed with SIGKILL${SERVER_URL ? '' : ' (DATABASE_URL unset)'}`, () => {
  let interrupted: Database;
  let clean: Database;
  beforeAll(async () => {
    interrupted = await openTestDatabase('server');
    clean = await openTestDatabase('server');
  });
  afterAll(async () => {
    await interrupted?.close();
    await clean?.close();
  });

  it('resumes to exactly the rows of a clean load, with no duplicates', async () => {
    const url = interrupted.location.replace(/^PostgreSQL server /, '');
    const killed = await runIngest(url, async () => (await count(interrupted)).rows >= 3000);
    expect(killed.signal).toBe('SIGKILL');
    const partial = await count(interrupted);
    expect(partial.rows).toBeGreaterThanOrEqual(3000);
    expect(partial.rows).toBeLessThan(14_000);

    const resumed = await runIngest(url);
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.stdout) as { read: number; unchanged: number; inserted: number };
    expect(summary.read).toBe(14_842);
    expect(summary.unchanged).toBe(partial.rows);

    const reference = await ingest(clean, [DATA_FILES.nhs], { referenceDate: new Date('2020-11-30T00:00:00Z'), batchSize: 500 });
    const after = await count(interrupted);
    expect(after.rows).toBe(reference.inserted);
    expect(after.keys).toBe(after.rows);
    expect(after.hashes).toBe(after.rows);
    expect(await fingerprint(interrupted)).toBe(await fingerprint(clean));
  }, 300_000);
});
