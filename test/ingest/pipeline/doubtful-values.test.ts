/**
 * Regressions for issue 10 cases 4, 6 and 7: a NUL byte in one field aborted the whole ingest;
 * a 1 MB description was stored as '' with no flag; a negative salary became positive,
 * "posted 9999-12-31" and "99999 days ago" were stored, `"title": true` loaded as "true", and a
 * Latin-1 `£` became U+FFFD with the currency lost, all silently. Now each is cleaned, left out
 * or rejected with file:line, field and reason, and counted in the summary.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { queryRows } from '../../../src/db/database.ts';
import { ingestFiles } from '../../../src/ingest/pipeline.ts';
import { createRejectWriter } from '../../../src/ingest/rejects.ts';
import { summaryAddsUp } from '../../../src/ingest/summary.ts';
import { describeEngines, testEmbedder } from '../../helpers/engines.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'jobsight-doubts-'));
const REFERENCE = new Date('2020-06-01T00:00:00Z');

function rejectsOf(file: string): { at: string; outcome: string; field: string; reason: string }[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describeEngines('doubtful values at ingest', ({ database }) => {
  it('cleans NUL, leaves out what cannot be true, rejects a title that is not text, and reports each with file:line', async () => {
    const file = path.join(dir, 'doubts.jsonl');
    const lines = [
      { title: 'Data Analyst', company: 'Acme', description: 'SQL reports.' },
      { title: 'Staff Nurse\u0000 Band 5', company: 'NHS\u0000 Trust', description: 'Wards\u0000.' },
      { title: 'Archivist', description: 'x'.repeat(1_000_000) },
      { title: 'Porter', salary: '-£30,000' },
      { title: 'Cleaner', datePosted: '9999-12-31' },
      { title: 'Driver', datePosted: '99999 days ago' },
      { '@type': 'JobPosting', title: true, hiringOrganization: { name: 'Boolean Ltd' } },
      { title: 'Receptionist', company: 'After Ltd', salaryMin: -20000, salaryMax: 25000, salaryCurrency: 'GBP' },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const rejectFile = path.join(dir, `rejects-${Math.random()}.jsonl`);
    const d = database();
    const summary = await ingestFiles({ database: d, embedder: testEmbedder, rejects: createRejectWriter(rejectFile) }, [file], {
      referenceDate: REFERENCE,
      threads: 0,
    });
    expect(summaryAddsUp(summary)).toBe(true);

    const entries = rejectsOf(rejectFile);
    expect(entries).toContainEqual({ at: `${file}:7`, outcome: 'rejected', field: 'title', reason: 'title: the JSON value true is not text' });
    const flagged = entries.filter((e) => e.outcome === 'flagged').map((e) => `${e.at.replace(`${file}:`, '')} ${e.field}: ${e.reason}`);
    expect(flagged).toEqual([
      '2 title: 1 NUL byte(s) removed',
      '2 company: 1 NUL byte(s) removed',
      '2 description: 1 NUL byte(s) removed',
      '3 description: 1000000 characters, over the limit of 200000; left out',
      '4 salary: "-£30,000" has a negative figure; figures left out (the text is kept)',
      '5 datePosted: "9999-12-31" is after the reference date 2020-06-01; left out',
      '6 datePosted: "99999 days ago" (1746-08-18) is before 1990-01-01; left out',
      '8 salary: salaryMin -20000 is negative; figures left out (the text is kept)',
    ]);
    expect(summary).toMatchObject({ read: 8, inserted: 7, rejected: 1, flagged: 6, flaggedValues: flagged.length });

    const rows = await queryRows<{ title: string; description: string; salary_min: string | null; posted_at: string | null }>(
      d.db,
      sql`select title, description, salary_min, posted_at::text from jobs order by id`,
    );
    expect(rows.map((r) => r.title)).toEqual(['Data Analyst', 'Staff Nurse Band 5', 'Archivist', 'Porter', 'Cleaner', 'Driver', 'Receptionist']);
    expect(rows.find((r) => r.title === 'Archivist')!.description).toBe('');
    expect(rows.filter((r) => r.salary_min !== null || r.posted_at !== null)).toEqual([]);
  });

  it('loads a CSV with a raw NUL byte in one field (it used to abort the whole ingest), and reads Latin-1 with --encoding', async () => {
    // Two files of the same rows (companies differ, so the second is not a duplicate of the first).
    const latin1Csv = (name: string, tag: string) => {
      const file = path.join(dir, name);
      writeFileSync(
        file,
        Buffer.concat([
          Buffer.from('title,company,salary\n'),
          Buffer.from(`Payroll Officer,Acme ${tag},"\xa330,000 - \xa335,000 per annum"\n`, 'latin1'),
          Buffer.from(`Nurse\x00 Lead,NHS ${tag},"\xa340,000 per annum"\n`, 'latin1'),
          Buffer.from(`Caf\xe9 Manager,Bistro ${tag},"\xa325,000 per annum"\n`, 'latin1'),
        ]),
      );
      return file;
    };
    const file = latin1Csv('latin1.csv', 'A');
    const again = latin1Csv('latin1-again.csv', 'B');
    const d = database();
    const asUtf8 = path.join(dir, `r-${Math.random()}.jsonl`);
    const first = await ingestFiles({ database: d, embedder: testEmbedder, rejects: createRejectWriter(asUtf8) }, [file], {
      source: 'utf8-guess',
      referenceDate: REFERENCE,
      threads: 0,
    });
    expect(first).toMatchObject({ read: 3, inserted: 3, rejected: 0, flagged: 3 });
    expect(first.warnings).toEqual([expect.stringMatching(/latin1\.csv: this is not UTF-8 .*--encoding windows-1252/)]);
    expect(rejectsOf(asUtf8).filter((e) => e.field === 'salary')).toHaveLength(3);
    // The currency is not guessed: no GBP figures from a file read wrongly.
    const [wrong] = await queryRows<{ n: number }>(
      d.db,
      sql`select count(*)::int as n from jobs where source = 'utf8-guess' and salary_min is not null`,
    );
    expect(wrong!.n).toBe(0);

    const asLatin1 = path.join(dir, `r-${Math.random()}.jsonl`);
    const second = await ingestFiles({ database: d, embedder: testEmbedder, rejects: createRejectWriter(asLatin1) }, [again], {
      source: 'latin1',
      encoding: 'latin1',
      referenceDate: REFERENCE,
      threads: 0,
    });
    expect(second).toMatchObject({ read: 3, rejected: 0, flagged: 1, warnings: [] });
    expect(rejectsOf(asLatin1)).toEqual([{ at: `${again}:3`, outcome: 'flagged', field: 'title', reason: '1 NUL byte(s) removed' }]);
    const stored = await queryRows<{ title: string; salary_currency: string; salary_min: number }>(
      d.db,
      sql`select title, salary_currency, salary_min::float as salary_min from jobs where source = 'latin1' order by id`,
    );
    expect(stored).toEqual([
      { title: 'Payroll Officer', salary_currency: 'GBP', salary_min: 30000 },
      { title: 'Nurse Lead', salary_currency: 'GBP', salary_min: 40000 },
      { title: 'Café Manager', salary_currency: 'GBP', salary_min: 25000 },
    ]);
  });
});
