import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { queryRows } from '../../../src/db/database.ts';
import { TEXT_INDEX } from '../../../src/db/text-index.ts';
import { summaryAddsUp } from '../../../src/ingest/summary.ts';
import { loadBatch, type StagedJob } from '../../../src/ingest/load/staging.ts';
import { describeEngines } from '../../helpers/engines.ts';
import { ingest } from '../../helpers/ingest.ts';
import { DATA_FILES } from '../../helpers/shared-data.ts';

describeEngines('ingest', ({ database }) => {
  it('loads the Glassdoor CSV with annual USD salaries and data-science skills, and a second run inserts nothing', async () => {
    const d = database();
    const first = await ingest(d, [DATA_FILES.glassdoor]);
    expect(summaryAddsUp(first)).toBe(true);
    expect(first.read).toBe(956);
    expect(first.rejected).toBe(0);
    expect(first.inserted).toBeGreaterThan(500);
    expect(first.duplicates).toBeGreaterThan(200); // the README: about 38 % exact duplicates
    // The load merged the full-text index's pending list (db/text-index.ts): nothing is left to merge.
    const [merged] = await queryRows<{ pages: number }>(d.db, sql`select gin_clean_pending_list(${TEXT_INDEX}::regclass)::int as pages`);
    expect(merged!.pages).toBe(0);

    const again = await ingest(d, [DATA_FILES.glassdoor]);
    expect(again).toMatchObject({ read: 956, inserted: 0, updated: 0, embedded: 0, unchanged: first.inserted + first.updated });
    expect(summaryAddsUp(again)).toBe(true);

    const [salary] = await queryRows<{ n: number; usd: number; low: number; high: number }>(
      d.db,
      sql`select count(*)::int as n, count(*) filter (where salary_currency = 'USD')::int as usd,
                 min(salary_annual_min)::float as low, max(salary_annual_max)::float as high
          from jobs where source = 'glassdoor_jobs' and salary_annual_min is not null`,
    );
    expect(salary!.usd).toBe(salary!.n);
    expect(salary!.low).toBeGreaterThan(10_000);
    expect(salary!.high).toBeLessThan(600_000);

    // "$17-$24 Per Hour(Glassdoor est.)" is annualised from hourly pay.
    const hourly = await queryRows<{ min: number; max: number; period: string }>(
      d.db,
      sql`select salary_annual_min::float as min, salary_annual_max::float as max, salary_period as period
          from jobs where salary_text like '%Per Hour%' limit 1`,
    );
    expect(hourly[0]).toMatchObject({ period: 'hour' });
    expect(hourly[0]!.min).toBeGreaterThan(17 * 1000);

    const top = await queryRows<{ name: string }>(
      d.db,
      sql`select s.name from job_skills js join skills s on s.id = js.skill_id join jobs j on j.id = js.job_id
          where j.source = 'glassdoor_jobs' group by s.name order by count(*) desc, s.name limit 10`,
    );
    expect(top.map((s) => s.name)).toEqual(expect.arrayContaining(['Python', 'SQL', 'Machine Learning']));
  });

  it('loads the four LinkedIn / Indeed CSVs in one command, and a second run inserts nothing', async () => {
    const d = database();
    const files = [DATA_FILES.linkedinAnalyst, DATA_FILES.linkedinScientist, DATA_FILES.indeedAnalyst, DATA_FILES.indeedScientist];
    const options = { referenceDate: new Date('2018-07-31T00:00:00Z') };
    const first = await ingest(d, files, options);
    expect(first.read).toBe(975 + 975 + 506 + 506);
    expect(summaryAddsUp(first)).toBe(true);
    expect(first.inserted).toBeGreaterThan(2000);
    const again = await ingest(d, files, options);
    expect(again).toMatchObject({ read: first.read, inserted: 0, updated: 0, embedded: 0 });
    expect(summaryAddsUp(again)).toBe(true);
    const [dates] = await queryRows<{ approximate: number; analysts: number }>(
      d.db,
      sql`select count(*) filter (where posted_approximate)::int as approximate,
                 count(*) filter (where title ilike '%analyst%')::int as analysts from jobs where source like 'cal_%'`,
    );
    expect(dates!.approximate).toBeGreaterThan(100); // Indeed's "30+ days ago"
    expect(dates!.analysts).toBeGreaterThan(100);
  });

  it('reports bad records with file:line, field and reason, and the counts add up', async () => {
    const d = database();
    const dir = await mkdtemp(path.join(tmpdir(), 'jobsight-ingest-'));
    const file = path.join(dir, 'mixed.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({ id: 'a', title: 'Welder', company: 'Forge Ltd', location: 'Leeds', description: 'MIG and TIG welding.' }),
        '{"id": "b", "title": broken json',
        JSON.stringify({ id: 'c', description: 'A posting without a title' }),
        JSON.stringify({ id: 'd', title: 'Electrician', company: 'Spark & Co', description: '18th Edition required.' }),
        JSON.stringify({ id: 'a', title: 'Welder', company: 'Forge Ltd', location: 'Leeds', description: 'MIG and TIG welding.' }),
      ].join('\n'),
    );
    const summary = await ingest(d, [file], { source: 'mixed' });
    expect(summary).toMatchObject({ read: 5, inserted: 2, duplicates: 1, rejected: 2 });
    expect(summaryAddsUp(summary)).toBe(true);
    const rejects = (await readFile(summary.rejectFile!, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { at: string; field: string });
    expect(rejects.map((r) => r.at)).toEqual([`${file}:2`, `${file}:3`]);
    expect(rejects[1]!.field).toBe('title');
  });

  it('updates a posting whose content changed and re-embeds only that one', async () => {
    const d = database();
    const dir = await mkdtemp(path.join(tmpdir(), 'jobsight-ingest-'));
    const file = path.join(dir, 'board.jsonl');
    const posting = (salary: string, title = 'Staff Nurse') =>
      JSON.stringify({ id: 'n1', title, company: 'St Example Hospital', location: 'London', salary, description: 'Ward nursing, NMC registration.' });
    await writeFile(
      file,
      `${posting('£28,000 - £34,000 per annum')}\n${JSON.stringify({ id: 'n2', title: 'Porter', description: 'Moving patients.' })}\n`,
    );
    expect(await ingest(d, [file], { source: 'board' })).toMatchObject({ inserted: 2, embedded: 2 });
    await writeFile(
      file,
      `${posting('£30,000 - £36,000 per annum')}\n${JSON.stringify({ id: 'n2', title: 'Porter', description: 'Moving patients.' })}\n`,
    );
    expect(await ingest(d, [file], { source: 'board' })).toMatchObject({ updated: 1, unchanged: 1, embedded: 0 });
    await writeFile(file, `${posting('£30,000 - £36,000 per annum', 'Senior Staff Nurse')}\n`);
    expect(await ingest(d, [file], { source: 'board' })).toMatchObject({ updated: 1, embedded: 1 });
    const [row] = await queryRows<{ title: string; max: number }>(
      d.db,
      sql`select title, salary_annual_max::float as max from jobs where source = 'board' and external_id = 'n1'`,
    );
    expect(row).toEqual({ title: 'Senior Staff Nurse', max: 36000 });
  });

  it('falls back to an upsert when another writer stored a "new" key between staging and writing', async () => {
    const d = database();
    const row = (externalId: string, title: string): StagedJob => ({
      source: 'race',
      externalId,
      title,
      description: '',
      companyId: null,
      city: null,
      region: null,
      country: null,
      remoteMode: null,
      employmentType: null,
      salaryMin: null,
      salaryMax: null,
      salaryCurrency: null,
      salaryPeriod: null,
      salaryAnnualMin: null,
      salaryAnnualMax: null,
      salaryText: null,
      salaryFlag: null,
      postedAt: null,
      postedApproximate: false,
      expiresAt: null,
      url: null,
      contentHash: `hash-${externalId}-${title}`,
      embedding: new Float32Array(384).fill(0.05),
      skills: [],
      existing: false,
    });
    expect(await d.bulkTransaction((tx, copy) => loadBatch(tx, copy, [row('r1', 'Welder')]))).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    // r1 is stored now, but this batch still believes it new: the COPY fails on the key and the rows are upserted.
    expect(await d.bulkTransaction((tx, copy) => loadBatch(tx, copy, [row('r1', 'Senior Welder'), row('r2', 'Fitter')]))).toEqual({
      inserted: 1,
      updated: 1,
      unchanged: 0,
    });
    const titles = await queryRows<{ title: string }>(d.db, sql`select title from jobs where source = 'race' order by external_id`);
    expect(titles.map((t) => t.title)).toEqual(['Senior Welder', 'Fitter']);
  });
});
