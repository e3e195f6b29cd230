/** Reading the stored clusters: the largest first, each with its postings (canonical first). */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';

export interface ClusterMember {
  id: number;
  title: string;
  company: string | null;
  city: string | null;
  postedAt: string | null;
  source: string;
  externalId: string;
}

export interface Cluster {
  id: number;
  size: number;
  /** Every posting names the same employer (else an agency or another board may have reposted it). */
  sameEmployer: boolean;
  canonicalId: number;
  /** The canonical posting first, then by date posted and id. */
  postings: ClusterMember[];
}

export interface ClusterList {
  /** Clusters stored, all of them. */
  clusters: number;
  /** Postings in them. */
  clustered: number;
  shown: Cluster[];
}

/**
 * The `limit` largest clusters (or those holding `jobId`), with their postings.
 *
 * @example const { shown } = await listClusters(db, { limit: 5 });
 */
export async function listClusters(db: Db, options: { limit: number; jobId?: number }): Promise<ClusterList> {
  const jobId = options.jobId ?? null;
  const [totals] = await queryRows<{ clusters: number; clustered: number }>(
    db,
    sql`select count(*)::int as clusters, coalesce(sum(size), 0)::int as clustered from job_clusters`,
  );
  const rows = await queryRows<
    ClusterMember & { cluster: number | string; size: number | string; sameEmployer: boolean; canonicalId: number | string }
  >(
    db,
    sql`with chosen as (
          select * from job_clusters
          where ${jobId}::bigint is null or id = (select cluster_id from jobs where id = ${jobId}::bigint)
          order by size desc, id limit ${options.limit}
        )
        select c.id as cluster, c.size, c.same_employer as "sameEmployer", c.canonical_id as "canonicalId",
               j.id::float8 as id, j.title, co.name as company, j.city, j.posted_at::text as "postedAt", j.source, j.external_id as "externalId"
        from chosen c join jobs j on j.cluster_id = c.id left join companies co on co.id = j.company_id
        order by c.size desc, c.id, j.id <> c.canonical_id, j.posted_at nulls last, j.id`,
  );
  const shown = new Map<number, Cluster>();
  for (const { cluster, size, sameEmployer, canonicalId, ...member } of rows) {
    const id = Number(cluster);
    let entry = shown.get(id);
    if (!entry) {
      entry = { id, size: Number(size), sameEmployer, canonicalId: Number(canonicalId), postings: [] };
      shown.set(id, entry);
    }
    entry.postings.push({ ...member, id: Number(member.id) });
  }
  return { clusters: totals!.clusters, clustered: totals!.clustered, shown: [...shown.values()] };
}
