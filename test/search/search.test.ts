import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteShare } from '../../src/analytics/index.ts';
import { queryRows, type Db } from '../../src/db/database.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { JobsightError } from '../../src/core/errors.ts';
import { addJobs } from '../../src/jobs/repository.ts';
import { DEFAULT_EF_SEARCH, HYBRID_DEFAULTS, MAX_EF_SEARCH } from '../../src/core/defaults.ts';
import { estimatedFilterShare, filteredEfSearch, filteredScan } from '../../src/search/filter-share.ts';
import { parseFilters } from '../../src/search/filters.ts';
import { hybridSearch, rrfScore } from '../../src/search/hybrid.ts';
import { textSearch } from '../../src/search/text.ts';
import type { Metric } from '../../src/search/options.ts';
import { explainVectorSearch, vectorSearch } from '../../src/search/vector.ts';
import { describeEngines, testEmbedder, type EngineName } from '../helpers/engines.ts';

const SKILLED = [
  {
    source: 'test',
    externalId: 'skill-1',
    title: 'Backend Engineer',
    description: 'Services in Python on PostgreSQL.',
    skills: ['Python', 'PostgreSQL'],
  },
  { source: 'test', externalId: 'skill-2', title: 'Data Scientist', description: 'Models in Python.', skills: ['Python'] },
  {
    source: 'test',
    externalId: 'skill-3',
    title: 'Platform Engineer',
    description: 'PostgreSQL on Kubernetes.',
    skills: ['PostgreSQL', 'Kubernetes'],
  },
  { source: 'test', externalId: 'skill-4', title: 'SRE', description: 'Kubernetes clusters.', skills: ['Kubernetes'] },
];

const FIXED_QUERY = 'senior backend engineer, Python and PostgreSQL';

/** Top ids of FIXED_QUERY per engine, to compare exact search across engines (pglite runs first). */
const topIdsByEngine: Partial<Record<EngineName, number[]>> = {};

