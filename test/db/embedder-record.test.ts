import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.ts';
import { embeddingColumnDimensions, ensureEmbedderMatches, readEmbedderRecord } from '../../src/db/embedder-record.ts';
import { reembedAll } from '../../src/jobs/reembed.ts';
import { checkPgvector, initDatabase } from '../../src/db/setup.ts';
import { createEmbedder } from '../../src/embed/index.ts';
import { JobsightError } from '../../src/core/errors.ts';
import { addJobs } from '../../src/jobs/repository.ts';
import { describeEngines, ENGINES, openTestDatabase, SERVER_URL, testEmbedder } from '../helpers/engines.ts';

const embedder256 = createEmbedder({ provider: 'hash', dimensions: 256 });

describeEngines('embedder recorded in the database', ({ database }) => {
  it('records the embedder that wrote the vectors', async () => {
    expect(await readEmbedderRecord(database().db)).toEqual({ name: testEmbedder.name, dimensions: 384 });
  });

  it('refuses an embedder of another dimension with a message that says how to re-embed', async () => {
    const { db } = database();
    await addJobs(db, testEmbedder, [{ title: 'Data Engineer' }, { title: 'Staff Nurse' }]);
    const error = await ensureEmbedderMatches(db, embedder256).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobsightError);
    expect((error as JobsightError).message).toMatch(/384 dimensions.*active embedder is hash-ngram-v1 \(256 dimensions\)/);
    expect((error as JobsightError).hint).toMatch(/jobsight db reembed/);
  });

  it('re-embeds every posting into a column of the new dimension, then accepts the new embedder', async () => {
    const { db } = database();
    const progress: number[] = [];
    const result = await reembedAll(db, embedder256, { batchSize: 1, onProgress: (p) => progress.push(p.done) });
    expect(result.reembedded).toBe(2);
    expect(progress).toEqual([0, 1, 2]);
    expect(await embeddingColumnDimensions(db)).toBe(256);
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from jobs where vector_dims(embedding) = 256`);
    expect(row!.n).toBe(2);
    await expect(ensureEmbedderMatches(db, embedder256)).resolves.toBeUndefined();
    await expect(ensureEmbedderMatches(db, testEmbedder)).rejects.toThrow(/256 dimensions/);
  });
});

describe.each(ENGINES)('[%s] a brand-new database', (engine) => {
  it.skipIf(engine === 'server' && !SERVER_URL)('takes the active embedder’s dimension on first use', async () => {
    const database = await openTestDatabase(engine, { initialized: false });
    try {
      await initDatabase(database.db, embedder256);
      expect(await embeddingColumnDimensions(database.db)).toBe(256);
      expect(await readEmbedderRecord(database.db)).toEqual({ name: embedder256.name, dimensions: 256 });
      await addJobs(database.db, embedder256, [{ title: 'Welder' }]);
      await expect(checkPgvector(database.db)).resolves.toMatchObject({ installed: expect.stringMatching(/^0\.[89]|^[1-9]/) });
    } finally {
      await database.close();
    }
  });
});
