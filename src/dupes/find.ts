/**
 * Finding and storing clusters of near-duplicate postings. A run examines the postings changed
 * since the last run (all of them with `rebuild`): their confirmed pairs (pairs.ts) and the
 * clusters those touch are chained into sets (union-find), and each set of two or more is stored
 * as one cluster with its canonical posting, in one transaction. Ingest runs it after a load, so
 * new postings join clusters as they arrive.
 *
 * A posting that changed is taken out of its cluster and judged again; the rest of that cluster
 * stays together (a cluster is never split by a member leaving: `rebuild` does that).
 */
import { sql } from 'drizzle-orm';
import { DUPES_BATCH } from '../core/defaults.ts';
import { parseInput } from '../core/validation.ts';
import { queryRows, type Database, type Db } from '../db/database.ts';
import { CLUSTER_DEFAULTS, type ClusterOptions, type FindDuplicatesInput, FindDuplicatesOptions } from './options.ts';
import { type ConfirmedPair, confirmedPairs, idArray } from './pairs.ts';
import { readClusterState, writeClusterState } from './state.ts';
import { UnionFind } from './union-find.ts';

export interface FindDuplicatesResult {
  options: ClusterOptions;
  /** True when every posting was examined (asked for, first run, or options changed). */
  rebuilt: boolean;
  /** Why a run that was not asked to rebuild did. */
  rebuiltBecause: string | null;
  /** Postings examined in this run. */
  examined: number;
  /** Pairs confirmed in this run. */
  pairs: number;
  /** Clusters stored now, all of them. */
  clusters: number;
  /** Postings in those clusters. */
  clustered: number;
  /** Postings that count once per cluster are fewer by this much. */
  duplicates: number;
  /** Clusters whose postings name more than one employer (or none). */
  crossEmployer: number;
  seconds: number;
}

export interface FindDuplicatesHooks {
  /** Postings examined so far of those to examine. */
  onProgress?: (done: number, total: number) => void;
}

const sameOptions = (a: ClusterOptions, b: ClusterOptions) =>
  a.similarity === b.similarity && a.maxDistance === b.maxDistance && a.neighbours === b.neighbours;

/**
 * Finds near-duplicate postings and stores them as clusters.
 *
 * @example const result = await findDuplicates(database, { rebuild: true, similarity: 0.8 });
 */
