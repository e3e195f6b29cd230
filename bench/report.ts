/** The results as one JSON document and as Markdown tables (bench/results/latest.md). */
import type { ConcurrencyResult } from './concurrency.ts';
import type { EmbeddedResult } from './embedded.ts';
import type { FilteredRow } from './filtered-query.ts';
import type { HybridResult } from './hybrid-query.ts';
import type { MachineInfo } from './lib/machine.ts';
import { ratio } from './lib/stats.ts';
import type { LoadRateResult } from './load-rate.ts';
import { CHROMA_HNSW } from './lib/chroma.ts';
import { DEFAULT_EF_SEARCH } from '../src/core/defaults.ts';
import type { ScaleSetLoad } from './datasets.ts';
import { fastestAtRecall, type VectorQueryResult } from './vector-query.ts';
import type { QuantisedIndexResult } from './quantised-index.ts';

export interface DatasetResult {
  name: string;
  vector: VectorQueryResult;
  filtered: FilteredRow[];
  hybrid: HybridResult;
  chromaLoaded: boolean;
  scaleSetBuildSeconds?: number;
  /** How a scale set got into the database in this run (cache restore by COPY, or ingest). */
  scaleSetLoad?: ScaleSetLoad;
  /** Full-precision vs halfvec vs bit HNSW (scale sets, unless --no-quantised). */
  quantised?: QuantisedIndexResult;
}

export interface BenchResults {
  startedAt: string;
  mode: 'quick' | 'full';
  seconds: number;
  /** Seconds per part of the run (where the time went). */
  phases?: Record<string, number>;
  machine: MachineInfo & { chromaServer: string };
  settings: { nhsRows: string; scales: string[]; loadRuns: number; queryPasses: number; queries: number };
  load: (Omit<LoadRateResult, 'plain'> & { file: string }) | null;
  datasets: DatasetResult[];
  embedded: EmbeddedResult | null;
  concurrency: ConcurrencyResult | null;
}

const n0 = (v: number | null | undefined) => (v === null || v === undefined ? '–' : Math.round(v).toLocaleString('en-US'));
const ms = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const x = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v.toFixed(2)}×`);
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const megabytes = (bytes: number) => `${n0(bytes / 1e6)} MB`;
/** Where the report states Jobsight's overhead over the bare SQL (null: the exact scan). */
const EF_OVERHEAD = [null, 40, 100] as const;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Section 2b: the three HNSW storages side by side. */
function quantisedTable(name: string, q: QuantisedIndexResult): string[] {
  const full = q.results.find((r) => r.storage === 'vector');
  const out = [
    `### 2b. Quantised HNSW indexes, ${name}`,
    '',
    'Each HNSW index (m 16, ef_construction 64, cosine) alone on the table, through `vectorSearch`: `vector` is full precision (the index of section 2), ' +
      '`halfvec` an index on `embedding::halfvec(D)` (the search orders by the same expression; distances returned at full precision), ' +
      `\`bit\` an index on \`binary_quantize(embedding)::bit(D)\`: the ef_search nearest (at least k × ${q.bitRerankFactor}) by Hamming distance re-ranked at full precision. ` +
      'Recall@10 tie-aware against the exact scan of section 2. The ef_search values of one index ran interleaved; ' +
      'the indexes one after another.',
    '',
    '| index | build s | size | size vs vector | ef_search | plan | p50 | p95 | recall@10 |',
    '|---|---:|---:|---:|---:|---|---:|---:|---:|',
  ];
  for (const r of q.results) {
    out.push(
      `| ${r.storage} | ${r.buildSeconds.toFixed(1)} | ${mb(r.sizeBytes)} | ${x(ratio(full?.sizeBytes, r.sizeBytes))} | ${r.efSearch} | ${r.plan} | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${r.recall.toFixed(3)} |`,
    );
  }
  out.push('');
  return out;
}

