import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { expect, it } from 'vitest';
import { DEFAULT_EF_SEARCH } from '../../src/core/defaults.ts';
import { withSessionDefaults } from '../../src/db/session-defaults.ts';
import { queryRows, type Database, type Db } from '../../src/db/database.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { applySearchSettings } from '../../src/search/scan-settings.ts';
import { explainVectorSearch, vectorSearch } from '../../src/search/vector.ts';
import {
  createVectorIndex,
  defaultIvfflatLists,
  dropVectorIndex,
  EXACT_SEARCH_MAX_ROWS,
  rebuildVectorIndex,
  recommendIndex,
  resolveIndexSpec,
  vectorIndexStatus,
  type VectorIndexSpec,
} from '../../src/indexes/index.ts';
import { describeEngines, testEmbedder } from '../helpers/engines.ts';

const HNSW = 'jobs_embedding_hnsw_cosine';

/** EXPLAIN (FORMAT JSON) of the nearest-10 query, as text to look for index names in. */
async function nearestPlan(db: Db, options: { seqscan: boolean; efSearch?: number }): Promise<string> {
  const [vector] = await testEmbedder.embed(['registered nurse']);
  const literal = `[${Array.from(vector!).join(',')}]`;
  return db.transaction(async (tx) => {
    if (!options.seqscan) await tx.execute(sql`set local enable_seqscan = off`);
    if (options.efSearch !== undefined) await tx.execute(sql`select set_config('hnsw.ef_search', ${String(options.efSearch)}, true)`);
    const rows = await queryRows<unknown>(tx, sql`explain (format json) select id from jobs order by embedding <=> ${literal}::vector limit 10`);
    return JSON.stringify(rows);
  });
}

/**
 * How many times `run` waited for the server: on every pool connection it uses, a write to the
 * socket followed by a reply counts one round trip (pipelined statements are all written first).
 */
async function roundTrips(db: Db, run: () => Promise<unknown>): Promise<number> {
  const pool = (db as unknown as { $client: pg.Pool }).$client;
  const events: ('write' | 'read')[] = [];
  const undo: (() => void)[] = [];
  const watch = (client: pg.PoolClient) => {
    const stream = (client as unknown as { connection: { stream: import('node:net').Socket } }).connection.stream;
    const write = stream.write;
    stream.write = function (this: typeof stream, ...args: unknown[]) {
      events.push('write');
      return (write as (...a: unknown[]) => boolean).apply(this, args);
    } as typeof stream.write;
    const onData = () => events.push('read');
    stream.on('data', onData);
    undo.push(() => {
      stream.write = write;
      stream.off('data', onData);
    });
  };
  pool.on('acquire', watch);
  try {
    await run();
  } finally {
    pool.off('acquire', watch);
    for (const u of undo) u();
  }
  return events.filter((e, i) => e === 'read' && events[i - 1] === 'write').length;
}

it('defaultIvfflatLists follows pgvector advice: rows/1000 up to 1M rows, sqrt(rows) above', () => {
  expect(defaultIvfflatLists(0)).toBe(1);
  expect(defaultIvfflatLists(500)).toBe(1);
  expect(defaultIvfflatLists(5000)).toBe(5);
  expect(defaultIvfflatLists(1_000_000)).toBe(1000);
  expect(defaultIvfflatLists(4_000_000)).toBe(2000);
});

it('recommendIndex: exact search below the threshold, HNSW m 16 / ef_construction 64 from it', () => {
  expect(recommendIndex(1500).spec).toBeNull();
  expect(recommendIndex(EXACT_SEARCH_MAX_ROWS).spec).toEqual({ type: 'hnsw', m: 16, efConstruction: 64, metric: 'cosine' });
});

it("server connections start at the default ef_search through the URL's options, kept beside the user's own", () => {
  expect(withSessionDefaults('postgres://u@h:5432/db')).toBe(
    `postgres://u@h:5432/db?options=${encodeURIComponent(`-c hnsw.ef_search=${DEFAULT_EF_SEARCH}`).replaceAll('%20', '+')}`,
  );
  const merged = new URL(withSessionDefaults('postgres://u@h/db?sslmode=disable&options=-c%20statement_timeout%3D5000'));
  expect(merged.searchParams.get('options')).toBe(`-c statement_timeout=5000 -c hnsw.ef_search=${DEFAULT_EF_SEARCH}`);
  expect(merged.searchParams.get('sslmode')).toBe('disable');
});

