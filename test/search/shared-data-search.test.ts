/**
 * Search on the real shared data sets: what the search issue's "done means" asks of the NHS
 * postings (hybrid relevance, text syntax, filtered recall under HNSW) and of resume matching
 * over the LinkedIn/Indeed analyst and scientist postings.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { queryRows, type Db } from '../../src/db/database.ts';
import { hybridSearch } from '../../src/search/hybrid.ts';
import { createVectorIndex } from '../../src/indexes/index.ts';
import { matchResume } from '../../src/search/match.ts';
import { textSearch } from '../../src/search/text.ts';
import { explainVectorSearch, vectorSearch, type VectorSearchOptions } from '../../src/search/vector.ts';
import { describeEngines, testEmbedder } from '../helpers/engines.ts';
import { ingest } from '../helpers/ingest.ts';
import { DATA_FILES } from '../helpers/shared-data.ts';

// Loading 14,842 postings and building HNSW in WASM PGlite takes a minute or two on 2 cores.
const LOAD_TIMEOUT = 600_000;

/** Places in Greater London or its commuter belt, as the NHS data names them. */
const LONDON_AREA =
  /^(London|Watford|Uxbridge|Hampstead|Harrow|Croydon|Kingston|Romford|Ilford|Barnet|Enfield|Bromley|Sutton|Twickenham|Wembley|Isleworth|Hounslow|Tooting|Woolwich|Greenwich|Slough|Epsom|Orpington|Dartford|Chertsey|Stevenage|Luton|St Albans|Welwyn Garden City|Hemel Hempstead)$/i;

/** Runs `fn` with sequential scans priced out, so the HNSW path is what gets measured. */
function withIndexPath<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    return fn(tx as unknown as Db);
  });
}

/** The true nearest neighbours: every index scan priced out. */
function exactly<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_indexscan = off`);
    return fn(tx as unknown as Db);
  });
}

describeEngines('search over the NHS postings', ({ database }) => {
  beforeAll(async () => {
    const d = database();
    await ingest(d, [DATA_FILES.nhs], { referenceDate: new Date('2020-11-30T00:00:00Z') });
    await createVectorIndex(d, { type: 'hnsw', m: 16, efConstruction: 64 }, { concurrently: false });
  }, LOAD_TIMEOUT);

  it('hybrid "paediatric nurse in London" returns paediatric nursing posts in or near London', async () => {
    const hits = await hybridSearch(database().db, testEmbedder, 'paediatric nurse in London', { k: 10, snippets: true });
    expect(hits).toHaveLength(10);
    expect(hits[0]!.title).toMatch(/paediatric|children/i);
    expect(hits[0]!.city).toMatch(LONDON_AREA);
    const paediatric = hits.filter((h) => /paediatric|children/i.test(`${h.title} ${h.snippet}`));
    const nearLondon = hits.filter((h) => h.city !== null && LONDON_AREA.test(h.city));
    expect(paediatric.length).toBeGreaterThanOrEqual(6);
    expect(nearLondon.length).toBeGreaterThanOrEqual(7);
  });

  it('text mode honours "quoted phrases", OR and -term', async () => {
    const { db } = database();
    const holds = async (ids: number[], tsquery: ReturnType<typeof sql>) => {
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from jobs where id = any(${sql.param(ids)}::bigint[]) and search_vector @@ ${tsquery}`,
      );
      return row!.n;
    };
    const phrase = (await textSearch(db, '"clinical nurse specialist"', { k: 20 })).map((h) => h.id);
    expect(phrase).toHaveLength(20);
    expect(await holds(phrase, sql`phraseto_tsquery('english', 'clinical nurse specialist')`)).toBe(20);

    const either = await textSearch(db, 'midwife OR radiographer', { k: 50 });
    expect(either).toHaveLength(50);
    expect(
      await holds(
        either.map((h) => h.id),
        sql`to_tsquery('english', 'midwife | radiographer')`,
      ),
    ).toBe(50);
    const both = await textSearch(db, 'midwife radiographer', { k: 50 });
    expect(both.length).toBeLessThan(either.length);

    const without = (await textSearch(db, 'nurse -band', { k: 50 })).map((h) => h.id);
    expect(without).toHaveLength(50);
    expect(await holds(without, sql`to_tsquery('english', 'band')`)).toBe(0);
    expect(await holds(without, sql`to_tsquery('english', 'nurse')`)).toBe(50);
  });

  it('a vector query filtered to ~1 % of rows returns k rows through HNSW, recall@10 at least 0.95', async () => {
    const { db } = database();
    const [share] = await queryRows<{ share: number }>(db, sql`select avg((lower(city) = 'cambridge')::int)::float as share from jobs`);
    expect(share!.share).toBeGreaterThan(0.005);
    expect(share!.share).toBeLessThan(0.02);

    const queries = [
      'staff nurse',
      'healthcare assistant',
      'physiotherapist',
      'consultant psychiatrist',
      'pharmacist',
      'medical secretary',
      'midwife',
      'occupational therapist',
      'radiographer',
      'domestic assistant',
    ];
    const options: VectorSearchOptions = { k: 10, filters: { city: 'Cambridge' } };
    let found = 0;
    for (const query of queries) {
      const plan = await withIndexPath(db, (tx) => explainVectorSearch(tx, testEmbedder, query, options));
      expect(plan).toMatchObject({ kind: 'index', iterative: true });
      const approximate = await withIndexPath(db, (tx) => vectorSearch(tx, testEmbedder, query, options));
      const exact = await exactly(db, (tx) => vectorSearch(tx, testEmbedder, query, options));
      expect(approximate).toHaveLength(10);
      expect(approximate.every((h) => h.city === 'Cambridge')).toBe(true);
      // A hit as near as the exact 10th (equal distances: the same text under two employers) counts as found.
      const tenth = exact[9]!.distance + 1e-9;
      found += approximate.filter((h) => h.distance <= tenth).length;
    }
    expect(found / (10 * queries.length)).toBeGreaterThanOrEqual(0.95);
  });
});

