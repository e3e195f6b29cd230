/**
 * The embedding queue on both engines: the triggers of migration 0004 queue every posting left
 * without an up-to-date vector (CRUD, ingest, plain SQL), `ingest --embed later` loads real
 * postings without vectors, and workers against a slow, failing, rate-limiting provider
 * (test/helpers/fake-embedding-server.ts) embed each posting exactly once.
 */
import { sql } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { queryRows, type Db } from '../../src/db/database.ts';
import { OpenAICompatibleEmbedder } from '../../src/embed/openai-compatible.ts';
import { pendingCount, queueStatus, retryFailed, runEmbedWorkers } from '../../src/embed-queue/index.ts';
import { addJobs, updateJob } from '../../src/jobs/repository.ts';
import { embeddingText } from '../../src/jobs/derived.ts';
import { jobsAddOperation } from '../../src/operations/jobs.ts';
import { runOperation } from '../../src/operations/operation.ts';
import { searchOperation } from '../../src/operations/search.ts';
import { describeEngines, testEmbedder } from '../helpers/engines.ts';
import { startFakeProvider, type FakeProvider, type FakeProviderOptions } from '../helpers/fake-embedding-server.ts';
import { ingest } from '../helpers/ingest.ts';
import { DATA_FILES } from '../helpers/shared-data.ts';

const providers: FakeProvider[] = [];
afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.close()));
});

async function provider(options: FakeProviderOptions): Promise<{ fake: FakeProvider; embedder: OpenAICompatibleEmbedder }> {
  const fake = await startFakeProvider(options);
  providers.push(fake);
  // One retry inside the embedder, with short waits (Retry-After is capped by maxRetryDelayMs):
  // what the embedder does not ride out, the queue records and retries.
  const embedder = new OpenAICompatibleEmbedder({
    baseUrl: fake.baseUrl,
    model: 'fake-embed',
    dimensions: 384,
    maxRetries: 1,
    minRetryDelayMs: 1,
    maxRetryDelayMs: 20,
  });
  return { fake, embedder };
}

const queued = async (db: Db) =>
  (await queryRows<{ id: string }>(db, sql`select job_id as id from embedding_queue order by job_id`)).map((r) => Number(r.id));

/** Postings whose stored vector is not the hashing embedder's vector of their current text. */
async function wrongVectors(db: Db): Promise<number[]> {
  const rows = await queryRows<{
    id: string;
    title: string;
    company: string | null;
    city: string | null;
    region: string | null;
    country: string | null;
    description: string;
    embedding: string;
  }>(
    db,
    sql`select j.id, j.title, c.name as company, j.city, j.region, j.country, j.description, j.embedding::text as embedding
        from jobs j left join companies c on c.id = j.company_id where j.embedding is not null order by j.id`,
  );
  const expected = await testEmbedder.embed(rows.map(embeddingText));
  return rows.flatMap((r, i) => {
    const stored = JSON.parse(r.embedding) as number[];
    return stored.every((x, d) => Math.abs(x - expected[i]![d]!) < 1e-5) ? [] : [Number(r.id)];
  });
}