it('rejects bad specs with messages naming the parameter', () => {
  expect(() => resolveIndexSpec({ type: 'hnsw', m: 1 })).toThrow(/m: must be a whole number from 2 to 100 \(got 1\)/);
  expect(() => resolveIndexSpec({ type: 'hnsw', m: 16, efConstruction: 20 })).toThrow(/efConstruction: must be at least 2 \* m \(32/);
  expect(() => resolveIndexSpec({ type: 'hnsw', m: 8.5 })).toThrow(/m: must be a whole number/);
  expect(() => resolveIndexSpec({ type: 'ivfflat', lists: 0 }, 100)).toThrow(/lists: must be a whole number from 1 to 32768 \(got 0\)/);
  expect(() => resolveIndexSpec({ type: 'diskann' } as unknown as VectorIndexSpec)).toThrow(/type: must be one of "hnsw", "ivfflat"/);
  expect(() => resolveIndexSpec({ type: 'hnsw', metric: 'l1' } as unknown as VectorIndexSpec)).toThrow(
    /metric: must be one of "cosine", "l2", "ip" \(got "l1"\)/,
  );
});

it('rejects bad server build settings before touching the database', async () => {
  const noDatabase = {} as Database;
  await expect(createVectorIndex(noDatabase, { type: 'hnsw' }, { maintenanceWorkMem: "1GB'; drop table jobs; --" })).rejects.toThrow(
    /maintenanceWorkMem: must be a size such as '512MB'/,
  );
  await expect(createVectorIndex(noDatabase, { type: 'hnsw' }, { parallelWorkers: -1 })).rejects.toThrow(
    /parallelWorkers: must be a whole number from 0 to 64 \(got -1\)/,
  );
});

describeEngines('vector index management', ({ engine, database }) => {
  it('refuses IVFFlat on an empty table', async () => {
    await expect(createVectorIndex(database(), { type: 'ivfflat' })).rejects.toMatchObject({
      hint: expect.stringMatching(/load postings first: IVFFlat learns its lists from the rows/),
    });
  });

  it('builds an HNSW index with its parameters, and shows it in the status', async () => {
    const result = await loadDemo(database().db, testEmbedder);
    expect(result.added).toBe(1500);
    const built = await createVectorIndex(database(), { type: 'hnsw', m: 8, efConstruction: 32 });
    console.info(`[${engine}] HNSW m=8 ef_construction=32 over 1,500 rows: ${built.milliseconds} ms`);
    expect(built).toMatchObject({ name: HNSW, spec: { type: 'hnsw', m: 8, efConstruction: 32, metric: 'cosine' } });
    const { indexes, building } = await vectorIndexStatus(database());
    expect(building).toEqual([]);
    expect(indexes).toHaveLength(1);
    expect(indexes[0]).toMatchObject({
      name: HNSW,
      type: 'hnsw',
      metric: 'cosine',
      operatorClass: 'vector_cosine_ops',
      parameters: { m: 8, ef_construction: 32 },
      valid: true,
    });
    expect(indexes[0]!.sizeBytes).toBeGreaterThan(0);
    expect(indexes[0]!.size).toMatch(/\d+ (bytes|kB|MB)/);
    expect(indexes[0]!.rowsIndexed).toBe(1500);
  });

  it('refuses to create an index that exists, saying to drop or rebuild it', async () => {
    await expect(createVectorIndex(database(), { type: 'hnsw', m: 8, efConstruction: 32 })).rejects.toMatchObject({
      message: `the index ${HNSW} already exists`,
      hint: expect.stringMatching(/jobsight index drop jobs_embedding_hnsw_cosine.*jobsight index rebuild jobs_embedding_hnsw_cosine/),
    });
  });

  it('the nearest-10 query uses the index when sequential scans are off', async () => {
    expect(await nearestPlan(database().db, { seqscan: false })).toContain(HNSW);
  });

  // Server-only features (planner statistics, pg_stat_progress_create_index): registered there only.
  if (engine === 'server')
    it('the planner picks the index for 1,500 rows on its own at ef_search 40 (server)', async () => {
      await database().db.execute(sql`analyze jobs`);
      // pgvector's default ef_search; at Jobsight's 100 the index costs more and 1,500 rows are scanned exactly.
      expect(await nearestPlan(database().db, { seqscan: true, efSearch: 40 })).toContain(HNSW);
    });

  if (engine === 'server')
    it('a search at another ef_search is planned with it and gives the hits of SET LOCAL first, in one round trip (server)', async () => {
      const { db } = database();
      const query = 'registered nurse in Leeds';
      // 1,500 rows: the planner takes the index at ef_search 40 and scans exactly at 100 and 200.
      expect((await explainVectorSearch(db, testEmbedder, query, { k: 10, efSearch: 40 })).kind).toBe('index');
      expect((await explainVectorSearch(db, testEmbedder, query, { k: 10, efSearch: 200 })).kind).toBe('exact');
      for (const efSearch of [40, 200]) {
        // The transaction awaited statement by statement (what a search ran before), as the reference.
        const reference = await db.transaction(async (tx) => {
          await applySearchSettings(tx, { efSearch });
          return vectorSearch(tx, testEmbedder, query, { k: 10, efSearch });
        });
        let hits: Awaited<ReturnType<typeof vectorSearch>> = [];
        expect(await roundTrips(db, async () => (hits = await vectorSearch(db, testEmbedder, query, { k: 10, efSearch })))).toBe(1);
        expect(hits).toHaveLength(10);
        expect(hits).toEqual(reference);
      }
      // The settings ended with the transaction: the connections are back at the default.
      const [after] = await queryRows<Record<string, string>>(db, sql`show hnsw.ef_search`);
      expect(Object.values(after!)[0]).toBe(String(DEFAULT_EF_SEARCH));
      expect(await roundTrips(db, () => vectorSearch(db, testEmbedder, query, { k: 10 }))).toBe(1);
    });

  it('rebuilds and drops an index; unknown names list the existing ones', async () => {
    const rebuilt = await rebuildVectorIndex(database(), HNSW);
    console.info(`[${engine}] REINDEX ${HNSW}: ${rebuilt.milliseconds} ms`);
    expect((await vectorIndexStatus(database())).indexes[0]).toMatchObject({ name: HNSW, valid: true });
    await expect(dropVectorIndex(database(), 'jobs_embedding_nope')).rejects.toMatchObject({
      hint: `Existing vector indexes: ${HNSW}.`,
    });
    await dropVectorIndex(database(), HNSW);
    expect((await vectorIndexStatus(database())).indexes).toEqual([]);
  });

  it('builds IVFFlat with default lists (1,500 rows: 1) and explicit lists', async () => {
    const byDefault = await createVectorIndex(database(), { type: 'ivfflat' });
    expect(byDefault.spec).toEqual({ type: 'ivfflat', lists: 1, metric: 'cosine', storage: 'vector' });
    const explicit = await createVectorIndex(database(), { type: 'ivfflat', lists: 4, metric: 'l2' }, { concurrently: false });
    expect(explicit.name).toBe('jobs_embedding_ivfflat_l2');
    const { indexes } = await vectorIndexStatus(database());
    expect(indexes.map((i) => [i.name, i.metric, i.parameters, i.valid])).toEqual([
      ['jobs_embedding_ivfflat_cosine', 'cosine', { lists: 1 }, true],
      ['jobs_embedding_ivfflat_l2', 'l2', { lists: 4 }, true],
    ]);
    for (const index of indexes) await dropVectorIndex(database(), index.name);
  });

  if (engine === 'server')
    it('shows a concurrent build in progress as building and not yet valid (server)', async () => {
      // An open write on jobs makes CREATE INDEX CONCURRENTLY wait for it, so the build can be watched.
      let finishWrite!: () => void;
      const writeHeld = new Promise<void>((resolve) => (finishWrite = resolve));
      let writing!: () => void;
      const wrote = new Promise<void>((resolve) => (writing = resolve));
      const writer = database().bulkTransaction(async (tx) => {
        await tx.execute(sql`update jobs set title = title where id = (select min(id) from jobs)`);
        writing();
        await writeHeld;
      });
      await wrote;
      const build = createVectorIndex(database(), { type: 'hnsw', m: 8, efConstruction: 32, metric: 'l2' });
      let status = await vectorIndexStatus(database());
      for (let i = 0; i < 100 && !status.building.some((b) => b.phase.startsWith('waiting for')); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = await vectorIndexStatus(database());
      }
      // Read once more while the build is held: the first sighting may have raced its catalog commit.
      status = await vectorIndexStatus(database());
      finishWrite();
      await writer;
      expect(status.building).toEqual([
        expect.objectContaining({
          command: 'CREATE INDEX CONCURRENTLY',
          index: 'jobs_embedding_hnsw_l2',
          phase: expect.stringMatching(/^waiting for/),
        }),
      ]);
      expect(status.indexes.find((i) => i.name === 'jobs_embedding_hnsw_l2')).toMatchObject({ valid: false });
      expect((await build).name).toBe('jobs_embedding_hnsw_l2');
      expect((await vectorIndexStatus(database())).indexes).toEqual([expect.objectContaining({ name: 'jobs_embedding_hnsw_l2', valid: true })]);
      await dropVectorIndex(database(), 'jobs_embedding_hnsw_l2');
    });

  it('applySearchSettings sets ef_search and probes for the transaction only; sessions start at the default ef_search', async () => {
    const { db } = database();
    const inside = await db.transaction(async (tx) => {
      await applySearchSettings(tx, { efSearch: 123, probes: 7 });
      const [ef] = await queryRows<Record<string, string>>(tx, sql`show hnsw.ef_search`);
      const [probes] = await queryRows<Record<string, string>>(tx, sql`show ivfflat.probes`);
      return [Object.values(ef!)[0], Object.values(probes!)[0]];
    });
    expect(inside).toEqual(['123', '7']);
    const [after] = await queryRows<Record<string, string>>(db, sql`show hnsw.ef_search`);
    expect(Object.values(after!)[0]).toBe(String(DEFAULT_EF_SEARCH));
    await expect(applySearchSettings(db, { efSearch: 0 })).rejects.toThrow(/efSearch: must be a whole number from 1 to 1000 \(got 0\)/);
    await expect(applySearchSettings(db, { probes: 1001 })).rejects.toThrow(/probes: must be/);
  });
});