export function markdown(r: BenchResults): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`# Jobsight benchmark (${r.mode}), ${r.startedAt}`, '');
  out.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}; Node ${m.node}; PostgreSQL ${m.postgres} with pgvector ${m.pgvector}; ` +
      `PGlite ${m.pglite} (pglite-pgvector ${m.pglitePgvector}); ChromaDB server ${m.chromaServer} (client ${m.chromadbClient}). ` +
      `Run took ${(r.seconds / 60).toFixed(1)} min. Every figure is the median of ${r.settings.loadRuns} load runs or ${r.settings.queryPasses} query passes ` +
      `over ${r.settings.queries} queries, after a warm-up; latencies in ms, one client unless stated. Systems compared in one ` +
      'table ran interleaved query by query (each query on every system in turn), so load from other processes falls on all alike.',
    '',
    'Recall@10 is against the exact scan and tie-aware: a returned row counts as found when its distance is at most the exact ' +
      "10th distance + 1e-9 (generated postings are templated, so many rows tie). Every system's hits get their distance from " +
      'the same SQL expression (`embedding <=> query`) on the same stored vectors.',
    '',
  );
  if (r.load) {
    const l = r.load;
    const copy = l.rowsPerSecond.copy;
    out.push(`## 1. Load rate, ${n0(l.rows)} NHS postings (server)`, '', '| method | rows/s | vs raw COPY |', '|---|---:|---:|');
    const label: Record<string, string> = {
      ingest: 'Jobsight ingest, end to end (parse, normalise, skills, embed, load)',
      copy: 'raw binary COPY of the same rows into jobs (the limit)',
      copyNoTextIndex: 'raw binary COPY into jobs without the full-text column and indexes',
      langchain: 'LangChain-style: 500-row INSERTs, vectors as text (pgvector toSql)',
      chroma: 'ChromaDB add, batches of 1,000, documents + same embeddings',
    };
    for (const [k, v] of Object.entries(l.rowsPerSecond)) out.push(`| ${label[k]} | ${n0(v)} | ${x(ratio(copy, v))} |`);
    out.push('');
  }
  for (const d of r.datasets) {
    const v = d.vector;
    const size = v.hnswIndexBytes ? `, index ${megabytes(v.hnswIndexBytes)}` : '';
    out.push(`## 2. Top-10 vector query, ${d.name} (${n0(v.rows)} rows; HNSW build ${v.hnswBuildSeconds.toFixed(1)} s${size})`, '');
    const load = d.scaleSetLoad;
    if (load) {
      const how =
        load.how === 'copy'
          ? 'restored from bench/.cache by binary COPY (full-text column and GIN index included)'
          : 'generated and ingested end to end';
      out.push(`Loaded: ${n0(load.rows)} rows ${how} in ${load.seconds.toFixed(0)} s, ${n0(load.rowsPerSecond)} rows/s.`, '');
    }
    out.push(
      `HNSW built alike: pgvector m 16, ef_construction 64, cosine; Chroma max_neighbors ${CHROMA_HNSW.max_neighbors}, ef_construction ${CHROMA_HNSW.ef_construction}, ` +
        `space ${CHROMA_HNSW.space}${d.chromaLoaded ? ' (ef_search set by modify and a server restart: Chroma 1.0 applies it only when it loads an index)' : ' (Chroma not loaded for this set)'}. ` +
        'bare-pg is the inner SQL through node-postgres with the vector precomputed and ef_search set once for the session (one round trip a query: the floor); ' +
        'jobsight is `vectorSearch` (embeds the query text, joins the hit fields; one round trip at its default ef_search; at another, a transaction with the setting first, since the planner reads it, sent as one round trip). Plan: what PostgreSQL ran (`exact` = the planner chose a full scan over the index).',
      '',
    );
    out.push('| system | method | ef_search | plan | p50 | p95 | QPS | recall@10 |', '|---|---|---:|---|---:|---:|---:|---:|');
    for (const q of v.results) {
      out.push(
        `| ${q.system} | ${q.method} | ${q.efSearch ?? '–'} | ${q.plan ?? '–'} | ${ms(q.latency.p50)} | ${ms(q.latency.p95)} | ${n0(q.latency.qps)} | ${q.recall.toFixed(3)} |`,
      );
    }
    const overhead = EF_OVERHEAD.map((ef) => {
      const bare = v.results.find((q) => q.system === 'bare-pg' && q.efSearch === ef);
      const js = v.results.find((q) => q.system === 'jobsight' && q.efSearch === ef);
      return `${x(ratio(bare?.latency.p50, js?.latency.p50))} at ef_search ${ef ?? '– (exact)'}`;
    });
    out.push('', `Jobsight/bare SQL p50: ${overhead.join(', ')} (the difference: embedding the query text, Drizzle, the join for the hit fields).`);
    if (d.chromaLoaded) {
      for (const target of [0.9, 0.95]) {
        const p = fastestAtRecall(v.results, 'bare-pg', target);
        const j = fastestAtRecall(v.results, 'jobsight', target);
        const c = fastestAtRecall(v.results, 'chroma', target);
        out.push(
          `At recall ≥ ${target}: bare pgvector p50 ${ms(p?.latency.p50)} ms (ef ${p?.efSearch ?? '–'}, ${p?.plan ?? '–'}), Jobsight ${ms(j?.latency.p50)} ms (ef ${j?.efSearch ?? '–'}), ` +
            `Chroma ${ms(c?.latency.p50)} ms (ef ${c?.efSearch ?? '–'}); Chroma/bare pgvector p50 = ${x(ratio(p?.latency.p50, c?.latency.p50))}.`,
        );
      }
    }
    out.push('');
    if (d.quantised) out.push(...quantisedTable(d.name, d.quantised));
    if (d.filtered.length) {
      out.push(
        `### 3. Filtered top-10, ${d.name}`,
        '',
        `Through \`vectorSearch\` with the filter: \`hnsw\` and \`hnsw+iterative\` at ef_search ${DEFAULT_EF_SEARCH}, without and with \`hnsw.iterative_scan = relaxed_order\`; ` +
          "`jobsight` as a search runs by default: iterative, ef_search from the filter's estimated share (src/search/filter-share.ts).",
        '',
        '| filter | share | mode | ef_search | plan | p50 | p95 | recall@10 | rows returned |',
        '|---|---:|---|---:|---|---:|---:|---:|---:|',
      );
      for (const f of d.filtered) {
        out.push(
          `| ${f.filter} | ${pct(f.share)} | ${f.mode} | ${f.efSearch ?? '–'} | ${f.plan ?? '–'} | ${ms(f.latency.p50)} | ${ms(f.latency.p95)} | ${f.recall.toFixed(3)} | ${f.meanRows.toFixed(1)} |`,
        );
      }
      out.push('');
    }
    const h = d.hybrid;
    out.push(
      `### 4. Hybrid vs vector-only, ${d.name}`,
      '',
      '| search | p50 | p95 | QPS |',
      '|---|---:|---:|---:|',
      `| vector (HNSW, ef_search ${DEFAULT_EF_SEARCH}) | ${ms(h.vector.p50)} | ${ms(h.vector.p95)} | ${n0(h.vector.qps)} |`,
      `| hybrid (vector + full text, RRF) | ${ms(h.hybrid.p50)} | ${ms(h.hybrid.p95)} | ${n0(h.hybrid.qps)} |`,
      `| hybrid with snippets (as search in the CLI, API and web) | ${ms(h.hybridSnippets.p50)} | ${ms(h.hybridSnippets.p95)} | ${n0(h.hybridSnippets.qps)} |`,
      '',
      `Hybrid/vector p50 = ${x(ratio(h.vector.p50, h.hybrid.p50))}; with snippets ${x(ratio(h.vector.p50, h.hybridSnippets.p50))}.`,
      '',
    );
  }
  if (r.concurrency) {
    const c = r.concurrency;
    out.push(
      `## 5. Concurrency, NHS set, ${c.durationSeconds} s per level, median of ${c.repeats}`,
      '',
      'API: `GET /api/search?mode=vector&k=10` (Jobsight in its own process) under autocannon; minimal HTTP: the same request served by a node:http + pg ' +
        'server without a framework (bench/minimal-http-child.ts: embeds the text, runs the same statement, replies the hits), under the same load; raw pg: the bare top-10 statement on a ' +
        `node-postgres pool of as many connections as clients, vector precomputed, ef_search set once per connection. All at Jobsight's default ef_search ${DEFAULT_EF_SEARCH} with the HNSW index in place, so the plan is ` +
        `section 2's at ef_search ${DEFAULT_EF_SEARCH} for the NHS set (on a small subset the planner scans exactly).`,
      '',
    );
    if (c.apiSkipped) out.push(`API not measured: ${c.apiSkipped}.`, '');
    out.push(
      '| clients | API req/s | API p50 ms | API p97.5 ms | API errors | minimal HTTP req/s | minimal HTTP p50 ms | raw pg q/s | API/minimal HTTP | API/raw pg |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const row of c.rows) {
      out.push(
        `| ${row.clients} | ${n0(row.apiQps)} | ${ms(row.apiP50)} | ${ms(row.apiP97_5)} | ${row.apiErrors ?? '–'} | ${n0(row.minimalHttpQps ?? null)} | ${ms(row.minimalHttpP50 ?? null)} | ${n0(row.rawPgQps)} | ${x(ratio(row.minimalHttpQps ?? null, row.apiQps))} | ${x(ratio(row.rawPgQps, row.apiQps))} |`,
      );
    }
    out.push('');
  }
  if (r.embedded) {
    const e = r.embedded;
    out.push(
      `## 6. Embedded (PGlite, in memory) vs server, ${n0(e.rows)} NHS postings`,
      '',
      '| figure | PGlite | server | PGlite/server |',
      '|---|---:|---:|---:|',
    );
    const row = (name: string, a: number, b: number, fmt: (v: number) => string) =>
      out.push(`| ${name} | ${fmt(a)} | ${fmt(b)} | ${x(ratio(b, a))} |`);
    row('ingest rows/s', e.pglite.ingestRowsPerSecond, e.server.ingestRowsPerSecond, n0);
    row('raw binary COPY rows/s', e.pglite.copyRowsPerSecond, e.server.copyRowsPerSecond, n0);
    row('exact top-10 p50 ms', e.pglite.exact.p50, e.server.exact.p50, ms);
    row(
      `top-10 p50 ms with the HNSW index, ef_search 40 (plan: PGlite ${e.pglite.hnswPlan ?? '–'}, server ${e.server.hnswPlan ?? '–'})`,
      e.pglite.hnsw.p50,
      e.server.hnsw.p50,
      ms,
    );
    row('HNSW build s (once)', e.pglite.hnswBuildSeconds, e.server.hnswBuildSeconds, (v) => v.toFixed(1));
    out.push(
      '',
      `PGlite: ${e.runs} load runs after a warm-up ingest of 200 rows; its query figures are through \`vectorSearch\`, the server's come from sections 1 and 2 of this run.`,
      '',
    );
  }
  if (r.phases && Object.keys(r.phases).length) {
    out.push(
      `Where the ${(r.seconds / 60).toFixed(1)} minutes went: ${Object.entries(r.phases)
        .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
        .join(', ')}.`,
      '',
    );
  }
  return out.join('\n');
}
