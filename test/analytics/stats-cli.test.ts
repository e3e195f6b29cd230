/** `jobsight stats` as a user runs it (a child process), on a fresh data dir and, with DATABASE_URL, a server database. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliWorkspace, type CliWorkspace } from '../helpers/cli.ts';
import { ENGINES, SERVER_URL } from '../helpers/engines.ts';
import { MARKET } from './fixtures.ts';

describe.each(ENGINES)('[%s] jobsight stats', (engine) => {
  const skip = engine === 'server' && !SERVER_URL;
  let workspace: CliWorkspace | undefined;
  const jobsight = (...args: string[]) => workspace!.jobsight(...args);

  beforeAll(async () => {
    if (skip) return;
    workspace = await openCliWorkspace(engine);
    const file = path.join(workspace.dir, 'jobs.json');
    await writeFile(file, JSON.stringify(MARKET));
    const added = await jobsight('jobs', 'add', '--file', file, '--json');
    expect(added.stderr).toBe('');
  }, 180_000);
  afterAll(async () => workspace?.close());

  it.skipIf(skip)("stats skills --json prints the library's result, filters applied", async () => {
    const result = await jobsight('stats', 'skills', '--json', '--country', 'GB', '--top', '2');
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      total: 8,
      rows: [
        { skill: 'Nursing', postings: 4, share: 0.5 },
        { skill: 'Python', postings: 3, share: 0.375 },
      ],
      dedupe: true,
    });
  });

  it.skipIf(skip)('stats salaries --like prints a table; bad --by and an empty --like are refused', async () => {
    const table = await jobsight('stats', 'salaries', '--by', 'title', '--like', 'python data engineer', '--like-size', '5', '--min-count', '1');
    expect(table.stderr).toBe('');
    expect(table.stdout).toMatch(/^5 postings like "python data engineer"/);
    expect(table.stdout).toMatch(/data engineer\s+│ GBP\s+│ 4\s+│ 62,500\s+│ 67,500\s+│ 81,250/);

    const badBy = await jobsight('stats', 'salaries', '--by', 'colour');
    expect(badBy.code).not.toBe(0);
    expect(badBy.stderr).toMatch(/by: must be one of "title", "city", "country", "skill", "employment-type", "remote", "company" \(got "colour"\)/);

    const emptyLike = await jobsight('stats', 'skills', '--like', ' ');
    expect(emptyLike.code).toBe(1);
    expect(emptyLike.stderr).toMatch(/error: invalid options: like: must not be empty/);
  });
});
