/**
 * Measurement 5, concurrency: Jobsight's HTTP API (GET /api/search?mode=vector&k=10, run in a
 * child process) under 1, 4 and 16 concurrent clients with autocannon, against
 * - the floor for an HTTP API: a minimal node:http + pg server in its own process doing the same
 *   work (embed the text, the same top-k statement with the hit fields; minimal-http-child.ts),
 *   under the same autocannon load,
 * - raw node-postgres QPS for the top-10 query (bare inner SQL, vector precomputed, a pool of as
 *   many connections as clients, ef_search set once per connection: one round trip a query).
 * The three run one after the other at each level, repeated. Queries rotate through the
 * benchmark's query set.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { progress } from './lib/log.ts';
import { median } from './lib/stats.ts';
import { DEFAULT_EF_SEARCH } from '../src/core/defaults.ts';
import { BARE_TOP_K } from './vector-query.ts';
import type { BenchQuery } from './queries.ts';

export const CLIENTS = [1, 4, 16] as const;

export interface ConcurrencyRow {
  clients: number;
  apiQps: number | null;
  apiP50: number | null;
  apiP97_5: number | null;
  apiErrors: number | null;
  /** The minimal node:http + pg server's requests/s (null when it could not start). */
  minimalHttpQps: number | null;
  minimalHttpP50: number | null;
  rawPgQps: number;
}

export interface ConcurrencyResult {
  /** Why the API side is missing, when it is. */
  apiSkipped: string | null;
  durationSeconds: number;
  repeats: number;
  rows: ConcurrencyRow[];
}

/** Starts `script` (api-child.ts or minimal-http-child.ts) in its own process; it prints { url } or { error }. */
async function startServerChild(script: string, databaseUrl: string): Promise<{ url?: string; error?: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(script, import.meta.url).pathname, databaseUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve) => {
    lines.once('line', resolve);
    child.once('exit', () => resolve(JSON.stringify({ error: 'the API process exited before listening' })));
  });
  return { ...(JSON.parse(first) as { url?: string; error?: string }), stop };
}

function runAutocannon(url: string, paths: string[], connections: number, duration: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration, requests: paths.map((path) => ({ method: 'GET', path })) });
}

async function rawPgQps(databaseUrl: string, queries: BenchQuery[], clients: number, duration: number): Promise<number> {
  // Jobsight's default ef_search for every connection, sent at connection start as Jobsight does.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients, options: `-c hnsw.ef_search=${DEFAULT_EF_SEARCH}` });
  try {
    await Promise.all(Array.from({ length: clients }, () => pool.query('select 1')));
    const end = performance.now() + duration * 1000;
    let done = 0;
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = c; performance.now() < end; i++) {
          await pool.query(BARE_TOP_K, [queries[i % queries.length]!.vector]);
          done++;
        }
      }),
    );
    return done / duration;
  } finally {
    await pool.end();
  }
}

export async function measureConcurrency(options: {
  databaseUrl: string;
  queries: BenchQuery[];
  durationSeconds: number;
  repeats: number;
}): Promise<ConcurrencyResult> {
  const { databaseUrl, queries, durationSeconds: duration, repeats } = options;
  const api = await startServerChild('./api-child.ts', databaseUrl);
  const minimal = await startServerChild('./minimal-http-child.ts', databaseUrl);
  const paths = queries.map((q) => `/api/search?q=${encodeURIComponent(q.text)}&mode=vector&k=10`);
  const rows: ConcurrencyRow[] = [];
  try {
    if (api.url) {
      progress(`concurrency: API at ${api.url}; warm-up`);
      await runAutocannon(api.url, paths, 4, 2);
    } else {
      progress(`concurrency: API not measured (${api.error})`);
    }
    if (minimal.url) await runAutocannon(minimal.url, paths, 4, 2);
    else progress(`concurrency: minimal HTTP server not measured (${minimal.error})`);
    await rawPgQps(databaseUrl, queries, 4, 1);
    for (const clients of CLIENTS) {
      const apiRuns: autocannon.Result[] = [];
      const minimalRuns: autocannon.Result[] = [];
      const pgRuns: number[] = [];
      for (let r = 0; r < repeats; r++) {
        if (api.url) apiRuns.push(await runAutocannon(api.url, paths, clients, duration));
        if (minimal.url) minimalRuns.push(await runAutocannon(minimal.url, paths, clients, duration));
        pgRuns.push(await rawPgQps(databaseUrl, queries, clients, duration));
      }
      const ok = apiRuns.length > 0;
      rows.push({
        clients,
        apiQps: ok ? median(apiRuns.map((a) => a.requests.average)) : null,
        apiP50: ok ? median(apiRuns.map((a) => a.latency.p50)) : null,
        apiP97_5: ok ? median(apiRuns.map((a) => a.latency.p97_5)) : null,
        apiErrors: ok ? apiRuns.reduce((n, a) => n + a.errors + a.non2xx, 0) : null,
        minimalHttpQps: minimalRuns.length ? median(minimalRuns.map((a) => a.requests.average)) : null,
        minimalHttpP50: minimalRuns.length ? median(minimalRuns.map((a) => a.latency.p50)) : null,
        rawPgQps: median(pgRuns),
      });
      const last = rows[rows.length - 1]!;
      progress(
        `concurrency ${clients}: API ${last.apiQps?.toFixed(0) ?? '-'} req/s, minimal HTTP ${last.minimalHttpQps?.toFixed(0) ?? '-'} req/s, raw pg ${last.rawPgQps.toFixed(0)} q/s`,
      );
    }
  } finally {
    api.stop();
    minimal.stop();
  }
  return { apiSkipped: api.url ? null : (api.error ?? 'unknown'), durationSeconds: duration, repeats, rows };
}
