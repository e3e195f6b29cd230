import { beforeAll, describe, expect, it } from 'vitest';
import {
  coOccurringSkills,
  postingsPerMonth,
  remoteShare,
  salaryStats,
  skillsInDemand,
  skillTrends,
  topEmployers,
} from '../../src/analytics/index.ts';
import { JobsightError, NotFoundError } from '../../src/core/errors.ts';
import { addJobs } from '../../src/jobs/repository.ts';
import { describeEngines, testEmbedder } from '../helpers/engines.ts';
import { MARKET } from './fixtures.ts';

describeEngines('market analytics over hand-made postings', ({ database }) => {
  const db = () => database().db;
  beforeAll(async () => {
    await addJobs(db(), testEmbedder, MARKET);
  });

  it('skills in demand: counts and shares, ties by name, under filters', async () => {
    const all = await skillsInDemand(db(), undefined, {});
    expect(all.total).toBe(9);
    expect(all.rows).toEqual([
      { skill: 'Nursing', postings: 4, share: 4 / 9 },
      { skill: 'Python', postings: 4, share: 4 / 9 },
      { skill: 'SQL', postings: 3, share: 3 / 9 },
      { skill: 'Airflow', postings: 2, share: 2 / 9 },
      { skill: 'Patient Care', postings: 2, share: 2 / 9 },
      { skill: 'Spark', postings: 2, share: 2 / 9 },
    ]);
    const gb = await skillsInDemand(db(), undefined, { top: 2, filters: { country: ['gb'] } });
    expect(gb).toEqual({
      total: 8,
      rows: [
        { skill: 'Nursing', postings: 4, share: 0.5 },
        { skill: 'Python', postings: 3, share: 3 / 8 },
      ],
    });
  });

  it('salaries by title family: quartiles per currency, flagged and missing salaries left out, min count', async () => {
    const stats = await salaryStats(db(), undefined, { by: 'title', minCount: 1 });
    expect(stats).toMatchObject({ by: 'title', total: 9, withSalary: 7 });
    // data engineer, GBP: 55,000 (50-60k), 65,000 (min only), 70,000 (60-80k), 115,000 (500 a day).
    expect(stats.rows).toEqual([
      { group: 'data engineer', currency: 'GBP', postings: 4, p25: 62500, median: 67500, p75: 81250 },
      { group: 'staff nurse', currency: 'GBP', postings: 2, p25: 32500, median: 34000, p75: 35500 },
      { group: 'data engineer', currency: 'USD', postings: 1, p25: 130000, median: 130000, p75: 130000 },
    ]);
    const defaults = await salaryStats(db(), undefined, { by: 'title' });
    expect(defaults.rows.map((r) => [r.group, r.currency])).toEqual([['data engineer', 'GBP']]);
  });

  it('salaries by city, skill and employment type', async () => {
    const city = await salaryStats(db(), undefined, { by: 'city' });
    expect(city.rows).toEqual([{ group: 'London, GB', currency: 'GBP', postings: 3, p25: 67500, median: 70000, p75: 92500 }]);
    const skill = await salaryStats(db(), undefined, { by: 'skill', minCount: 3 });
    // Python GBP: 55,000, 65,000, 70,000; SQL GBP: 55,000, 70,000, 115,000.
    expect(skill.rows).toEqual([
      { group: 'Python', currency: 'GBP', postings: 3, p25: 60000, median: 65000, p75: 67500 },
      { group: 'SQL', currency: 'GBP', postings: 3, p25: 62500, median: 70000, p75: 92500 },
    ]);
    const type = await salaryStats(db(), undefined, { by: 'employment-type', minCount: 1, filters: { country: ['GB'] } });
    expect(type.rows.map((r) => [r.group, r.postings])).toEqual([
      ['full_time', 5],
      ['contract', 1],
    ]);
  });

  it('remote share lists every mode, unknown included', async () => {
    const { total, rows } = await remoteShare(db(), undefined);
    expect(total).toBe(9);
    expect(rows).toEqual([
      { mode: 'remote', postings: 2, share: 2 / 9 },
      { mode: 'hybrid', postings: 1, share: 1 / 9 },
      { mode: 'onsite', postings: 4, share: 4 / 9 },
      { mode: 'unknown', postings: 2, share: 2 / 9 },
    ]);
  });

  it('top employers and postings per month', async () => {
    const employers = await topEmployers(db(), undefined, { top: 3 });
    expect(employers.rows).toEqual([
      { company: 'Acme Data', postings: 3, share: 3 / 9 },
      { company: 'Globex', postings: 2, share: 2 / 9 },
      { company: 'Leeds NHS Trust', postings: 2, share: 2 / 9 },
    ]);
    const months = await postingsPerMonth(db(), undefined);
    expect(months).toEqual({
      total: 9,
      rows: [
        { month: '2025-01', postings: 3 },
        { month: '2025-02', postings: 5 },
      ],
    });
  });

  it('skill trends: share of each month, 0 included, names matched case-insensitively', async () => {
    const { rows } = await skillTrends(db(), undefined, { skills: ['python', 'Nursing', 'AIRFLOW'] });
    expect(rows).toEqual([
      { month: '2025-01', skill: 'Python', postings: 2, monthPostings: 3, share: 2 / 3 },
      { month: '2025-01', skill: 'Nursing', postings: 1, monthPostings: 3, share: 1 / 3 },
      { month: '2025-01', skill: 'Airflow', postings: 1, monthPostings: 3, share: 1 / 3 },
      { month: '2025-02', skill: 'Python', postings: 2, monthPostings: 5, share: 2 / 5 },
      { month: '2025-02', skill: 'Nursing', postings: 2, monthPostings: 5, share: 2 / 5 },
      { month: '2025-02', skill: 'Airflow', postings: 1, monthPostings: 5, share: 1 / 5 },
    ]);
  });

  it("co-occurring skills: count, share of the skill's postings, lift over chance", async () => {
    const stat = await coOccurringSkills(db(), undefined, { skill: 'python' });
    expect(stat).toMatchObject({ skill: 'Python', postingsWithSkill: 4, total: 9 });
    // Python is in 4 postings; Airflow in 2 of 9, both with Python: lift (2/4) / (2/9) = 2.25.
    expect(stat.rows).toEqual([
      { skill: 'Airflow', postings: 2, share: 0.5, lift: expect.closeTo(2.25, 10) },
      { skill: 'SQL', postings: 2, share: 0.5, lift: expect.closeTo(1.5, 10) },
      { skill: 'Spark', postings: 1, share: 0.25, lift: expect.closeTo(1.125, 10) },
    ]);
  });

  describe('bad input is refused with a message naming the field', () => {
    const refused = async (run: () => Promise<unknown>, message: RegExp) => {
      const error = await run().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JobsightError);
      expect((error as Error).message).toMatch(message);
    };

    it('unknown grouping, top 0, bad min count, unknown option', async () => {
      await refused(() => salaryStats(db(), undefined, { by: 'colour' as 'title' }), /invalid salaryStats options: by: .*"title".*\(got "colour"\)/);
      await refused(() => skillsInDemand(db(), undefined, { top: 0 }), /top: must be a whole number from 1 to 1000 \(got 0\)/);
      await refused(() => salaryStats(db(), undefined, { by: 'title', minCount: 1.5 }), /minCount: must be a whole number/);
      await refused(() => remoteShare(db(), undefined, { colour: 'red' } as object), /colour: unknown option/);
      await refused(() => topEmployers(db(), undefined, { filters: { remoteMode: ['anywhere'] } } as object), /filters\.remoteMode\[0\]/);
    });

    it('empty like query, maxDistance with hybrid, like without an embedder', async () => {
      await refused(() => skillsInDemand(db(), testEmbedder, { like: { query: '   ' } }), /like\.query: must not be empty/);
      await refused(
        () => skillsInDemand(db(), testEmbedder, { like: { query: 'x', mode: 'hybrid', maxDistance: 0.5 } }),
        /like\.maxDistance: works only with mode vector/,
      );
      await refused(() => skillsInDemand(db(), testEmbedder, { like: { query: 'x', size: 0 } }), /like\.size: must be a whole number from 1 to 5000/);
      await refused(() => skillsInDemand(db(), undefined, { like: { query: 'data engineer' } }), /needs an embedder/);
    });

    it('unknown skills and empty skill lists', async () => {
      const missing = await coOccurringSkills(db(), undefined, { skill: 'Pyhton' }).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(NotFoundError);
      expect((missing as Error).message).toBe('no skill named "Pyhton" in the database');
      await refused(() => skillTrends(db(), undefined, { skills: ['Python', 'Cobol', 'Fortran'] }), /no skill named "Cobol", "Fortran"/);
      await refused(() => skillTrends(db(), undefined, { skills: [] }), /skills: needs at least one skill/);
    });
  });
});
