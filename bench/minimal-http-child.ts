/**
 * The floor for the API in the concurrency measurement: a minimal HTTP server (node:http and a
 * node-postgres pool, no framework, no validation library, no ORM) answering the same request
 * as `GET /api/search?q=...&mode=vector&k=10` with the same work: embed `q` with the same
 * embedder, run the same top-k statement (the materialized nearest CTE joined to the hit
 * fields, at ef_search 100 set once per connection) and reply with the hits as JSON.
 * Prints one JSON line: { url } when listening, { error } when it cannot start.
 *
 *   node --import tsx bench/minimal-http-child.ts DATABASE_URL
 */
import http from 'node:http';
import pg from 'pg';
import { DEFAULT_EF_SEARCH } from '../src/core/defaults.ts';
import { createEmbedder } from '../src/embed/index.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: minimal-http-child.ts DATABASE_URL');

/** What vectorSearch runs for an unfiltered top-k, written out by hand. */
const TOP_K = `with nearest as materialized (
    select jobs.id, jobs.embedding <=> $1::vector as distance
    from jobs where jobs.embedding is not null
    order by distance limit $2
  )
  select jobs.id, jobs.title as "title", jobs.city as "city", jobs.region as "region", jobs.country as "country",
         jobs.remote_mode as "remoteMode", jobs.salary_currency as "salaryCurrency",
         jobs.salary_annual_min as "salaryAnnualMin", jobs.salary_annual_max as "salaryAnnualMax",
         jobs.posted_at::text as "postedAt", companies.name as "company", nearest.distance
  from nearest join jobs on jobs.id = nearest.id left join companies on companies.id = jobs.company_id
  order by nearest.distance, jobs.id`;

try {
  // Jobsight's default ef_search for every connection, sent at connection start as Jobsight does.
  const pool = new pg.Pool({ connectionString: url, max: 20, options: `-c hnsw.ef_search=${DEFAULT_EF_SEARCH}` });
  const embedder = createEmbedder({ provider: 'semantic' });
  const server = http.createServer((req, res) => {
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const q = params.get('q') ?? '';
    const k = Number(params.get('k') ?? 10);
    void (async () => {
      try {
        const [vector] = await embedder.embed([q]);
        const { rows } = await pool.query(TOP_K, [`[${Array.from(vector!).join(',')}]`, k]);
        const hits = rows.map((r) => ({
          ...r,
          salaryAnnualMin: r.salaryAnnualMin === null ? null : Number(r.salaryAnnualMin),
          salaryAnnualMax: r.salaryAnnualMax === null ? null : Number(r.salaryAnnualMax),
        }));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ mode: 'vector', hits }));
      } catch (e) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (e as Error).message }));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
  process.on('SIGTERM', () => {
    server.close();
    void pool.end().finally(() => process.exit(0));
  });
} catch (e) {
  process.stdout.write(`${JSON.stringify({ error: (e as Error).message })}\n`);
  process.exit(0);
}
