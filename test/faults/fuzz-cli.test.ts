/**
 * Fault suite: a set of CLI flags and arguments given hostile values (SQL fragments, 100 kB
 * strings, huge, negative and hexadecimal numbers, impossible dates, a NUL in a job file, a NUL
 * byte and invalid UTF-8 in an input file). Each command ends with exit code 0 or 1, prints no
 * stack trace, and a refused one changes no stored row. (argv itself cannot carry a NUL byte.)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { openCliWorkspace, type CliWorkspace } from '../helpers/cli.ts';
import { SERVER_URL } from '../helpers/engines.ts';
import { tableSnapshot } from '../helpers/table-snapshot.ts';
import { STACK_TRACE } from '../helpers/child.ts';

const SQL = "'; drop table jobs; --";
const LONG = 'x'.repeat(100_000);

function cases(dir: string): string[][] {
  const nulJob = path.join(dir, 'nul-job.json');
  writeFileSync(nulJob, JSON.stringify({ title: 'Porter\u0000', company: 'NUL\u0000 Trust' }));
  const wrongTypes = path.join(dir, 'wrong-types.json');
  writeFileSync(wrongTypes, JSON.stringify([{ title: true }, { title: 'Porter', salaryMin: 'lots' }, { title: ['a'], skills: 'SQL' }]));
  const broken = path.join(dir, 'broken.csv');
  writeFileSync(
    broken,
    Buffer.concat([
      Buffer.from('title,company\nNurse\x00,NHS\n'),
      Buffer.from([0xff, 0xfe, 0x2c, 0x41, 0x0a]),
      Buffer.from('"unclosed,B\nPorter,C\n'),
    ]),
  );
  return [
    ['search', SQL],
    ['search', LONG, '--mode', 'text'],
    ['search', 'nurse', '--k', '-1', '--max-distance', 'NaN'],
    ['search', 'nurse', '--k', '99999999999999999999'],
    ['search', 'nurse', '--country', SQL, '--salary-min', '-5', '--currency', "' OR 1=1"],
    ['search', 'nurse', '--posted-after', '9999-99-99', '--ef-search', '0x10'],
    ['jobs', 'get', '0x10'],
    ['jobs', 'get', '99999999999999999999'],
    ['jobs', 'delete', SQL],
    ['jobs', 'list', '--limit', '1e3', '--offset', '-1'],
    ['jobs', 'add', '--title', LONG],
    ['jobs', 'add', '--file', nulJob],
    ['jobs', 'add', '--file', wrongTypes],
    ['jobs', 'update', '1', '--salary-min', '-5'],
    ['stats', 'salaries', '--by', SQL],
    ['stats', 'skills', '--top', '-3', '--like', LONG],
    ['index', 'create', 'hnsw', '--m', '-1'],
    ['ingest', broken, '--encoding', 'ebcdic', '--batch-size', '0'],
    ['ingest', broken, '--reference-date', '9999-12-31', '--source', SQL, '--reject-file', path.join(dir, 'rejects.jsonl')],
  ];
}

describe.skipIf(!SERVER_URL)(`[server] CLI under hostile flags${SERVER_URL ? '' : ' (DATABASE_URL unset)'}`, () => {
  let workspace: CliWorkspace;
  let database: Database;
  beforeAll(async () => {
    workspace = await openCliWorkspace('server');
    expect((await workspace.jobsight('jobs', 'add', '--title', 'Staff Nurse', '--company', 'Fuzz Trust', '--skills', 'SQL')).code).toBe(0);
    database = await openPostgres({
      kind: 'server',
      url: workspace.databaseUrl!,
      pool: { max: 2, idleTimeoutMillis: 1000, connectionTimeoutMillis: 5000 },
    });
  });
  afterAll(async () => {
    await database?.close();
    await workspace?.close();
  });

  it('ends every command with 0 or 1, never a stack trace, and a refused command changes nothing', async () => {
    const failures: string[] = [];
    for (const args of cases(workspace.dir)) {
      const before = await tableSnapshot(database.db);
      const result = await workspace.jobsight(...args);
      const label = args.map((a) => (a.length > 40 ? `${a.slice(0, 20)}…(${a.length})` : a)).join(' ');
      if (result.code !== 0 && result.code !== 1) failures.push(`${label}: exit ${result.code}`);
      if (STACK_TRACE.test(result.stdout + result.stderr)) failures.push(`${label}: stack trace\n${result.stderr.slice(0, 500)}`);
      if (result.code === 1 && !/^error: /m.test(result.stderr))
        failures.push(`${label}: failed without an error line: ${result.stderr.slice(0, 300)}`);
      if (result.code === 1 && JSON.stringify(await tableSnapshot(database.db)) !== JSON.stringify(before))
        failures.push(`${label}: refused but stored rows changed`);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