async function count(db: Db, where: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from jobs where ${where}`);
  return row!.n;
}

async function documents(db: Db, ids: number[]): Promise<string[]> {
  const rows = await queryRows<{ id: string; doc: string }>(
    db,
    sql`select id, lower(title || ' ' || description) as doc from jobs where id = any(${sql.param(ids)}::bigint[])`,
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r.doc]));
  return ids.map((id) => byId.get(id)!);
}

/** Every stored embedding, parsed from pgvector's text form, for distances recomputed in JS. */
async function embeddings(db: Db): Promise<Map<number, number[]>> {
  const rows = await queryRows<{ id: string; e: string }>(db, sql`select id, embedding::text as e from jobs where embedding is not null`);
  return new Map(rows.map((r) => [Number(r.id), JSON.parse(r.e) as number[]]));
}

function jsDistance(metric: Metric, a: number[], b: number[]): number {
  let dot = 0,
    na = 0,
    nb = 0,
    sq = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
    sq += (a[i]! - b[i]!) ** 2;
  }
  if (metric === 'cosine') return 1 - dot / Math.sqrt(na * nb);
  if (metric === 'l2') return Math.sqrt(sq);
  return -dot;
}

function expectAscending(values: number[]): void {
  for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
}

describeEngines('search', ({ engine, database }) => {
  beforeAll(async () => {
    const { db } = database();
    await loadDemo(db, testEmbedder);
    await addJobs(db, testEmbedder, SKILLED);
  });

  describe('vector search', () => {
    it('returns k hits ordered by distance, with the posting fields', async () => {
      const hits = await vectorSearch(database().db, testEmbedder, FIXED_QUERY, { k: 10 });
      expect(hits).toHaveLength(10);
      expectAscending(hits.map((h) => h.distance));
      expect(Object.keys(hits[0]!).sort()).toEqual(
        [
          'city',
          'company',
          'country',
          'distance',
          'id',
          'postedAt',
          'region',
          'remoteMode',
          'salaryAnnualMax',
          'salaryAnnualMin',
          'salaryCurrency',
          'title',
        ].sort(),
      );
      expect(typeof hits[0]!.id).toBe('number');
      expect(hits.some((h) => h.postedAt !== null && /^\d{4}-\d{2}-\d{2}$/.test(h.postedAt))).toBe(true);
      topIdsByEngine[engine] = hits.map((h) => h.id);
    });

    // Registered in the server suite only, which runs after the PGlite one in this file.
    if (engine === 'server') {
      it('gives the same ids as PGlite for the same query (exact search)', () => {
        expect(topIdsByEngine.pglite).toHaveLength(10);
        expect(topIdsByEngine.server).toEqual(topIdsByEngine.pglite);
      });
    }

    it('honours maxDistance', async () => {
      const { db } = database();
      const all = await vectorSearch(db, testEmbedder, FIXED_QUERY, { k: 10 });
      const limit = all[4]!.distance;
      const near = await vectorSearch(db, testEmbedder, FIXED_QUERY, { k: 10, maxDistance: limit });
      expect(near.map((h) => h.id)).toEqual(all.filter((h) => h.distance <= limit).map((h) => h.id));
      expect(near.every((h) => h.distance <= limit)).toBe(true);
    });

    it.each(['cosine', 'l2', 'ip'] as const)('%s: distances match a recomputation in JS over all embeddings', async (metric) => {
      const { db } = database();
      const hits = await vectorSearch(db, testEmbedder, FIXED_QUERY, { k: 8, metric });
      const [q] = await testEmbedder.embed([FIXED_QUERY]);
      const query = Array.from(q!);
      const all = await embeddings(db);
      const expected = [...all.entries()].map(([id, e]) => ({ id, d: jsDistance(metric, query, e) })).sort((a, b) => a.d - b.d);
      expect(hits).toHaveLength(8);
      expectAscending(hits.map((h) => h.distance));
      for (const [i, hit] of hits.entries()) {
        expect(hit.distance).toBeCloseTo(jsDistance(metric, query, all.get(hit.id)!), 5);
        expect(hit.distance).toBeCloseTo(expected[i]!.d, 5);
      }
    });
  });

  describe('filters', () => {
    it('country GB + remote returns only matching rows, k of them while k match', async () => {
      const { db } = database();
      const matching = await count(db, sql`country = 'GB' and remote_mode = 'remote' and embedding is not null`);
      expect(matching).toBeGreaterThan(10);
      const filters = { country: ['gb'], remoteMode: ['remote' as const] };
      const ten = await vectorSearch(db, testEmbedder, FIXED_QUERY, { k: 10, filters });
      expect(ten).toHaveLength(10);
      expect(ten.every((h) => h.country === 'GB' && h.remoteMode === 'remote')).toBe(true);
      const all = await vectorSearch(db, testEmbedder, FIXED_QUERY, { k: 1000, filters });
      expect(all).toHaveLength(matching);
    });

    it('skillsAll needs every skill, skillsAny one of them (case ignored)', async () => {
      const { db } = database();
      const has = (skill: string) =>
        sql`exists (select 1 from job_skills js join skills s on s.id = js.skill_id where js.job_id = jobs.id and lower(s.name) = ${skill})`;
      const both = await vectorSearch(db, testEmbedder, 'engineer', { k: 1000, filters: { skillsAll: ['python', 'PostgreSQL'] } });
      expect(both.map((h) => h.title)).toContain('Backend Engineer');
      expect(both).toHaveLength(await count(db, sql`${has('python')} and ${has('postgresql')}`));
      const any = await textSearch(db, 'kubernetes OR python OR postgresql', { k: 1000, filters: { skillsAny: ['Kubernetes', 'Python'] } });
      expect(any.map((h) => h.title)).toEqual(expect.arrayContaining(['Backend Engineer', 'Data Scientist', 'Platform Engineer', 'SRE']));
      const anyExpected = await count(
        db,
        sql`(${has('kubernetes')} or ${has('python')}) and search_vector @@ websearch_to_tsquery('english', 'kubernetes OR python OR postgresql')`,
      );
      expect(any).toHaveLength(anyExpected);
    });

    it("a filtered search's ef_search follows the planner's estimate of the share the filters keep", async () => {
      const { db } = database();
      await db.execute(sql`analyze jobs`);
      const filters = parseFilters({ country: ['GB'], remoteMode: ['remote'] });
      const actual =
        (await count(db, sql`country = 'GB' and remote_mode = 'remote' and embedding is not null`)) / (await count(db, sql`embedding is not null`));
      const share = await estimatedFilterShare(db, filters);
      expect(share).toBeGreaterThan(actual / 3);
      expect(share).toBeLessThan(Math.min(1, actual * 3));
      expect(await estimatedFilterShare(db, parseFilters({}))).toBe(1);
      // With sequential scans priced out the server plans the two counts in parallel, in another order.
      const priced = await database().session(async (s) => {
        await s.execute(sql`set enable_seqscan = off`);
        try {
          return await estimatedFilterShare(s, filters);
        } finally {
          await s.execute(sql`reset enable_seqscan`);
        }
      });
      expect(priced).toBeCloseTo(share, 6);
      expect(filteredEfSearch(10, 0.1)).toBe(200);
      expect(filteredEfSearch(10, 0.5)).toBe(DEFAULT_EF_SEARCH);
      expect(filteredEfSearch(10, 0.001)).toBe(MAX_EF_SEARCH);
      // The iterative scan's limits grow as the share falls, within pgvector's default and a cap.
      expect(filteredScan(10, 0.5)).toEqual({ fetch: 100, maxScanTuples: 20_000, scanMemMultiplier: 1 });
      expect(filteredScan(10, 0.05)).toEqual({ fetch: 100, maxScanTuples: 40_000, scanMemMultiplier: 2 });
      expect(filteredScan(10, 0.001)).toEqual({ fetch: 100, maxScanTuples: 400_000, scanMemMultiplier: 20 });
      expect(filteredScan(5000, 0.5).fetch).toBe(5000);
    });

    it('salary, company and dates filter on their columns', async () => {
      const { db } = database();
      const hits = await vectorSearch(db, testEmbedder, 'data analyst', {
        k: 1000,
        filters: { salaryMin: 60000, currency: 'GBP', postedAfter: '2025-01-01', company: 'HERONSGATE ANALYTICS' },
      });
      const matching = await count(
        db,
        sql`salary_currency = 'GBP' and salary_annual_max >= 60000 and posted_at >= '2025-01-01'
            and company_id in (select id from companies where lower(name) = 'heronsgate analytics')`,
      );
      expect(hits).toHaveLength(matching);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h.company === 'Heronsgate Analytics' && h.salaryCurrency === 'GBP' && h.salaryAnnualMax! >= 60000)).toBe(true);
    });

    describe('with an HNSW index', () => {
      beforeAll(async () => {
        await database().db.execute(sql`create index search_test_hnsw on jobs using hnsw (embedding vector_cosine_ops)`);
      });
      afterAll(async () => {
        await database().db.execute(sql`drop index if exists search_test_hnsw`);
      });

      /**
       * On 1,500 rows the planner rightly prefers a sequential scan and a sort, which is exact; to
       * test the index path the searches run inside a transaction with sequential scans priced out.
       */
      const withIndexScan = <T>(run: (db: Db) => Promise<T>): Promise<T> =>
        database().db.transaction(async (tx) => {
          await tx.execute(sql`set local enable_seqscan = off`);
          return run(tx);
        });

      it('still returns k filtered rows (iterative scan), ordered by distance', async () => {
        const filters = { country: ['GB'], remoteMode: ['remote' as const] };
        const hits = await withIndexScan((db) => vectorSearch(db, testEmbedder, FIXED_QUERY, { k: 30, filters, efSearch: 40 }));
        expect(hits).toHaveLength(30);
        expect(hits.every((h) => h.country === 'GB' && h.remoteMode === 'remote')).toBe(true);
        expectAscending(hits.map((h) => h.distance));
        // Without iterative scans the index yields its 40 nearest and the filter keeps few of them:
        // this shows that the index served the query and that the iterative scan made the difference.
        const plain = await withIndexScan((db) => vectorSearch(db, testEmbedder, FIXED_QUERY, { k: 30, filters, efSearch: 40, iterative: false }));
        expect(plain.length).toBeLessThan(30);
      });

      it('applies the iterative scan inside the search statement (one round trip), for that statement only', async () => {
        const filters = { country: ['GB'], remoteMode: ['remote' as const] };
        const { hits, plain, after } = await database().session(async (db) => {
          await db.execute(sql`set enable_seqscan = off`);
          try {
            // The default ef_search, no transaction: the settings travel in the statement itself.
            const efSearch = DEFAULT_EF_SEARCH;
            const hits = await vectorSearch(db, testEmbedder, FIXED_QUERY, { k: 30, filters, efSearch });
            const plain = await vectorSearch(db, testEmbedder, FIXED_QUERY, { k: 30, filters, efSearch, iterative: false });
            const [after] = await queryRows<{ iterative: string; ef: string }>(
              db,
              sql`select current_setting('hnsw.iterative_scan') as iterative, current_setting('hnsw.ef_search') as ef`,
            );
            return { hits, plain, after };
          } finally {
            await db.execute(sql`reset enable_seqscan`);
          }
        });
        expect(hits).toHaveLength(30);
        expect(hits.every((h) => h.country === 'GB' && h.remoteMode === 'remote')).toBe(true);
        expectAscending(hits.map((h) => h.distance));
        expect(plain.length).toBeLessThan(30);
        expect(after).toEqual({ iterative: 'off', ef: String(DEFAULT_EF_SEARCH) });
      });

      it("a filtered scan goes as far as the filter's share needs, past the session's pgvector limit, and matches the exact result", async () => {
        // hnsw.max_scan_tuples at 1 stands for a table far larger than the limit: an iterative
        // scan left at the session's limit stops after its first ef_search candidates.
        const filters = { country: ['GB'], remoteMode: ['remote' as const] };
        const { hits, plan, after } = await database().session(async (db) => {
          await db.execute(sql`set enable_seqscan = off`);
          await db.execute(sql`set hnsw.max_scan_tuples = 1`);
          try {
            const hits = await vectorSearch(db, testEmbedder, FIXED_QUERY, { k: 30, filters, efSearch: 40 });
            const plan = await explainVectorSearch(db, testEmbedder, FIXED_QUERY, { k: 30, filters, efSearch: 40 });
            const [after] = await queryRows<{ tuples: string }>(db, sql`select current_setting('hnsw.max_scan_tuples') as tuples`);
            return { hits, plan, after };
          } finally {
            await db.execute(sql`reset enable_seqscan`);
            await db.execute(sql`reset hnsw.max_scan_tuples`);
          }
        });
        const exact = await database().db.transaction(async (tx) => {
          await tx.execute(sql`set local enable_indexscan = off`);
          return vectorSearch(tx, testEmbedder, FIXED_QUERY, { k: 30, filters });
        });
        expect(plan.kind).toBe('index');
        expect(hits.map((h) => h.id)).toEqual(exact.map((h) => h.id));
        const share = await estimatedFilterShare(database().db, parseFilters(filters));
        expect(plan.filteredScan).toEqual({ share, ...filteredScan(30, share) });
        expect(plan.summary).toContain(`may visit ${plan.filteredScan!.maxScanTuples} tuples`);
        // Set for the statement only.
        expect(after).toEqual({ tuples: '1' });
      });

      it('an unfiltered search sets no scan limits and fetches k rows', async () => {
        const plan = await withIndexScan((db) => explainVectorSearch(db, testEmbedder, FIXED_QUERY, { k: 10 }));
        expect(plan.filteredScan).toBeNull();
        expect(plan.summary).not.toContain('max_scan_tuples');
      });

      it('a market slice "like" a query larger than ef_search still holds its size (iterative scan)', async () => {
        // Without an iterative scan the index yields ef_search rows, and the slice stopped there.
        const size = DEFAULT_EF_SEARCH * 3;
        const { total } = await database().session(async (db) => {
          await db.execute(sql`set enable_seqscan = off`);
          try {
            return await remoteShare(db, testEmbedder, { like: { query: FIXED_QUERY, size } });
          } finally {
            await db.execute(sql`reset enable_seqscan`);
          }
        });
        expect(total).toBe(size);
      });

      it('hybrid search keeps its vector branch full under filters', async () => {
        const hits = await withIndexScan((db) =>
          hybridSearch(db, testEmbedder, 'nurse', { k: 40, candidates: 40, filters: { country: ['IE'], remoteMode: ['onsite'] } }),
        );
        expect(hits.filter((h) => h.vectorRank !== null)).toHaveLength(40);
      });
    });
  });

  describe('text search', () => {
    it('matches a quoted phrase, with «» snippets and rank descending', async () => {
      const { db } = database();
      const hits = await textSearch(db, '"registered nurse"', { k: 20 });
      expect(hits.length).toBeGreaterThan(0);
      for (const doc of await documents(
        db,
        hits.map((h) => h.id),
      ))
        expect(doc).toMatch(/regist\w*\W+nurs/);
      expect(hits.every((h) => h.snippet.includes('«') && h.snippet.includes('»'))).toBe(true);
      for (let i = 1; i < hits.length; i++) expect(hits[i]!.rank).toBeLessThanOrEqual(hits[i - 1]!.rank);
    });

    it('matches either side of OR', async () => {
      const { db } = database();
      const hits = await textSearch(db, 'tableau OR kubernetes', { k: 200 });
      const docs = await documents(
        db,
        hits.map((h) => h.id),
      );
      expect(docs.every((d) => d.includes('tableau') || d.includes('kubernetes'))).toBe(true);
      expect(docs.some((d) => d.includes('tableau'))).toBe(true);
      expect(docs.some((d) => d.includes('kubernetes'))).toBe(true);
    });

    it('leaves out -term', async () => {
      const { db } = database();
      const withTerm = await textSearch(db, 'python', { k: 1000 });
      const without = await textSearch(db, 'python -tableau', { k: 1000 });
      const docs = await documents(
        db,
        without.map((h) => h.id),
      );
      expect(without.length).toBeGreaterThan(0);
      expect(without.length).toBeLessThan(withTerm.length);
      expect(docs.every((d) => d.includes('python') && !d.includes('tableau'))).toBe(true);
    });

    it('applies filters', async () => {
      const hits = await textSearch(database().db, 'engineer', { k: 50, filters: { country: ['US'], remoteMode: ['hybrid'] } });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h.country === 'US' && h.remoteMode === 'hybrid')).toBe(true);
    });
  });

  describe('hybrid search', () => {
    it.each([{}, { rrfK: 10, vectorWeight: 0.7, textWeight: 1.3 }])('fused scores recompute exactly from the ranks (%o)', async (weights) => {
      const { db } = database();
      const hits = await hybridSearch(db, testEmbedder, 'python data engineer', { k: 30, candidates: 40, ...weights });
      expect(hits).toHaveLength(30);
      for (const hit of hits) expect(hit.score).toBe(rrfScore(hit, weights));
      for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
      expect(hits.some((h) => h.vectorRank !== null && h.textRank !== null)).toBe(true);
      expect(hits.every((h) => h.vectorRank !== null || h.textRank !== null)).toBe(true);
    });

    it('ranks the vector branch as vector search does, and fills snippets when asked, the same hits either way', async () => {
      const { db } = database();
      const query = "registered nurse on a children's ward";
      const vector = await vectorSearch(db, testEmbedder, query, { k: 5 });
      const hybrid = await hybridSearch(db, testEmbedder, query, { k: 100, candidates: 50, snippets: true });
      for (const [i, v] of vector.entries()) {
        const hit = hybrid.find((h) => h.id === v.id);
        expect(hit?.vectorRank).toBe(i + 1);
        expect(hit?.distance).toBeCloseTo(v.distance, 6);
      }
      expect(hybrid.filter((h) => h.textRank !== null).every((h) => h.snippet?.includes('«'))).toBe(true);
      const light = await hybridSearch(db, testEmbedder, query, { k: 100, candidates: 50 });
      expect(light.every((h) => !('snippet' in h))).toBe(true);
      expect(light).toEqual(hybrid.map(({ snippet: _snippet, ...hit }) => hit));
    });

    it('applies filters to both branches', async () => {
      const hits = await hybridSearch(database().db, testEmbedder, 'nurse', { k: 20, filters: { country: ['AU'] } });
      expect(hits.length).toBe(20);
      expect(hits.every((h) => h.country === 'AU')).toBe(true);
    });

    it('rrfScore: a missing branch contributes 0', () => {
      expect(rrfScore({ vectorRank: 1, textRank: null }, { vectorWeight: 1 })).toBe(1 / 61);
      expect(rrfScore({ vectorRank: 1, textRank: null })).toBe(HYBRID_DEFAULTS.vectorWeight / (HYBRID_DEFAULTS.rrfK + 1));
      expect(rrfScore({ vectorRank: null, textRank: 2 }, { textWeight: 2, rrfK: 8 })).toBe(2 / 10);
    });
  });

  describe('bad input', () => {
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      ['empty query', () => vectorSearch(database().db, testEmbedder, '   '), /query: must not be empty/],
      ['k = 0', () => vectorSearch(database().db, testEmbedder, 'nurse', { k: 0 }), /k: must be a whole number from 1 to 1000 \(got 0\)/],
      ['k = 1e6', () => textSearch(database().db, 'nurse', { k: 1e6 }), /k: must be a whole number from 1 to 1000 \(got 1000000\)/],
      [
        'metric dot',
        () => vectorSearch(database().db, testEmbedder, 'nurse', { metric: 'dot' as Metric }),
        /metric: must be one of "cosine", "l2", "ip" \(got "dot"\)/,
      ],
      ['100 kB query', () => hybridSearch(database().db, testEmbedder, 'x'.repeat(100_000)), /100000 characters long; the limit is 10000/],
      [
        'salaryMin without currency',
        () => vectorSearch(database().db, testEmbedder, 'nurse', { filters: { salaryMin: 50000 } }),
        /filters\.currency: is required with salaryMin/,
      ],
      [
        'unknown remote mode',
        () => textSearch(database().db, 'nurse', { filters: { remoteMode: ['anywhere' as 'remote'] } }),
        /filters\.remoteMode\[0\]: .*\(got "anywhere"\)/,
      ],
      [
        'bad country code',
        () => textSearch(database().db, 'nurse', { filters: { country: ['Britain'] } }),
        /filters\.country\[0\]: expected an ISO 3166-1 alpha-2 code.*\(got "Britain"\)/,
      ],
      ['unknown filter', () => textSearch(database().db, 'nurse', { filters: { town: 'Leeds' } as object }), /filters\.town: unknown option/],
      [
        'bad efSearch',
        () => vectorSearch(database().db, testEmbedder, 'nurse', { efSearch: 1.5 }),
        /efSearch: must be a whole number from 1 to 1000 \(got 1.5\)/,
      ],
    ];
    it.each(cases)('%s is refused with a clear message', async (_name, run, message) => {
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(JobsightError);
      expect((error as Error).message).toMatch(message);
    });

    it('injection strings in queries and filters are only text', async () => {
      const { db } = database();
      const evil = "'; drop table jobs; --";
      await vectorSearch(db, testEmbedder, evil, { k: 3 });
      await textSearch(db, evil, { k: 3 });
      await hybridSearch(db, testEmbedder, evil, { k: 3 });
      expect(await vectorSearch(db, testEmbedder, 'nurse', { filters: { city: evil, company: evil, skillsAny: [evil] } })).toEqual([]);
      expect(await count(db, sql`true`)).toBe(1500 + SKILLED.length);
    });
  });
});
