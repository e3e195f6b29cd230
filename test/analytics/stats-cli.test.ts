/** `jobsight stats` as a user runs it (a child process), on a fresh data dir and, with DATABASE_URL, a server database. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase, SERVER_URL } from '../helpers/engines.ts';
import { MARKET } from './fixtures.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/jobsight.js');

describe.each(ENGINES)('[%s] jobsight stats', (engine) => {
  const skip = engine === 'server' && !SERVER_URL;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let cleanup: () => Promise<void>;

  async function jobsight(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 120_000 });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  }

  beforeAll(async () => {
    if (skip) return;
    dir = await mkdtemp(path.join(tmpdir(), 'jobsight-stats-cli-'));
    const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete base.DATABASE_URL;
    if (engine === 'pglite') {
      env = { ...base, JOBSIGHT_DATA_DIR: path.join(dir, 'data') };
      cleanup = () => rm(dir, { recursive: true, force: true });
    } else {
      const database = await openTestDatabase('server', { initialized: false });
      env = { ...base, DATABASE_URL: database.location.replace(/^PostgreSQL server /, '') };
      cleanup = async () => {
        await database.close();
        await rm(dir, { recursive: true, force: true });
      };
    }
    await writeFile(path.join(dir, 'jobs.json'), JSON.stringify(MARKET));
    const added = await jobsight('jobs', 'add', '--file', path.join(dir, 'jobs.json'), '--json');
    expect(added.stderr).toBe('');
  }, 180_000);
  afterAll(async () => cleanup?.());

  it.skipIf(skip)('stats skills --json prints the library\'s result, filters applied', async () => {
    const result = await jobsight('stats', 'skills', '--json', '--country', 'GB', '--top', '2');
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      total: 8,
      rows: [{ skill: 'Nursing', postings: 4, share: 0.5 }, { skill: 'Python', postings: 3, share: 0.375 }],
    });
  });

  it.skipIf(skip)('stats salaries --like prints a table; bad --by and an empty --like are refused', async () => {
    const table = await jobsight('stats', 'salaries', '--by', 'title', '--like', 'python data engineer', '--size', '5', '--min-count', '1');
    expect(table.stderr).toBe('');
    expect(table.stdout).toMatch(/^5 postings like "python data engineer"/);
    expect(table.stdout).toMatch(/data engineer\s+│ GBP\s+│ 4\s+│ 62,500\s+│ 67,500\s+│ 81,250/);

    const badBy = await jobsight('stats', 'salaries', '--by', 'colour');
    expect(badBy.code).not.toBe(0);
    expect(badBy.stderr).toMatch(/'colour' is invalid\. Allowed choices are title, city, country, skill, employment-type, remote, company/);

    const emptyLike = await jobsight('stats', 'skills', '--like', ' ');
    expect(emptyLike.code).toBe(1);
    expect(emptyLike.stderr).toMatch(/error: invalid skillsInDemand options: like\.query: must not be empty/);
  });
});