describeEngines('resume matching over the LinkedIn/Indeed postings', ({ database }) => {
  beforeAll(async () => {
    await ingest(database(), [DATA_FILES.linkedinAnalyst, DATA_FILES.linkedinScientist, DATA_FILES.indeedAnalyst, DATA_FILES.indeedScientist]);
  }, LOAD_TIMEOUT);

  const RESUME = `# Alex Chen — Data Analyst

Data analyst with three years of experience in retail and e-commerce analytics.

- SQL (PostgreSQL, MySQL): reporting queries, joins, window functions
- Excel: pivot tables, VLOOKUP
- Tableau and Power BI dashboards for weekly sales reporting
- Python (pandas) for data cleaning; basic statistics and A/B testing`;

  it('lists analyst postings with the skills they share with the resume and those it lacks', async () => {
    const result = await matchResume(database().db, testEmbedder, RESUME, { k: 10 });
    expect(result.resumeSkills).toEqual(expect.arrayContaining(['SQL', 'Excel', 'Tableau', 'Power BI', 'Python', 'pandas']));
    expect(result.matches).toHaveLength(10);
    const analytical = result.matches.filter((m) => /analy|\bBI\b|business intelligence|visuali[sz]ation/i.test(m.title));
    expect(analytical.length).toBeGreaterThanOrEqual(8);
    // Every match shares core skills with the resume, and there is something left to learn.
    expect(result.matches.every((m) => m.matchedSkills.some((s) => ['SQL', 'Excel', 'Tableau', 'Power BI', 'Python'].includes(s)))).toBe(true);
    expect(result.learnNext.length).toBeGreaterThan(0);
    expect(result.learnNext.some((s) => ['SQL', 'Excel', 'Tableau', 'Python'].includes(s.skill))).toBe(false);
  });
});