export async function findDuplicates(
  database: Database,
  input: FindDuplicatesInput = {},
  hooks: FindDuplicatesHooks = {},
): Promise<FindDuplicatesResult> {
  const started = performance.now();
  const given = parseInput(FindDuplicatesOptions, input, { what: 'dupes options' });
  const { db } = database;
  const state = await readClusterState(db);
  const options: ClusterOptions = {
    similarity: given.similarity ?? state?.options.similarity ?? CLUSTER_DEFAULTS.similarity,
    maxDistance: given.maxDistance ?? state?.options.maxDistance ?? CLUSTER_DEFAULTS.maxDistance,
    neighbours: given.neighbours ?? state?.options.neighbours ?? CLUSTER_DEFAULTS.neighbours,
  };
  let rebuiltBecause: string | null = null;
  if (!given.rebuild && !state) rebuiltBecause = 'postings were never clustered';
  else if (!given.rebuild && state && !sameOptions(state.options, options)) rebuiltBecause = 'the options differ from the last run';
  const rebuild = given.rebuild || rebuiltBecause !== null;

  // Read before examining: a posting changed meanwhile is examined again next time.
  const [mark] = await queryRows<{ at: string | null }>(db, sql`select max(updated_at)::text as at from jobs`);
  const since = rebuild ? null : (state?.checkedUpTo ?? null);
  const targets = (
    await queryRows<{ id: number | string }>(
      db,
      sql`select id from jobs where embedding is not null and (${since}::timestamptz is null or updated_at > ${since}::timestamptz) order by id`,
    )
  ).map((r) => Number(r.id));

  const pairs: ConfirmedPair[] = [];
  for (let i = 0; i < targets.length; i += DUPES_BATCH) {
    pairs.push(...(await confirmedPairs(db, targets.slice(i, i + DUPES_BATCH), options)));
    hooks.onProgress?.(Math.min(i + DUPES_BATCH, targets.length), targets.length);
  }

  await db.transaction(async (tx) => {
    if (rebuild) await tx.execute(sql`delete from job_clusters`);
    await storeClusters(tx as unknown as Db, targets, pairs);
    await writeClusterState(tx as unknown as Db, { options, checkedUpTo: mark?.at ?? null });
  });

  const [totals] = await queryRows<{ clusters: number; clustered: number; cross: number }>(
    db,
    sql`select count(*)::int as clusters, coalesce(sum(size), 0)::int as clustered,
               (count(*) filter (where not same_employer))::int as cross from job_clusters`,
  );
  return {
    options,
    rebuilt: rebuild,
    rebuiltBecause: given.rebuild ? null : rebuiltBecause,
    examined: targets.length,
    pairs: pairs.length,
    clusters: totals!.clusters,
    clustered: totals!.clustered,
    duplicates: totals!.clustered - totals!.clusters,
    crossEmployer: totals!.cross,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Chains the examined postings' pairs with the clusters they touch and stores each set of two
 * or more as a cluster (replacing the clusters it absorbed).
 */
async function storeClusters(db: Db, targets: readonly number[], pairs: readonly ConfirmedPair[]): Promise<void> {
  const examined = new Set(targets);
  const touched = new Set<number>(targets);
  for (const p of pairs) touched.add(p.a).add(p.b);
  // Members of the clusters these postings are in now (the examined ones leave theirs).
  const members = await queryRows<{ id: number | string; cluster: number | string; city: string | null }>(
    db,
    sql`select id, cluster_id as cluster, city from jobs where cluster_id in (
          select cluster_id from jobs where id = any(${idArray([...touched])}) and cluster_id is not null)`,
  );
  const sets = new UnionFind();
  const firstOf = new Map<number, number>();
  const oldClusters = new Set<number>();
  for (const m of members) {
    const id = Number(m.id);
    const cluster = Number(m.cluster);
    oldClusters.add(cluster);
    if (examined.has(id)) continue;
    sets.locate(id, m.city);
    const first = firstOf.get(cluster);
    if (first === undefined) firstOf.set(cluster, id);
    else sets.union(first, id);
  }
  for (const p of pairs) {
    sets.locate(p.a, p.cityA);
    sets.locate(p.b, p.cityB);
  }
  // Closest pairs first: when places conflict, a posting joins the set it is most alike.
  for (const p of [...pairs].sort((x, y) => y.similarity - x.similarity)) sets.union(p.a, p.b);
  const groups = sets.groups();
  if (oldClusters.size > 0) await db.execute(sql`delete from job_clusters where id = any(${idArray([...oldClusters])})`);
  if (groups.length === 0) return;
  const ids = groups.flat();
  const group = groups.flatMap((g, i) => g.map(() => i));
  // One statement for every set: its facts, the new cluster rows, and the members pointed at them.
  await db.execute(sql`
    with m (job_id, grp) as (select * from unnest(${idArray(ids)}, ${`{${group.join(',')}}`}::int[])),
    facts as (
      select m.grp,
             (array_agg(j.id order by j.posted_at nulls last, j.id))[1] as canonical_id,
             count(distinct j.company_id) = 1 and bool_and(j.company_id is not null) as same_employer,
             count(*) as size
      from m join jobs j on j.id = m.job_id group by m.grp
    ),
    inserted as (
      insert into job_clusters (canonical_id, same_employer, size)
      select canonical_id, same_employer, size from facts returning id, canonical_id
    )
    update jobs set cluster_id = inserted.id
    from m join facts on facts.grp = m.grp join inserted on inserted.canonical_id = facts.canonical_id
    where jobs.id = m.job_id`);
}
