/**
 * Query p50 on Citus (a coordinator and 2 workers, scripts/citus-cluster.sh on loopback) against
 * one node (a plain database on the coordinator's own server), both holding the NHS postings with
 * the default embedder and an HNSW index: vector, text and hybrid top 10, the same query texts,
 * interleaved query by query. Every node shares this machine's cores, so this measures what the
 * distribution costs (fan-out, merge), not what more machines would gain.
 *
 *   npx tsx bench/citus.ts [--shards 4] [--queries 40] [--passes 3]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { distributeTables } from '../src/db/citus.ts';
import { type Database, queryRows } from '../src/db/database.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { initDatabase } from '../src/db/setup.ts';
import { createEmbedder } from '../src/embed/index.ts';
import { createVectorIndex } from '../src/indexes/index.ts';
import { ingestFiles } from '../src/ingest/pipeline.ts';
import { createRejectWriter } from '../src/ingest/rejects.ts';
import { hybridSearch } from '../src/search/hybrid.ts';
import { textSearch } from '../src/search/text.ts';
import { vectorSearch } from '../src/search/vector.ts';
import { NHS_FILE, NHS_REFERENCE_DATE } from './datasets.ts';
import { median } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    shards: { type: 'string', default: '4' },
    queries: { type: 'string', default: '40' },
    passes: { type: 'string', default: '3' },
  },
});

const SCRIPT = path.resolve(import.meta.dirname, '../scripts/citus-cluster.sh');
const embedder = createEmbedder({ provider: 'semantic', dimensions: 384 });

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freeBasePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    if ((await portIsFree(base)) && (await portIsFree(base + 1)) && (await portIsFree(base + 2))) return base;
  }
  throw new Error('no three consecutive free loopback ports found');
}

async function load(database: Database): Promise<void> {
  await initDatabase(database.db, embedder);
  const rejects = createRejectWriter(path.join(tmpdir(), `jobsight-bench-citus-rejects-${process.pid}.jsonl`));
  const summary = await ingestFiles({ database, embedder, rejects }, [NHS_FILE], { referenceDate: NHS_REFERENCE_DATE });
  console.log(`  ${database.location}: ${summary.inserted} postings`);
}

const dir = mkdtempSync(path.join(tmpdir(), 'jobsight-bench-citus-'));
const port = await freeBasePort();
const cluster = (command: string) => execFileSync('bash', [SCRIPT, command, '--port', String(port), '--dir', dir], { stdio: 'ignore' });
const url = (name: string) => `postgres://jobsight@127.0.0.1:${port}/${name}`;
const pool = { max: 4, idleTimeoutMillis: 1000, connectionTimeoutMillis: 10_000 };
try {
  console.log(`starting a coordinator and 2 workers on 127.0.0.1:${port}-${port + 2}`);
  cluster('start');
  execFileSync('psql', ['-X', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'jobsight', '-d', 'postgres', '-c', 'create database single']);
  const citus = await openPostgres({ kind: 'server', url: url('jobsight'), pool });
  const single = await openPostgres({ kind: 'server', url: url('single'), pool });
  try {
    console.log('loading the NHS postings into both');
    await load(single);
    await load(citus);
    await createVectorIndex(single, { type: 'hnsw' });
    const distributedAt = performance.now();
    await distributeTables(citus, { shardCount: Number(args.shards) });
    console.log(
      `  distributed into ${args.shards} shards (with the HNSW index on each) in ${((performance.now() - distributedAt) / 1000).toFixed(1)} s`,
    );

    const titles = (await queryRows<{ title: string }>(single.db, sql`select title from jobs order by id`)).map((r) => r.title);
    const step = Math.floor(titles.length / Number(args.queries));
    const queries = titles.filter((_, i) => i % step === 0).slice(0, Number(args.queries));
    const modes = {
      vector: (db: Database, q: string) => vectorSearch(db.db, embedder, q, { k: 10 }),
      text: (db: Database, q: string) => textSearch(db.db, q, { k: 10 }),
      hybrid: (db: Database, q: string) => hybridSearch(db.db, embedder, q, { k: 10 }),
    };
    const rows: string[] = [];
    for (const [mode, search] of Object.entries(modes)) {
      const times: Record<'single' | 'citus', number[]> = { single: [], citus: [] };
      for (const q of queries) await Promise.all([search(single, q), search(citus, q)]); // warm-up
      for (let pass = 0; pass < Number(args.passes); pass++) {
        for (const q of queries) {
          for (const [name, database] of [
            ['single', single],
            ['citus', citus],
          ] as const) {
            const start = performance.now();
            await search(database, q);
            times[name].push(performance.now() - start);
          }
        }
      }
      const [a, b] = [median(times.single), median(times.citus)];
      rows.push(`| ${mode} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / a).toFixed(2)}× |`);
    }
    console.log(`\nNHS postings, top 10, p50 ms over ${queries.length} queries × ${args.passes} passes (interleaved)`);
    console.log(`| mode | one node | Citus (${args.shards} shards, 2 workers) | ratio |\n|---|---:|---:|---:|\n${rows.join('\n')}`);
  } finally {
    await citus.close();
    await single.close();
  }
} finally {
  try {
    cluster('remove');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