describeEngines('embedding queue', ({ database }) => {
  it('queues every posting left without an up-to-date vector, whoever changed it', async () => {
    const { db } = database();
    await db.execute(sql`truncate jobs cascade`);
    const [embedded] = await addJobs(db, testEmbedder, [{ title: 'Staff Nurse', company: 'City Hospital', description: 'Ward work' }]);
    expect(await queued(db)).toEqual([]); // CRUD embeds in its own transaction

    // Plain SQL: a row without a vector is queued; a changed title drops the stale vector and queues.
    const [bare] = await queryRows<{ id: string }>(
      db,
      sql`insert into jobs (source, external_id, title, content_hash) values ('sql', '1', 'Porter', 'x') returning id`,
    );
    expect(await queued(db)).toEqual([Number(bare!.id)]);
    await db.execute(sql`update jobs set title = 'Senior Staff Nurse' where id = ${embedded!.id}`);
    const [row] = await queryRows<{ embedding: string | null }>(db, sql`select embedding::text from jobs where id = ${embedded!.id}`);
    expect(row!.embedding).toBeNull();
    expect(await queued(db)).toEqual([embedded!.id, Number(bare!.id)].sort((a, b) => a - b));

    // A change to anything but the embedded text leaves the queue alone.
    await db.execute(sql`update jobs set salary_min = 1, salary_max = 2 where id = ${bare!.id}`);
    expect(await queued(db)).toHaveLength(2);

    // CRUD updates re-embed in the same statement: the posting leaves the queue with a fresh vector.
    await updateJob(db, testEmbedder, embedded!.id, { title: 'Charge Nurse' });
    expect(await queued(db)).toEqual([Number(bare!.id)]);
    expect(await wrongVectors(db)).toEqual([]);

    // Setting the embedding to null queues again; deleting the posting removes it from the queue.
    await db.execute(sql`update jobs set embedding = null where id = ${embedded!.id}`);
    expect(await queued(db)).toHaveLength(2);
    await db.execute(sql`delete from jobs where id = ${bare!.id}`);
    expect(await queued(db)).toEqual([embedded!.id]);
    expect(await pendingCount(db)).toBe(1);
  });

  it("searches report pending, counted at most a second before and again after this process's writes and stored batches", async () => {
    const { db } = database();
    await db.execute(sql`truncate jobs cascade`);
    const context = { database: database(), embedder: testEmbedder };
    const pending = async () => (await runOperation(searchOperation, context, searchOperation.input.parse({ q: 'porter' }))).pending;
    expect(await pending()).toBe(0);
    // Another writer queues a posting; this process's next write (a posting embedded at once) counts again.
    await db.execute(sql`insert into jobs (source, external_id, title, content_hash) values ('sql', 'p', 'Porter', 'p')`);
    await runOperation(jobsAddOperation, context, jobsAddOperation.input.parse({ title: 'Night porter', description: 'Nights' }));
    expect(await pending()).toBe(1);
    // A worker of this process storing its batch counts again.
    expect((await runEmbedWorkers(database(), testEmbedder, {})).embedded).toBe(1);
    expect(await pending()).toBe(0);
  });

  it('ingest --embed later loads real postings without vectors and queues them; workers embed each exactly once despite 500s and 429s', async () => {
    const { db } = database();
    await db.execute(sql`truncate jobs cascade`);
    const summary = await ingest(database(), [DATA_FILES.indeedAnalyst], { embed: 'later', threads: 0, referenceDate: new Date('2018-07-31') });
    expect(summary.embedded).toBe(0);
    expect(summary.inserted).toBeGreaterThan(300); // of 500 rows, the rest exact duplicates
    const [{ withVector } = { withVector: -1 }] = await queryRows<{ withVector: number }>(
      db,
      sql`select count(embedding)::int as "withVector" from jobs`,
    );
    expect(withVector).toBe(0);
    expect((await queued(db)).length).toBe(summary.inserted);

    const { fake, embedder } = await provider({ delayMs: 5, failEvery: 7, rateLimitEvery: 5 });
    // Two runs at once, three workers each: on the server, six connections claiming side by side.
    const runs = await Promise.all([1, 2].map(() => runEmbedWorkers(database(), embedder, { workers: 3, batchSize: 16, retryDelaySeconds: 0 })));
    const embeddedTotal = runs.reduce((a, r) => a + r.embedded, 0);
    expect(embeddedTotal).toBe(summary.inserted);
    expect(fake.statuses).toContain(429);
    expect(fake.statuses).toContain(500);
    // Never twice: every posting's text was answered with a vector once, and stored.
    const texts = await queryRows<{ id: string }>(db, sql`select id from jobs`);
    expect(fake.answered.length).toBe(texts.length);
    expect(await queued(db)).toEqual([]);
    expect(await wrongVectors(db)).toEqual([]);
    const status = await queueStatus(db);
    expect(status).toMatchObject({ pending: 0, embedded: summary.inserted, postings: summary.inserted, failed: 0 });
  });

  it('records failures, retries a failed batch one posting at a time and gives up after maxAttempts', async () => {
    const { db } = database();
    await db.execute(sql`truncate jobs cascade`);
    for (const title of ['Cook', 'POISON pill', 'Cleaner', 'Driver']) {
      await db.execute(sql`insert into jobs (source, external_id, title, content_hash) values ('sql', ${title}, ${title}, ${title})`);
    }
    const { fake, embedder } = await provider({ refuse: /POISON/ });
    const run = await runEmbedWorkers(database(), embedder, { batchSize: 10, maxAttempts: 3, retryDelaySeconds: 0 });
    // The batch of four fails once; alone, the three good ones pass and the poison fails twice more.
    expect(run).toMatchObject({ embedded: 3, gaveUp: 1, failedAttempts: 4 + 2 });
    expect(fake.statuses.filter((s) => s === 400)).toHaveLength(3);
    const [failed] = await queryRows<{ attempts: number; lastError: string; failed: boolean }>(
      db,
      sql`select attempts, last_error as "lastError", failed_at is not null as failed from embedding_queue`,
    );
    expect(failed).toMatchObject({ attempts: 3, failed: true });
    expect(failed!.lastError).toMatch(/HTTP 400.*maximum context length/);
    const status = await queueStatus(db);
    expect(status).toMatchObject({ pending: 1, failed: 1, waiting: 0 });
    expect(status.errors[0]!.postings).toBe(1);

    // A failed posting stays put until asked for; --retry-failed queues it again; a fixed text re-queues by itself.
    expect((await runEmbedWorkers(database(), embedder, {})).batches).toBe(0);
    expect(await retryFailed(db)).toBe(1);
    await db.execute(sql`update jobs set title = 'Poison control officer' where title = 'POISON pill'`);
    const again = await runEmbedWorkers(database(), embedder, {});
    expect(again.embedded).toBe(1);
    expect(await pendingCount(db)).toBe(0);
  });

  it('a text changed while it is being embedded is not stored with the old vector, and is embedded again', async () => {
    const { db } = database();
    await db.execute(sql`truncate jobs cascade`);
    await db.execute(sql`insert into jobs (source, external_id, title, content_hash) values ('sql', 'a', 'Night porter', 'a')`);
    let changed = false;
    const { fake, embedder } = await provider({
      beforeAnswer: async () => {
        if (changed) return;
        changed = true;
        await db.execute(sql`update jobs set title = 'Day porter' where external_id = 'a'`);
      },
    });
    const run = await runEmbedWorkers(database(), embedder, {});
    expect(run).toMatchObject({ embedded: 1, discarded: 1 });
    expect(fake.answered).toEqual(['Night porter', 'Day porter']);
    expect(await wrongVectors(db)).toEqual([]);
    expect(await pendingCount(db)).toBe(0);
  });

  it('a worker that died loses its claim when the lease ends', async () => {
    const { db } = database();
    await db.execute(sql`truncate jobs cascade`);
    await db.execute(sql`insert into jobs (source, external_id, title, content_hash) values ('sql', 'b', 'Gardener', 'b')`);
    await db.execute(sql`update embedding_queue set claimed_by = 'gone:1:abc', claimed_until = now() - interval '1 second', attempts = 1`);
    const { embedder } = await provider({});
    expect((await runEmbedWorkers(database(), embedder, {})).embedded).toBe(1);
  });
});
