/**
 * Embedding-queue throughput against a slow provider: the Glassdoor postings loaded with
 * `ingest --embed later`, then embedded by 1, 2 and 4 workers through a local OpenAI-compatible
 * server that takes `--delay-ms` (200) per request, like a hosted model under load.
 *
 *   npx tsx bench/embed-queue.ts                 # embedded PGlite in memory
 *   DATABASE_URL=postgres://... npx tsx bench/embed-queue.ts   # a throwaway database on that server
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Database } from '../src/db/database.ts';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { initDatabase } from '../src/db/setup.ts';
import { createEmbedder } from '../src/embed/index.ts';
import { OpenAICompatibleEmbedder } from '../src/embed/openai-compatible.ts';
import { runEmbedWorkers } from '../src/embed-queue/index.ts';
import { ingestFiles } from '../src/ingest/pipeline.ts';
import { createRejectWriter } from '../src/ingest/rejects.ts';
import { sql } from 'drizzle-orm';
import { startFakeProvider } from '../test/helpers/fake-embedding-server.ts';

const { values: args } = parseArgs({
  options: {
    'delay-ms': { type: 'string', default: '200' },
    'batch-size': { type: 'string', default: '64' },
    workers: { type: 'string', default: '1,2,4' },
    file: { type: 'string', default: path.resolve(import.meta.dirname, '../../shared/data/glassdoor-ds-2020/glassdoor_jobs.csv') },
  },
});

const hash = createEmbedder({ provider: 'hash', dimensions: 384 });

async function open(): Promise<Database> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const database = await openPglite({ kind: 'embedded', dataDir: 'memory://' });
    await initDatabase(database.db, hash);
    return database;
  }
  const name = `jobsight_bench_queue_${process.pid}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await admin(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const database = await openPostgres({
    kind: 'server',
    url: url.toString(),
    pool: { max: 10, idleTimeoutMillis: 1000, connectionTimeoutMillis: 5000 },
  });
  await initDatabase(database.db, hash);
  return {
    ...database,
    async close() {
      await database.close();
      await admin(`drop database ${name} with (force)`);
    },
  };
}

const database = await open();
const provider = await startFakeProvider({ delayMs: Number(args['delay-ms']), cheapVectors: true });
try {
  const rejects = createRejectWriter(path.join(await mkdtemp(path.join(tmpdir(), 'jobsight-bench-')), 'rejects.jsonl'));
  const loaded = await ingestFiles({ database, embedder: hash, rejects }, [args.file], {
    embed: 'later',
    threads: 0,
    referenceDate: new Date('2020-06-01'),
  });
  console.log(
    `${database.engine}: ${loaded.inserted} postings loaded with --embed later in ${loaded.seconds.toFixed(1)} s; provider ${args['delay-ms']} ms per request, batches of ${args['batch-size']}`,
  );
  const embedder = new OpenAICompatibleEmbedder({ baseUrl: provider.baseUrl, model: 'slow-fake', dimensions: 384 });
  for (const workers of args.workers.split(',').map(Number)) {
    await database.db.execute(sql`update jobs set embedding = null`); // every posting back in the queue
    const requestsBefore = provider.statuses.length;
    const run = await runEmbedWorkers(database, embedder, { workers, batchSize: Number(args['batch-size']) });
    console.log(
      `${workers} worker(s): ${run.embedded} embedded in ${run.seconds.toFixed(2)} s = ${Math.round(run.embedded / run.seconds)} postings/s ` +
        `(${provider.statuses.length - requestsBefore} requests)`,
    );
  }
} finally {
  await provider.close();
  await database.close();
}
