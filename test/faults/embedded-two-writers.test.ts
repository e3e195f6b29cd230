/**
 * Fault suite: two processes on one embedded data folder. Regression for issue 10 case 3: an
 * ingest and a second ingest (or `jobs add`) at once both exited 0, and afterwards ids were
 * duplicated and rows lost. Now the second is refused with the first one's pid and command, the
 * first completes intact, and a folder whose owner was killed with SIGKILL is taken over.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePostings } from '../../src/demo/generate-postings.ts';
import { spawnJobsight, STACK_TRACE } from '../helpers/child.ts';

const POSTINGS = 1000;
const dir = mkdtempSync(path.join(tmpdir(), 'jobsight-two-writers-'));
const file = path.join(dir, 'postings.jsonl');
const env = (data: string): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, JOBSIGHT_DATA_DIR: data };
  delete e.DATABASE_URL;
  return e;
};

async function jobsight(data: string, ...args: string[]) {
  const run = spawnJobsight(args, env(data));
  const { code } = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

async function until(condition: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('[pglite] two processes on one embedded data folder', () => {
  beforeAll(() => {
    // Enough postings that the first ingest is still running while the others start (seconds each on a busy machine).
    writeFileSync(file, [...generatePostings({ count: POSTINGS, seed: 3 })].map((p) => JSON.stringify(p)).join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses the second writer with the first one's pid and command; the first completes intact", async () => {
    const data = path.join(dir, 'shared');
    const first = spawnJobsight(
      ['ingest', file, '--batch-size', '10', '--threads', '0', '--json', '--no-auto-index', '--reject-file', path.join(dir, 'r1.jsonl')],
      env(data),
    );
    // Once its cluster is on disk the first process is working on it (the lock, when there is one, came before).
    await until(() => existsSync(path.join(data, 'pglite', 'PG_VERSION')) || !first.running());
    const [add, second] = await Promise.all([
      jobsight(data, 'jobs', 'add', '--title', 'Ward Clerk', '--external-id', 'second-writer'),
      jobsight(data, 'ingest', file, '--source', 'again', '--reject-file', path.join(dir, 'r2.jsonl')),
    ]);
    expect(first.running(), 'the first ingest ended before the others tried: the test proves nothing').toBe(true);
    for (const refused of [add, second]) {
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        new RegExp(
          `^error: the embedded database in ${data.replace(/[/.]/g, '\\$&')} is in use by another process: pid ${first.pid} \\(jobsight ingest ${file.replace(/[/.]/g, '\\$&')} `,
          'm',
        ),
      );
      expect(refused.stderr).toMatch(/^hint: .*--data-dir/m);
      expect(refused.stderr).not.toMatch(STACK_TRACE);
    }
    expect((await first.exited).code, first.stderr()).toBe(0);
    const summary = JSON.parse(first.stdout());
    expect(summary.read).toBe(POSTINGS);

    // Intact: every stored row listed once, ids unique, and the folder takes a writer again.
    const listed: { id: number }[] = [];
    for (let offset = 0; offset < summary.inserted + 1000; offset += 1000) {
      listed.push(
        ...(JSON.parse((await jobsight(data, '--json', 'jobs', 'list', '--limit', '1000', '--offset', String(offset))).stdout) as { id: number }[]),
      );
    }
    expect(listed).toHaveLength(summary.inserted);
    expect(new Set(listed.map((j) => j.id)).size).toBe(listed.length);
    const added = await jobsight(data, '--json', 'jobs', 'add', '--title', 'Ward Clerk', '--external-id', 'after');
    expect(added.code, added.stderr).toBe(0);
    expect(existsSync(path.join(data, 'lock'))).toBe(false);
  }, 300_000);

  it('takes over the folder of a process killed with SIGKILL, and the data opens', async () => {
    const data = path.join(dir, 'killed');
    expect((await jobsight(data, 'jobs', 'add', '--title', 'Porter', '--external-id', 'before')).code).toBe(0);
    const victim = spawnJobsight(
      ['ingest', file, '--batch-size', '10', '--threads', '0', '--no-auto-index', '--reject-file', path.join(dir, 'r3.jsonl')],
      env(data),
    );
    await until(() => existsSync(path.join(data, 'lock')) || !victim.running());
    await new Promise((r) => setTimeout(r, 1500));
    victim.child.kill('SIGKILL');
    await victim.exited;
    expect(existsSync(path.join(data, 'lock'))).toBe(true);
    const after = await jobsight(data, '--json', 'jobs', 'get', '1');
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).title).toBe('Porter');
  }, 300_000);
});
