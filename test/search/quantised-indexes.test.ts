/**
 * Quantised vector indexes (`index create hnsw --type halfvec|bit`): building them, their status,
 * searches ordering by the indexed expression so the planner uses them, results against the exact
 * full-precision answer, filters, the choice among several indexes, and keeping them through an
 * ingest that drops and rebuilds the vector indexes.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { BIT_RERANK_FACTOR, DEFAULT_EF_SEARCH } from '../../src/core/defaults.ts';
import { queryRows, type Db } from '../../src/db/database.ts';
import { vectorIndexes } from '../../src/db/vector-indexes.ts';
import { DEMO_FILE, loadDemo } from '../../src/demo/load-demo.ts';
import { createVectorIndex, dropVectorIndex, resolveIndexSpec, type VectorIndexSpec, vectorIndexStatus } from '../../src/indexes/index.ts';
import { inputFromText } from '../../src/operations/fields.ts';
import { indexCreateHnswOperation } from '../../src/operations/indexes.ts';
import { hybridSearch } from '../../src/search/hybrid.ts';
import { searchAccess } from '../../src/search/quantised.ts';
import { similarJobs } from '../../src/search/similar.ts';
import { explainVectorSearch, type VectorHit, vectorSearch } from '../../src/search/vector.ts';
import { describeEngines, testEmbedder } from '../helpers/engines.ts';
import { ingest } from '../helpers/ingest.ts';

const QUERIES = ['registered nurse', 'data engineer python', 'warehouse operative', 'primary school teacher', 'accountant', 'software developer'];
const HALFVEC = 'jobs_embedding_hnsw_halfvec_cosine';
const BIT = 'jobs_embedding_hnsw_bit';
const FULL = 'jobs_embedding_hnsw_cosine';
/** Loading or re-ingesting the 1,500 demo postings embeds them: 20-50 s in PGlite on 2 idle cores, more on loaded ones. */
const LOAD_TIMEOUT = 240_000;

/**
 * Tie-aware recall@10 of `found` against the exact `truth`: a hit counts when its full-precision
 * distance is at most the exact 10th distance (plus float noise); templated postings tie often.
 */
function recallWithTies(found: VectorHit[], truth: VectorHit[]): number {
  const tenth = truth[truth.length - 1]!.distance + 1e-9;
  return Math.min(1, found.filter((h) => h.distance <= tenth).length / truth.length);
}

/** explainVectorSearch with sequential scans off (a 1,500-row table is otherwise scanned exactly), in one transaction. */
async function indexPlan(db: Db, query: string, options: Parameters<typeof explainVectorSearch>[3]) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    return explainVectorSearch(tx as unknown as Db, testEmbedder, query, options);
  });
}

it('refuses a bad --type naming the allowed ones, in the library and the front ends alike', () => {
  expect(() => resolveIndexSpec({ type: 'hnsw', storage: 'int8' } as unknown as VectorIndexSpec)).toThrow(
    /storage: must be one of "vector", "halfvec", "bit" \(got "int8"\)/,
  );
  expect(() => inputFromText(indexCreateHnswOperation, { type: 'int8' }, { what: 'options', noun: 'option' })).toThrow(
    /type: must be one of "vector", "halfvec", "bit" \(got "int8"\)/,
  );
  expect(inputFromText(indexCreateHnswOperation, { type: 'bit' }, { what: 'options', noun: 'option' })).toMatchObject({ type: 'bit', m: 16 });
  expect(resolveIndexSpec({ type: 'hnsw' })).toMatchObject({ storage: 'vector' });
});

