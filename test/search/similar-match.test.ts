import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Db } from '../../src/db/database.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { JobsightError, NotFoundError } from '../../src/core/errors.ts';
import { addJobs } from '../../src/jobs/repository.ts';
import { applyDefaultIndex, getAutoIndex, setAutoIndex } from '../../src/indexes/index.ts';
import { matchResume, skillsQuery } from '../../src/search/match.ts';
import { similarJobs } from '../../src/search/similar.ts';
import { explainVectorSearch, vectorSearch } from '../../src/search/vector.ts';
import { describeEngines, testEmbedder } from '../helpers/engines.ts';

const RESUME = `# Sam Taylor, Data Analyst

Four years as a data analyst: SQL every day (PostgreSQL), Excel models, Tableau dashboards for the
sales team, Python with pandas for cleaning data, A/B tests for the marketing team.`;

async function idOf(db: Db, externalId: string): Promise<number> {
  const [row] = await queryRows<{ id: string }>(db, sql`select id from jobs where external_id = ${externalId}`);
  return Number(row!.id);
}

describeEngines('similar jobs and resume matching', ({ database }) => {
  beforeAll(async () => {
    const { db } = database();
    await loadDemo(db, testEmbedder);
    // One job listed twice (same text, so the same content hash) and a third near-copy.
    const job = {
      title: 'Clinical Pharmacist',
      description: 'Medicines optimisation on the wards; prescribing; audit.',
      country: 'GB',
      skills: ['Pharmacy'],
    };
    await addJobs(db, testEmbedder, [
      { ...job, source: 'board-a', externalId: 'pharm-1' },
      { ...job, source: 'board-b', externalId: 'pharm-1-copy' },
      { ...job, source: 'board-a', externalId: 'pharm-2', description: `${job.description} Band 7.` },
    ]);
  });

  describe('similarJobs', () => {
    it('returns the nearest postings without the posting itself and its exact duplicates', async () => {
      const { db } = database();
      const id = await idOf(db, 'pharm-1');
      const hits = await similarJobs(db, id, { k: 5 });
      const ids = hits.map((h) => h.id);
      expect(hits).toHaveLength(5);
      expect(ids).not.toContain(id);
      expect(ids).not.toContain(await idOf(db, 'pharm-1-copy'));
      expect(ids[0]).toBe(await idOf(db, 'pharm-2'));
      for (let i = 1; i < hits.length; i++) expect(hits[i]!.distance).toBeGreaterThanOrEqual(hits[i - 1]!.distance);
    });

    it('are the nearest by the same distance vector search computes, with filters', async () => {
      const { db } = database();
      const [demo] = await queryRows<{ id: string }>(
        db,
        sql`select id from jobs where source = 'demo' and title ilike '%nurse%' order by id limit 1`,
      );
      const id = Number(demo!.id);
      const hits = await similarJobs(db, id, { k: 10, filters: { country: ['GB'] } });
      expect(hits).toHaveLength(10);
      expect(hits.every((h) => h.country === 'GB' && h.id !== id)).toBe(true);
      // Recomputed in SQL over every row: the true 10 nearest GB postings other than itself and its copies.
      const exact = await queryRows<{ id: string }>(
        db,
        sql`select b.id from jobs a join jobs b on b.id <> a.id and b.content_hash <> a.content_hash
            where a.id = ${id} and b.country = 'GB' order by b.embedding <=> a.embedding, b.id limit 10`,
      );
      expect(hits.map((h) => h.id)).toEqual(exact.map((r) => Number(r.id)));
    });

    it('says which job is missing, and refuses a bad id', async () => {
      await expect(similarJobs(database().db, 99_999_999)).rejects.toThrow(NotFoundError);
      await expect(similarJobs(database().db, 99_999_999)).rejects.toThrow('no job with id 99999999');
      await expect(similarJobs(database().db, -1)).rejects.toThrow(JobsightError);
      await expect(similarJobs(database().db, 1, { k: 0 })).rejects.toThrow('k: must be a whole number from 1 to 1000');
    });
  });

  describe('matchResume', () => {
    it('finds analyst postings, with the skills each has and lacks, and what to learn next', async () => {
      const result = await matchResume(database().db, testEmbedder, RESUME, { k: 10 });
      expect(result.resumeSkills).toEqual(expect.arrayContaining(['SQL', 'PostgreSQL', 'Excel', 'Tableau', 'Python', 'pandas', 'A/B Testing']));
      expect(result.matches).toHaveLength(10);
      const analyst = result.matches.filter((m) => /analyst|data|intelligence|\bBI\b/i.test(m.title));
      expect(analyst.length).toBeGreaterThanOrEqual(8);
      const lower = new Set(result.resumeSkills.map((s) => s.toLowerCase()));
      for (const m of result.matches) {
        expect(m.matchedSkills.every((s) => lower.has(s.toLowerCase()))).toBe(true);
        expect(m.missingSkills.some((s) => lower.has(s.toLowerCase()))).toBe(false);
      }
      expect(result.matches.some((m) => m.matchedSkills.includes('SQL'))).toBe(true);
      // learnNext counts exactly the missing skills of the matches, most asked for first.
      const counts = new Map<string, number>();
      for (const m of result.matches) for (const s of m.missingSkills) counts.set(s, (counts.get(s) ?? 0) + 1);
      expect(result.learnNext.length).toBeGreaterThan(0);
      for (const { skill, postings } of result.learnNext) expect(postings).toBe(counts.get(skill));
      expect(result.learnNext[0]!.postings).toBe(Math.max(...counts.values()));
    });

    it('applies filters and refuses empty or huge resumes', async () => {
      const { db } = database();
      const result = await matchResume(db, testEmbedder, RESUME, { k: 5, filters: { country: ['GB'] } });
      expect(result.matches.every((m) => m.country === 'GB')).toBe(true);
      await expect(matchResume(db, testEmbedder, '  ')).rejects.toThrow('resume: must not be empty');
      await expect(matchResume(db, testEmbedder, 'x'.repeat(100_001))).rejects.toThrow('the limit is 100000');
    });

    it('searches the skills as a websearch OR query, multi-word ones as phrases', () => {
      expect(skillsQuery(['SQL', 'Machine Learning', 'C"++'])).toBe('SQL OR "Machine Learning" OR C++');
    });
  });

  describe('plans and the default index policy', () => {
    it('explain says exact without an index, and which index with one', async () => {
      const { db } = database();
      expect((await explainVectorSearch(db, testEmbedder, 'nurse')).kind).toBe('exact');
      await db.execute(sql`create index explain_test_hnsw on jobs using hnsw (embedding vector_cosine_ops)`);
      try {
        const plan = await db.transaction(async (tx) => {
          await tx.execute(sql`set local enable_seqscan = off`);
          return explainVectorSearch(tx as unknown as Db, testEmbedder, 'nurse', { filters: { country: ['GB'] } });
        });
        expect(plan).toMatchObject({ kind: 'index', index: 'explain_test_hnsw', iterative: true });
        expect(plan.summary).toContain('iterative scan');
      } finally {
        await db.execute(sql`drop index explain_test_hnsw`);
      }
    });

    it('builds no index for a small table, and none when the policy is off', async () => {
      const d = database();
      expect(await getAutoIndex(d)).toBe(true);
      expect(await applyDefaultIndex(d)).toBeNull();
      await setAutoIndex(d, false);
      expect(await getAutoIndex(d)).toBe(false);
      await setAutoIndex(d, true);
      const hits = await vectorSearch(d.db, testEmbedder, 'nurse', { k: 3, probes: 5, efSearch: 50 });
      expect(hits).toHaveLength(3);
      await expect(vectorSearch(d.db, testEmbedder, 'nurse', { probes: 0 })).rejects.toThrow('probes: must be a whole number');
    });
  });
});
