/** "Postings like QUERY": statistics over the top of a vector or hybrid search, in one statement. */
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { remoteShare, salaryStats, skillsInDemand, topEmployers } from '../../src/analytics/index.ts';
import { queryRows } from '../../src/db/database.ts';
import { addJobs } from '../../src/jobs/repository.ts';
import { hybridSearch } from '../../src/search/hybrid.ts';
import { vectorSearch } from '../../src/search/vector.ts';
import { describeEngines, testEmbedder } from '../helpers/engines.ts';
import { MARKET } from './fixtures.ts';

const QUERY = 'python data engineer';

describeEngines('market analytics over postings like a query', ({ database }) => {
  const db = () => database().db;
  beforeAll(async () => {
    await addJobs(db(), testEmbedder, MARKET);
  });

  it('the vector slice of "python data engineer" holds the data jobs and none of the nurse jobs', async () => {
    const { total, rows } = await skillsInDemand(db(), testEmbedder, { like: { query: QUERY, size: 5 } });
    expect(total).toBe(5);
    expect(rows.map((r) => r.skill)).toEqual(['Python', 'SQL', 'Airflow', 'Spark']);
    expect(rows[0]).toEqual({ skill: 'Python', postings: 4, share: 4 / 5 });
    const salaries = await salaryStats(db(), testEmbedder, { by: 'title', minCount: 1, like: { query: QUERY, size: 5 } });
    expect(salaries.rows.map((r) => `${r.group} ${r.currency}`)).toEqual(['data engineer GBP', 'data engineer USD']);
  });

  it('honours the size, and is the same set vectorSearch finds', async () => {
    const { total, rows } = await topEmployers(db(), testEmbedder, { like: { query: QUERY, size: 2 } });
    expect(total).toBe(2);
    const hits = await vectorSearch(db(), testEmbedder, QUERY, { k: 2 });
    const companies = await queryRows<{ name: string; n: number }>(
      db(),
      sql`select companies.name, count(*)::int as n from jobs join companies on companies.id = jobs.company_id
          where jobs.id = any(${sql.param(hits.map((h) => h.id))}::bigint[]) group by companies.name order by n desc, name`,
    );
    expect(rows.map((r) => [r.company, r.postings])).toEqual(companies.map((c) => [c.name, c.n]));
  });

  it('maxDistance narrows the slice; filters apply inside it', async () => {
    const none = await remoteShare(db(), testEmbedder, { like: { query: QUERY, maxDistance: 1e-9 } });
    expect(none.total).toBe(0);
    expect(none.rows.every((r) => r.postings === 0 && r.share === 0)).toBe(true);
    const hits = await vectorSearch(db(), testEmbedder, QUERY, { k: 9 });
    const cut = (hits[3]!.distance + hits[4]!.distance) / 2;
    expect((await remoteShare(db(), testEmbedder, { like: { query: QUERY, maxDistance: cut } })).total).toBe(4);
    // A filtered slice still fills up to its size from the postings that pass the filters.
    const us = await skillsInDemand(db(), testEmbedder, { like: { query: QUERY, size: 3 }, filters: { country: ['US'] } });
    expect(us.total).toBe(1);
    const nurses = await skillsInDemand(db(), testEmbedder, { like: { query: QUERY, size: 3 }, filters: { skillsAll: ['Nursing'] } });
    expect(nurses.total).toBe(3);
    expect(nurses.rows[0]).toEqual({ skill: 'Nursing', postings: 3, share: 1 });
  });

  it('the hybrid slice is the top of hybridSearch with as many candidates', async () => {
    const { total, rows } = await skillsInDemand(db(), testEmbedder, { like: { query: 'data engineer', mode: 'hybrid', size: 4 } });
    expect(total).toBe(4);
    const hits = await hybridSearch(db(), testEmbedder, 'data engineer', { k: 4, candidates: 4 });
    const skills = await queryRows<{ skill: string; n: number }>(
      db(),
      sql`select skills.name as skill, count(*)::int as n from job_skills join skills on skills.id = job_skills.skill_id
          where job_skills.job_id = any(${sql.param(hits.map((h) => h.id))}::bigint[])
          group by skills.name order by n desc, skill`,
    );
    expect(rows.map((r) => [r.skill, r.postings])).toEqual(skills.map((s) => [s.skill, s.n]));
    expect(rows.map((r) => r.skill)).not.toContain('Nursing');
  });
});
