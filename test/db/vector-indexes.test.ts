import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { reembedAll } from '../../src/jobs/reembed.ts';
import { dropVectorIndexes, restoreVectorIndexes, vectorIndexes } from '../../src/db/vector-indexes.ts';
import { createEmbedder } from '../../src/embed/index.ts';
import { addJobs } from '../../src/jobs/repository.ts';
import { describeEngines, testEmbedder } from '../helpers/engines.ts';

describeEngines('vector indexes around large writes', ({ database }) => {
  it('drops them and rebuilds the same definitions, also after an interrupted run', async () => {
    const { db } = database();
    await addJobs(db, testEmbedder, [{ title: 'Welder' }, { title: 'Electrician' }, { title: 'Plumber' }]);
    await db.execute(sql`create index jobs_embedding_hnsw on jobs using hnsw (embedding vector_cosine_ops) with (m = 8)`);
    const before = await vectorIndexes(db);
    expect(await dropVectorIndexes(db)).toEqual(['jobs_embedding_hnsw']);
    expect(await vectorIndexes(db)).toEqual([]);
    // A second drop before any restore (a killed run started again) must not forget the first.
    expect(await dropVectorIndexes(db)).toEqual([]);
    expect(await restoreVectorIndexes(db)).toEqual(['jobs_embedding_hnsw']);
    expect(await vectorIndexes(db)).toEqual(before);
    expect(await restoreVectorIndexes(db)).toEqual([]);
  });

  it('keeps an HNSW index and the quantised ones through a re-embed to another dimension, cast to the new one', async () => {
    const { db } = database();
    await db.execute(sql`create index jobs_embedding_half on jobs using hnsw ((embedding::halfvec(384)) halfvec_cosine_ops)`);
    await db.execute(sql`create index jobs_embedding_bit on jobs using hnsw ((binary_quantize(embedding)::bit(384)) bit_hamming_ops)`);
    const result = await reembedAll(db, createEmbedder({ provider: 'hash', dimensions: 128 }));
    expect(result.reembedded).toBe(3);
    expect(result.indexesRebuilt).toEqual(['jobs_embedding_bit', 'jobs_embedding_half', 'jobs_embedding_hnsw']);
    const after = await vectorIndexes(db);
    expect(after.map((i) => i.name)).toEqual(['jobs_embedding_bit', 'jobs_embedding_half', 'jobs_embedding_hnsw']);
    expect(after[0]!.definition).toContain('::bit(128)');
    expect(after[1]!.definition).toContain('::halfvec(128)');
  });
});
