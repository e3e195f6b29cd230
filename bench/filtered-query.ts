/**
 * Measurement 3, filtered top-10 at about 10 % and 1 % selectivity, with the HNSW index in
 * place: recall and latency with and without pgvector's iterative scans
 * (hnsw.iterative_scan = relaxed_order). Without them an HNSW scan yields ef_search candidates
 * and the filter then drops most of them, so a selective filter returns fewer than 10 rows.
 * The filters are picked from the data: the country, skill, city, remote mode or employment type
 * whose share of postings is nearest each target. The `hnsw` and `hnsw+iterative` modes run at
 * DEFAULT_EF_SEARCH, so they differ only in the iterative scan (with the scan limits and the
 * fetch of 10 × k that a filtered iterative search takes from the filter's estimated share);
 * `jobsight` is vectorSearch with its defaults (iterative, ef_search from the filter's estimated
 * share too, search/filter-share.ts).
 * The modes run interleaved query by query, and recall is tie-aware (lib/recall.ts).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../src/db/database.ts';
import type { Embedder } from '../src/embed/embedder.ts';
import { filterConditions, parseFilters, type SearchFiltersInput } from '../src/search/filters.ts';
import type pg from 'pg';
import { DEFAULT_EF_SEARCH } from '../src/core/defaults.ts';
import { estimatedFilterShare, filteredEfSearch } from '../src/search/filter-share.ts';
import { explainVectorSearch, vectorSearch } from '../src/search/vector.ts';
import { progress } from './lib/log.ts';
import { meanRecallWithTies } from './lib/recall.ts';
import type { LatencySummary } from './lib/stats.ts';
import { interleavedPasses } from './lib/timing.ts';
import type { BenchQuery } from './queries.ts';

const K = 10;

export interface FilteredRow {
  targetShare: number;
  filter: string;
  share: number;
  /** `jobsight`: vectorSearch's defaults (iterative, ef_search from the filter's estimated share). */
  mode: 'exact' | 'hnsw' | 'hnsw+iterative' | 'jobsight';
  /** ef_search of the HNSW modes (null for exact). */
  efSearch: number | null;
  /** What PostgreSQL ran: 'index' (HNSW) or 'exact' (the planner preferred scanning the filtered rows). */
  plan: string;
  latency: LatencySummary;
  recall: number;
  /** Mean rows returned (fewer than 10 means the filter starved the scan). */
  meanRows: number;
}

interface Candidate {
  label: string;
  filters: SearchFiltersInput;
  rows: number;
}

async function candidates(database: Database): Promise<Candidate[]> {
  const grouped = (column: string) =>
    queryRows<{ value: string; n: number }>(
      database.db,
      sql.raw(`select ${column} as value, count(*)::int as n from jobs where ${column} is not null group by 1`),
    );
  const out: Candidate[] = [];
  for (const r of await grouped('country'))
    if (/^[A-Z]{2}$/.test(r.value)) out.push({ label: `country = ${r.value}`, filters: { country: [r.value] }, rows: r.n });
  for (const r of await grouped('remote_mode'))
    out.push({ label: `remote mode = ${r.value}`, filters: { remoteMode: [r.value as never] }, rows: r.n });
  for (const r of await grouped('employment_type'))
    out.push({ label: `employment type = ${r.value}`, filters: { employmentType: [r.value as never] }, rows: r.n });
  for (const r of await grouped('city')) if (r.n >= 20) out.push({ label: `city = ${r.value}`, filters: { city: r.value }, rows: r.n });
  const skills = await queryRows<{ value: string; n: number }>(
    database.db,
    sql`select skills.name as value, count(*)::int as n from job_skills join skills on skills.id = job_skills.skill_id group by 1`,
  );
  for (const r of skills) out.push({ label: `skill = ${r.value}`, filters: { skillsAny: [r.value] }, rows: r.n });
  return out;
}

/** The candidate whose share is nearest `target` on a log scale. */
function nearest(all: readonly Candidate[], total: number, target: number): Candidate | undefined {
  const distance = (c: Candidate) => Math.abs(Math.log(c.rows / total / target));
  return [...all].sort((a, b) => distance(a) - distance(b) || a.label.localeCompare(b.label))[0];
}

export async function measureFilteredQuery(options: {
  label: string;
  database: Database;
  bare: pg.Client;
  embedder: Embedder;
  queries: BenchQuery[];
  passes: number;
}): Promise<FilteredRow[]> {
  const { label, database, bare, embedder, queries, passes } = options;
  const [{ n: total } = { n: 0 }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from jobs`);
  const all = await candidates(database);
  const vectors = queries.map((q) => q.vector);
  const out: FilteredRow[] = [];
  for (const target of [0.1, 0.01]) {
    const pick = nearest(all, total, target);
    if (!pick) continue;
    const share = pick.rows / total;
    progress(`${label}: filtered top-10, ${pick.label} (${(share * 100).toFixed(1)} % of rows)`);
    const condition = filterConditions(parseFilters(pick.filters));
    const jobsight = (iterative: boolean) => async (q: BenchQuery) =>
      (await vectorSearch(database.db, embedder, q.text, { k: K, filters: pick.filters, iterative, efSearch: DEFAULT_EF_SEARCH })).map((h) => h.id);
    const run = await interleavedPasses(queries, passes, {
      // The truth: an exact scan with the same filter (index scans off, so HNSW cannot serve it).
      exact: (q: BenchQuery) =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`set local enable_indexscan = off`);
          const rows = await queryRows<{ id: number }>(
            tx,
            sql`select jobs.id from jobs where jobs.embedding is not null and ${condition}
                order by jobs.embedding <=> ${q.vector}::vector limit ${K}`,
          );
          return rows.map((r) => Number(r.id));
        }),
      hnsw: jobsight(false),
      iterative: jobsight(true),
      auto: async (q: BenchQuery) => (await vectorSearch(database.db, embedder, q.text, { k: K, filters: pick.filters })).map((h) => h.id),
    });
    const autoEf = filteredEfSearch(K, await estimatedFilterShare(database.db, parseFilters(pick.filters)));
    const truth = run.exact.results;
    const planOf = async (iterative: boolean, efSearch: number | undefined = DEFAULT_EF_SEARCH) =>
      (await explainVectorSearch(database.db, embedder, queries[0]!.text, { k: K, filters: pick.filters, iterative, efSearch })).kind;
    const row = async (mode: FilteredRow['mode'], r: { latency: LatencySummary; results: number[][] }, plan: string): Promise<FilteredRow> => ({
      targetShare: target,
      filter: pick.label,
      share,
      mode,
      efSearch: mode === 'exact' ? null : mode === 'jobsight' ? autoEf : DEFAULT_EF_SEARCH,
      plan,
      latency: r.latency,
      recall: await meanRecallWithTies(bare, vectors, truth, r.results, K),
      meanRows: r.results.reduce((a, ids) => a + ids.length, 0) / r.results.length,
    });
    out.push(await row('exact', run.exact, 'exact'));
    out.push(await row('hnsw', run.hnsw, await planOf(false)));
    out.push(await row('hnsw+iterative', run.iterative, await planOf(true)));
    out.push(await row('jobsight', run.auto, await planOf(true, undefined)));
  }
  return out;
}
