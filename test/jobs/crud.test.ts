import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.ts';
import type { Embedder } from '../../src/embed/embedder.ts';
import { addJob, addJobs, deleteJob, getJob, listJobs, updateJob } from '../../src/jobs/repository.ts';
import { describeEngines, testEmbedder } from '../helpers/engines.ts';

const nurse = {
  source: 'test',
  externalId: 'nurse-1',
  title: 'Staff Nurse - Paediatrics',
  description: 'Band 5 staff nurse on a busy children’s ward. NMC registration required.',
  company: 'Royal Example NHS Trust',
  city: 'London',
  country: 'GB',
  employmentType: 'full_time',
  salaryMin: 24907,
  salaryMax: 30615,
  salaryCurrency: 'GBP',
  salaryPeriod: 'year',
  postedAt: '2020-11-02',
  url: 'https://example.org/jobs/1',
  skills: ['Paediatrics', 'NMC Registration'],
} as const;

async function embeddingOf(db: Parameters<typeof getJob>[0], id: number): Promise<string> {
  const [row] = await queryRows<{ e: string }>(db, sql`select embedding::text as e from jobs where id = ${id}`);
  return row!.e;
}

describeEngines('jobs CRUD', ({ database }) => {
  it('adds a job and reads back every field, with annualised salary, company and skills', async () => {
    const { db } = database();
    const added = await addJob(db, testEmbedder, nurse);
    const job = await getJob(db, added.id);
    expect(job).toMatchObject({ ...nurse, skills: ['NMC Registration', 'Paediatrics'], salaryAnnualMin: 24907, salaryAnnualMax: 30615 });
    expect(job!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await embeddingOf(db, added.id)).toMatch(/^\[/);
  });

  it('annualises hourly pay', async () => {
    const job = await addJob(database().db, testEmbedder, {
      title: 'Bank HCA',
      salaryMin: 10.5,
      salaryMax: 12,
      salaryCurrency: 'GBP',
      salaryPeriod: 'hour',
    });
    expect(job.salaryAnnualMin).toBe(20475);
    expect(job.salaryAnnualMax).toBe(23400);
  });

  it('upserts companies by normalised name instead of duplicating them', async () => {
    const { db } = database();
    const [a, b] = await addJobs(db, testEmbedder, [
      { title: 'Analyst', company: 'Acme, Inc.' },
      { title: 'Engineer', company: 'ACME inc' },
    ]);
    const [c] = await addJobs(db, testEmbedder, [{ title: 'Designer', company: 'acme' }]);
    const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from companies where normalized_name = 'acme'`);
    expect(rows[0]!.n).toBe(1);
    expect(new Set([a!.company, b!.company, c!.company]).size).toBe(1);
  });

  it('updates fields, clears with null, replaces skills and re-embeds changed text', async () => {
    const { db } = database();
    const job = await addJob(db, testEmbedder, { ...nurse, externalId: 'nurse-2' });
    const before = await embeddingOf(db, job.id);
    const updated = await updateJob(db, testEmbedder, job.id, { title: 'Senior Staff Nurse', url: null, skills: ['Safeguarding'] });
    expect(updated.title).toBe('Senior Staff Nurse');
    expect(updated.url).toBeNull();
    expect(updated.skills).toEqual(['Safeguarding']);
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(job.updatedAt.getTime());
    expect(await embeddingOf(db, job.id)).not.toBe(before);
  });

  it('keeps the embedding when only non-text fields change', async () => {
    const { db } = database();
    const job = await addJob(db, testEmbedder, { ...nurse, externalId: 'nurse-3' });
    const before = await embeddingOf(db, job.id);
    await updateJob(db, testEmbedder, job.id, { salaryMax: 31000 });
    expect(await embeddingOf(db, job.id)).toBe(before);
  });

  it('leaves the old row as it was when embedding fails inside an update', async () => {
    const { db } = database();
    const job = await addJob(db, testEmbedder, { ...nurse, externalId: 'nurse-4' });
    const before = { row: await getJob(db, job.id), embedding: await embeddingOf(db, job.id) };
    const failing: Embedder = {
      name: testEmbedder.name,
      dimensions: testEmbedder.dimensions,
      embed: async () => {
        throw new Error('embedding service unavailable');
      },
    };
    await expect(
      updateJob(db, failing, job.id, { title: 'Ward Manager', company: 'Brand New Employer Ltd', skills: ['Leadership'] }),
    ).rejects.toThrow('embedding service unavailable');
    expect(await getJob(db, job.id)).toEqual(before.row);
    expect(await embeddingOf(db, job.id)).toBe(before.embedding);
    const orphans = await queryRows(db, sql`select 1 from companies where name = 'Brand New Employer Ltd'`);
    expect(orphans).toHaveLength(0);
  });

  it('adds nothing when one job of a batch is invalid, and says which one and why', async () => {
    const { db } = database();
    const count = (await listJobs(db, { limit: 1000 })).length;
    await expect(addJobs(db, testEmbedder, [{ title: 'Fine' }, { title: 'Bad', salaryMin: 10, salaryMax: 5 }])).rejects.toThrow(
      /invalid job #2: salaryMin: salaryMin must not exceed salaryMax/,
    );
    await expect(addJob(db, testEmbedder, { title: '' })).rejects.toThrow(/title/);
    expect((await listJobs(db, { limit: 1000 })).length).toBe(count);
  });

  it('refuses a second job with the same source and external id', async () => {
    const { db } = database();
    await addJob(db, testEmbedder, { ...nurse, externalId: 'dup' });
    await expect(addJob(db, testEmbedder, { ...nurse, externalId: 'dup' })).rejects.toThrow(/already exists/);
  });

  it('deletes a job with its skill links, and says false for a missing one', async () => {
    const { db } = database();
    const job = await addJob(db, testEmbedder, { ...nurse, externalId: 'nurse-5' });
    expect(await deleteJob(db, job.id)).toBe(true);
    expect(await getJob(db, job.id)).toBeUndefined();
    const links = await queryRows(db, sql`select 1 from job_skills where job_id = ${job.id}`);
    expect(links).toHaveLength(0);
    expect(await deleteJob(db, job.id)).toBe(false);
    await expect(updateJob(db, testEmbedder, job.id, { title: 'x' })).rejects.toThrow(`no job with id ${job.id}`);
  });

  it('lists by source and company with limit and offset', async () => {
    const { db } = database();
    await addJobs(
      db,
      testEmbedder,
      [1, 2, 3].map((i) => ({ source: 'list-test', title: `Job ${i}`, company: 'Lister plc' })),
    );
    const all = await listJobs(db, { source: 'list-test' });
    expect(all.map((j) => j.title)).toEqual(['Job 1', 'Job 2', 'Job 3']);
    expect((await listJobs(db, { source: 'list-test', limit: 1, offset: 1 })).map((j) => j.title)).toEqual(['Job 2']);
    expect(await listJobs(db, { company: 'lister PLC' })).toHaveLength(3);
  });
});

describeEngines('concurrent writers', ({ database }) => {
  it('make one company row however many upsert it at once', async () => {
    const { db } = database();
    const names = ['Globex Corporation', 'GLOBEX corp.', 'Globex', 'globex, corporation'];
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        addJob(db, testEmbedder, { source: 'race', title: `Job ${i}`, company: names[i % names.length]!, skills: ['SQL', 'Python'] }),
      ),
    );
    const companies = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from companies where normalized_name = 'globex'`);
    const skills = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from skills where name in ('SQL', 'Python')`);
    expect(companies[0]!.n).toBe(1);
    expect(skills[0]!.n).toBe(2);
    expect(await listJobs(db, { source: 'race', limit: 100 })).toHaveLength(24);
  });
});

describe('company name normalisation', async () => {
  const { normalizeCompanyName } = await import('../../src/jobs/companies.ts');
  it('ignores case, punctuation, accents and legal forms', () => {
    expect(normalizeCompanyName('Acme, Inc.')).toBe('acme');
    expect(normalizeCompanyName('Société Générale S.A.')).toBe('societe generale');
    expect(normalizeCompanyName('Johnson & Johnson')).toBe('johnson and johnson');
    expect(normalizeCompanyName('Co')).toBe('co');
  });
});