describeEngines('quantised vector indexes', ({ database }) => {
  const truth = new Map<string, VectorHit[]>();
  /** Postings to find the nearest of (similarJobs), and their exact answers. */
  const postings = [101, 333, 555, 777, 999, 1234];
  const similarTruth = new Map<number, VectorHit[]>();

  it(
    'an exact search (no index) gives the full-precision truth',
    async () => {
      expect((await loadDemo(database().db, testEmbedder)).added).toBe(1500);
      for (const q of QUERIES) truth.set(q, await vectorSearch(database().db, testEmbedder, q, { k: 10 }));
      for (const id of postings) similarTruth.set(id, await similarJobs(database().db, id, { k: 10 }));
      expect((await searchAccess(database().db, 'cosine')).storage).toBe('vector');
    },
    LOAD_TIMEOUT,
  );

  it('builds halfvec and bit HNSW indexes on cast expressions; status shows storage, metric and size', async () => {
    const half = await createVectorIndex(database(), { type: 'hnsw', storage: 'halfvec', m: 8, efConstruction: 32 });
    const bit = await createVectorIndex(database(), { type: 'hnsw', storage: 'bit', m: 8, efConstruction: 32, metric: 'l2' });
    expect([half.name, bit.name]).toEqual([HALFVEC, BIT]);
    const definitions = Object.fromEntries((await vectorIndexes(database().db)).map((i) => [i.name, i.definition]));
    expect(definitions[HALFVEC]).toMatch(/USING hnsw \(\(\(embedding\)::halfvec\(384\)\) halfvec_cosine_ops\)/);
    expect(definitions[BIT]).toMatch(/USING hnsw \(\(\(binary_quantize\(embedding\)\)::bit\(384\)\) bit_hamming_ops\)/);
    const { indexes } = await vectorIndexStatus(database());
    expect(indexes.map((i) => [i.name, i.storage, i.metric, i.operatorClass, i.valid])).toEqual([
      [BIT, 'bit', null, 'bit_hamming_ops', true],
      [HALFVEC, 'halfvec', 'cosine', 'halfvec_cosine_ops', true],
    ]);
    const size = Object.fromEntries(indexes.map((i) => [i.name, i.sizeBytes]));
    expect(size[BIT]).toBeLessThan(size[HALFVEC]!);
  });

  it('prefers half precision to bits for the metric halfvec serves; bits serve every other metric', async () => {
    expect(await searchAccess(database().db, 'cosine')).toEqual({ storage: 'halfvec', index: HALFVEC, dimensions: 384 });
    expect(await searchAccess(database().db, 'l2')).toEqual({ storage: 'bit', index: BIT, dimensions: 384 });
  });

  it('a search orders by the halfvec expression, so the planner uses the index, and returns full-precision distances', async () => {
    const plan = await indexPlan(database().db, QUERIES[0]!, { k: 10 });
    expect(plan).toMatchObject({ kind: 'index', index: HALFVEC, storage: 'halfvec' });
    expect(plan.summary).toMatch(/half precision/);
    let recall = 0;
    for (const q of QUERIES) {
      const hits = await vectorSearch(database().db, testEmbedder, q, { k: 10, efSearch: 200 });
      recall += recallWithTies(hits, truth.get(q)!) / QUERIES.length;
      // The distance is the full-precision one: a hit in the exact answer has the same distance there.
      for (const hit of hits) {
        const exact = truth.get(q)!.find((t) => t.id === hit.id);
        if (exact) expect(hit.distance).toBeCloseTo(exact.distance, 12);
      }
      expect(hits.map((h) => h.distance)).toEqual([...hits.map((h) => h.distance)].sort((a, b) => a - b));
    }
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('with only a bit index, a search re-ranks the ef_search (at least k × the factor) nearest by Hamming distance', async () => {
    await dropVectorIndex(database(), HALFVEC);
    const plan = await indexPlan(database().db, QUERIES[0]!, { k: 10 });
    expect(plan).toMatchObject({ kind: 'index', index: BIT, storage: 'bit' });
    const candidates = Math.max(10 * BIT_RERANK_FACTOR, DEFAULT_EF_SEARCH);
    expect(plan.summary).toContain(`the nearest ${candidates} by Hamming distance, re-ranked by full-precision cosine`);
    // A smaller ef_search is raised to k × the factor: the graph returns no more rows than its list.
    expect((await indexPlan(database().db, QUERIES[0]!, { k: 10, efSearch: 10 })).summary).toContain(`the nearest ${10 * BIT_RERANK_FACTOR} by`);
    // A posting's own vector as the query: dense, like an embedder's (a two-word query's hashed
    // features are nearly all zero, and so are its bits: Hamming distance then says little).
    let recall = 0;
    for (const id of postings) {
      const hits = await similarJobs(database().db, id, { k: 10 });
      expect(hits).toHaveLength(10);
      recall += recallWithTies(hits, similarTruth.get(id)!) / postings.length;
      const [row] = await queryRows<{ d: number }>(
        database().db,
        sql`select a.embedding <=> b.embedding as d from jobs a, jobs b where a.id = ${id} and b.id = ${hits[0]!.id}`,
      );
      expect(hits[0]!.distance).toBeCloseTo(row!.d, 12);
    }
    console.info(`bit index, ${candidates} candidates re-ranked: recall@10 ${recall.toFixed(3)} over ${postings.length} postings`);
    // Without the re-ranking (the first 10 by Hamming distance) it is about 0.4.
    expect(recall).toBeGreaterThanOrEqual(0.85);
  });

  it('filters still apply through a bit index, and similar and hybrid search go through it too', async () => {
    const hits = await vectorSearch(database().db, testEmbedder, 'nurse', { k: 10, filters: { country: ['GB'] } });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.country === 'GB')).toBe(true);
    const like = await similarJobs(database().db, hits[0]!.id, { k: 5 });
    expect(like).toHaveLength(5);
    expect(like.some((h) => h.id === hits[0]!.id)).toBe(false);
    const fused = await hybridSearch(database().db, testEmbedder, 'nurse', { k: 5, filters: { country: ['GB'] } });
    expect(fused.length).toBe(5);
    expect(fused.every((h) => h.country === 'GB')).toBe(true);
  });

  it('a full-precision index for the metric wins over the quantised ones', async () => {
    await createVectorIndex(database(), { type: 'hnsw', m: 8, efConstruction: 32 });
    expect(await searchAccess(database().db, 'cosine')).toMatchObject({ storage: 'vector', index: FULL });
    expect((await indexPlan(database().db, QUERIES[0]!, { k: 10 })).index).toBe(FULL);
    await dropVectorIndex(database(), FULL);
  });

  it(
    'an ingest that drops the vector indexes rebuilds the quantised ones as they were',
    async () => {
      await createVectorIndex(database(), { type: 'hnsw', storage: 'halfvec', m: 8, efConstruction: 32 });
      const before = await vectorIndexes(database().db);
      const summary = await ingest(database(), [DEMO_FILE], { indexPolicy: 'rebuild' });
      expect(summary.indexesDropped).toEqual([BIT, HALFVEC]);
      expect(summary.indexesRebuilt).toEqual([BIT, HALFVEC]);
      expect(await vectorIndexes(database().db)).toEqual(before);
      expect((await indexPlan(database().db, QUERIES[0]!, { k: 10 })).index).toBe(HALFVEC);
    },
    LOAD_TIMEOUT,
  );
});
