/**
 * The `jobsight` command as a user runs it (a child process), on a fresh embedded database and,
 * with DATABASE_URL, on a server database of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgvectorProblem } from '../../src/db/setup.ts';
import { openCliWorkspace, type CliWorkspace } from '../helpers/cli.ts';
import { ENGINES, SERVER_URL } from '../helpers/engines.ts';

describe.each(ENGINES)('[%s] jobsight CLI', (engine) => {
  const skip = engine === 'server' && !SERVER_URL;
  let workspace: CliWorkspace | undefined;
  const jobsight = (...args: string[]) => workspace!.jobsight(...args);

  // On the server a bare database: the first command must set it up by itself.
  beforeAll(async () => {
    if (!skip) workspace = await openCliWorkspace(engine);
  });
  afterAll(async () => workspace?.close());

  it.skipIf(skip)('adds, gets, updates, lists and deletes a job, with --json', async () => {
    const added = await jobsight(
      'jobs',
      'add',
      '--title',
      'Data Analyst',
      '--company',
      'Acme Ltd',
      '--country',
      'GB',
      '--salary-min',
      '30000',
      '--salary-max',
      '40000',
      '--salary-currency',
      'GBP',
      '--salary-period',
      'year',
      '--skills',
      'SQL, Excel',
      '--json',
    );
    expect(added.stderr).toBe('');
    const job = JSON.parse(added.stdout) as { id: number; skills: string[]; salaryAnnualMax: number };
    expect(job).toMatchObject({ skills: ['Excel', 'SQL'], salaryAnnualMax: 40000 });

    const got = await jobsight('jobs', 'get', String(job.id));
    expect(got.stdout).toMatch(/title:\s+Data Analyst/);
    expect(got.stdout).toMatch(/company:\s+Acme Ltd/);

    const updated = await jobsight('--json', 'jobs', 'update', String(job.id), '--title', 'Senior Data Analyst', '--clear', 'country');
    expect(JSON.parse(updated.stdout)).toMatchObject({ title: 'Senior Data Analyst', country: null });

    const listed = JSON.parse((await jobsight('jobs', 'list', '--json')).stdout) as { title: string }[];
    expect(listed.map((j) => j.title)).toContain('Senior Data Analyst');

    const found = JSON.parse((await jobsight('search', 'senior data analyst', '--json', '--skills-all', 'SQL')).stdout) as {
      id: number;
      vectorRank: number;
    }[];
    expect(found.map((h) => h.id)).toEqual([job.id]);
    const badSearch = await jobsight('search', 'analyst', '-k', '0');
    expect(badSearch.stderr).toMatch(/k: must be a whole number from 1 to 1000 \(got "0"\)/);

    expect((await jobsight('jobs', 'delete', String(job.id))).stdout).toMatch(`deleted job ${job.id}`);
    const missing = await jobsight('jobs', 'get', String(job.id));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(`error: no job with id ${job.id}`);
  });

  it.skipIf(skip)('reports migrations and versions', async () => {
    const status = JSON.parse((await jobsight('db', 'status', '--json')).stdout) as { name: string; appliedAt: string | null }[];
    expect(status.length).toBeGreaterThanOrEqual(2);
    expect(status.every((m) => m.appliedAt)).toBe(true);
    const info = await jobsight('db', 'info');
    expect(info.stdout).toMatch(/pgvector:\s+0\.[89]\.\d+ \(installed\)/);
    expect(info.stdout).toMatch(/embedder:\s+glove-sif-v1\+hash-ngram-v1, 384 dimensions/);
  });

  it.skipIf(skip)('turns bad input into one clear line and a hint, never a stack trace', async () => {
    const badId = await jobsight('jobs', 'get', 'abc');
    expect(badId.code).not.toBe(0);
    expect(badId.stderr).toMatch(/id: must be a whole number written in decimal digits \(got "abc"\)/);
    const invalid = await jobsight('jobs', 'add', '--title', 'X', '--salary-min', '50', '--salary-max', '10');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/invalid job: salaryMin: salaryMin must not exceed salaryMax/);
    const mismatch = await jobsight('--dimensions', '128', 'jobs', 'list');
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toMatch(/active embedder is glove-sif-v1\+hash-ngram-v1 \(128 dimensions\)/);
    expect(mismatch.stderr).toMatch(/hint: .*jobsight db reembed/);
    const hexId = await jobsight('jobs', 'get', '0x10');
    expect(hexId.stderr).toMatch(/id: must be a whole number written in decimal digits \(got "0x10"\)/);
    const down = await jobsight('--database-url', 'postgres://root@127.0.0.1:9/nowhere', 'jobs', 'list');
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^error: cannot connect to PostgreSQL server .*ECONNREFUSED.*\nhint: /);
    for (const r of [badId, invalid, mismatch, hexId, down]) expect(r.stderr).not.toMatch(/\n\s+at |--debug/);
  });
});

describe('a server without pgvector', () => {
  it('is told how to get it', () => {
    const problem = pgvectorProblem({ available: null, installed: null });
    expect(problem?.message).toBe('the pgvector extension is not available on this PostgreSQL server');
    expect(problem?.hint).toMatch(/pgvector\/pgvector Docker image.*postgresql-<major>-pgvector.*scripts\/install-pgvector\.sh/);
    expect(pgvectorProblem({ available: '0.6.2', installed: '0.6.2' })?.message).toMatch(/0\.6\.2 is too old/);
    expect(pgvectorProblem({ available: '0.8.0', installed: null })).toBeUndefined();
  });
});
