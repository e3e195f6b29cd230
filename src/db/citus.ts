/**
 * Scaling out on Citus: `jobsight db distribute` turns a migrated single-node schema on a Citus
 * coordinator into a distributed one, and `citusStatus` says how the tables stand.
 *
 * The distribution column is the job id:
 * - every search ranks jobs and then joins each hit to its own row and skills, every statistic
 *   joins `job_skills` to `jobs` on the job id, and every write touches one job and its skills.
 *   With `jobs` distributed by `id` and `job_skills` by `job_id`, co-located, each of those joins
 *   runs inside one shard, and a top-k vector search is pushed down whole: each shard walks its
 *   own HNSW index for its own top k and the coordinator merges them.
 * - `companies` and `skills` are small (thousands of rows, read by almost every query, written
 *   rarely): reference tables, copied to every worker, so joins to them stay local too.
 * - `job_clusters` (near-duplicate clusters) is a reference table too: the dedupe filter looks a
 *   posting's cluster up from every shard. `embedding_queue` is keyed by job id, co-located.
 * - `jobsight_settings` and `jobsight_migrations` stay on the coordinator (read alone, never joined).
 *
 * What must change: a unique index on a distributed table must contain the distribution column,
 * and `jobs (source, external_id)` does not. It becomes a plain index, and the writers keep the
 * key unique themselves (ingest and jobs add/update lock the key's bucket, see
 * jobs/job-keys.ts). Every other unique key (the primary keys, companies' and skills' names) is
 * already allowed. Foreign keys are dropped for the conversion and re-created as they were.
 */
import { sql } from 'drizzle-orm';
import { MAX_SHARD_COUNT } from '../core/defaults.ts';
import { ConflictError, InvalidInputError, JobsightError, UnavailableError } from '../core/errors.ts';
import { queryRows, type Database, type Db, type Tx } from './database.ts';
import { migrationStatus } from './migrations.ts';

/** The unique index that Citus cannot keep (see above), and the plain index that replaces it. */
export const JOB_KEY_UNIQUE_INDEX = 'jobs_source_external_id_key';
export const JOB_KEY_PLAIN_INDEX = 'jobs_source_external_id_idx';

const REFERENCE_TABLES = ['companies', 'skills', 'job_clusters'] as const;
const DISTRIBUTED_TABLES = [
  { table: 'jobs', column: 'id', colocateWith: 'default' },
  { table: 'job_skills', column: 'job_id', colocateWith: 'jobs' },
  { table: 'embedding_queue', column: 'job_id', colocateWith: 'jobs' },
] as const;

/**
 * The embedding queue's triggers on jobs (drizzle/0004): Citus refuses to distribute a table with
 * triggers, so they are dropped; on Citus the queue is filled by `ingest --embed later` and
 * emptied by the workers, but an edit of a posting's text no longer re-queues it by itself.
 */
const QUEUE_TRIGGERS = ['jobs_drop_stale_embedding', 'jobs_queue_inserted', 'jobs_queue_updated'] as const;

/** A reference table's copy on every worker cannot point into a distributed table's shards. */
const FOREIGN_KEYS_LEFT_OUT = ['job_clusters_canonical_id_jobs_id_fk'];

const CITUS_HINT =
  'Run it against a Citus coordinator: try one locally with `bash scripts/citus-cluster.sh start` ' +
  '(after `sudo bash scripts/install-citus.sh`), or use the citusdata/citus Docker image with pgvector (README, "Citus").';

export interface DistributedTable {
  table: string;
  /** `distributed` (hash on `column`) or `reference` (a copy on every node). */
  kind: 'distributed' | 'reference';
  column: string | null;
  shards: number;
  colocationId: number;
}

export interface CitusStatus {
  /** The citus extension's version in this database, or null when it is not created. */
  version: string | null;
  /** Active worker nodes (host:port). */
  workers: string[];
  tables: DistributedTable[];
}

/** The Citus extension's version in the database, or null (also on PGlite, which has none). */
export async function citusVersion(db: Db | Tx): Promise<string | null> {
  const [row] = await queryRows<{ version: string }>(db, sql`select extversion as version from pg_extension where extname = 'citus'`);
  return row?.version ?? null;
}

/** Whether Jobsight's tables are distributed on this database. */
export async function isDistributed(db: Db | Tx): Promise<boolean> {
  if (!(await citusVersion(db))) return false;
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pg_dist_partition where logicalrelid = 'jobs'::regclass`);
  return (row?.n ?? 0) > 0;
}

/**
 * Whether the database itself keeps `jobs (source, external_id)` unique (a single node), or the
 * writers must (Citus, where the index cannot exist). Writers ask this inside their transaction.
 */
export async function jobKeyIsUnique(db: Db | Tx): Promise<boolean> {
  const [row] = await queryRows<{ unique: boolean }>(
    db,
    sql`select exists (select 1 from pg_index x join pg_class i on i.oid = x.indexrelid
                       where x.indrelid = 'jobs'::regclass and i.relname = ${JOB_KEY_UNIQUE_INDEX} and x.indisunique) as "unique"`,
  );
  return row?.unique ?? false;
}

/** Tables, workers and the extension's version; an empty status where Citus is absent. */
export async function citusStatus(db: Db): Promise<CitusStatus> {
  const version = await citusVersion(db);
  if (!version) return { version: null, workers: [], tables: [] };
  const workers = await queryRows<{ node: string }>(
    db,
    sql`select node_name || ':' || node_port as node from citus_get_active_worker_nodes() order by node_name, node_port`,
  );
  const tables = await queryRows<DistributedTable>(
    db,
    sql`select p.logicalrelid::text as "table",
               case when p.partmethod = 'n' then 'reference' else 'distributed' end as kind,
               case when p.partmethod = 'n' then null else column_to_column_name(p.logicalrelid, p.partkey) end as "column",
               (select count(*)::int from pg_dist_shard s where s.logicalrelid = p.logicalrelid) as shards,
               p.colocationid as "colocationId"
        from pg_dist_partition p
        where p.logicalrelid::text in ('jobs', 'job_skills', 'companies', 'skills')
        order by p.partmethod, p.logicalrelid::text`,
  );
  return { version, workers: workers.map((w) => w.node), tables };
}

/** Why this database cannot be distributed, checked before anything changes. */
async function checkDistributable(database: Database): Promise<void> {
  if (database.engine === 'pglite') {
    throw new JobsightError('the embedded database (PGlite) cannot be distributed', {
      hint: `Set DATABASE_URL to a Citus coordinator. ${CITUS_HINT}`,
    });
  }
  const { db } = database;
  if (!(await citusVersion(db))) {
    const [row] = await queryRows<{ available: boolean; preloaded: boolean }>(
      db,
      sql`select exists (select 1 from pg_available_extensions where name = 'citus') as available,
                 current_setting('shared_preload_libraries') ~ '(^|[ ,])citus($|[ ,])' as preloaded`,
    );
    const how = !row?.available
      ? 'Citus is not installed on this server.'
      : !row.preloaded
        ? "Citus is installed but not loaded: add it to shared_preload_libraries ('citus' first), restart, then CREATE EXTENSION citus."
        : 'Citus is loaded but not created in this database: CREATE EXTENSION citus (on the coordinator and every worker).';
    throw new UnavailableError(`${database.location} is not a Citus coordinator: the citus extension is missing`, { hint: `${how} ${CITUS_HINT}` });
  }
  const pending = (await migrationStatus(db)).filter((m) => !m.appliedAt);
  if (pending.length > 0) {
    throw new JobsightError(`the schema is not ready: ${pending.length} migration(s) pending`, {
      hint: 'Run `jobsight db init` first, then `jobsight db distribute`.',
    });
  }
  if (await isDistributed(db)) {
    const status = await citusStatus(db);
    const jobs = status.tables.find((t) => t.table === 'jobs');
    throw new ConflictError(`jobs is already distributed on ${database.location} (${jobs?.shards ?? '?'} shards, ${status.workers.length} workers)`, {
      hint: 'Nothing to do: `jobsight db distribute --status` shows how the tables stand.',
    });
  }
}

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

/**
 * Distributes Jobsight's tables (see the comment at the top), in one transaction: on any failure
 * the database is left as it was. Existing rows are copied into the shards, and every index of
 * `jobs` (the full-text GIN index, vector indexes) is created on every shard.
 *
 * @example await distributeTables(database); // then (await citusStatus(database.db)).tables
 */
export async function distributeTables(database: Database, options: { shardCount?: number } = {}): Promise<CitusStatus> {
  const { shardCount } = options;
  if (shardCount !== undefined && !(Number.isInteger(shardCount) && shardCount >= 1 && shardCount <= MAX_SHARD_COUNT)) {
    throw new InvalidInputError(`the shard count must be a whole number from 1 to ${MAX_SHARD_COUNT}, got ${shardCount}`);
  }
  await checkDistributable(database);
  await database.db.transaction(async (tx) => {
    // Citus's DDL on distributed tables in a transaction that also wrote must use one connection per worker.
    await tx.execute(sql`set local citus.multi_shard_modify_mode to 'sequential'`);
    const foreignKeys = await queryRows<ForeignKey>(
      tx,
      sql`select conrelid::regclass::text as "table", conname as name, pg_get_constraintdef(oid) as definition
          from pg_constraint
          where contype = 'f' and conrelid::regclass::text in ('jobs', 'job_skills', 'embedding_queue', 'job_clusters')
          order by conname`,
    );
    for (const fk of foreignKeys) await tx.execute(sql`alter table ${sql.identifier(fk.table)} drop constraint ${sql.identifier(fk.name)}`);
    for (const trigger of QUEUE_TRIGGERS) await tx.execute(sql`drop trigger if exists ${sql.identifier(trigger)} on jobs`);
    await tx.execute(sql`drop index if exists ${sql.identifier(JOB_KEY_UNIQUE_INDEX)}`);
    await tx.execute(sql`create index if not exists ${sql.identifier(JOB_KEY_PLAIN_INDEX)} on jobs (source, external_id)`);
    for (const table of REFERENCE_TABLES) await tx.execute(sql`select create_reference_table(${table})`);
    for (const { table, column, colocateWith } of DISTRIBUTED_TABLES) {
      // shard_count only for the first table: the co-located one takes the same shards.
      await tx.execute(
        shardCount !== undefined && colocateWith === 'default'
          ? sql`select create_distributed_table(${table}, ${column}, shard_count => ${shardCount}::int)`
          : sql`select create_distributed_table(${table}, ${column}, colocate_with => ${colocateWith})`,
      );
    }
    // pg_get_constraintdef gives trusted catalog text ("FOREIGN KEY (job_id) REFERENCES jobs(id) ON DELETE CASCADE").
    for (const fk of foreignKeys) {
      if (FOREIGN_KEYS_LEFT_OUT.includes(fk.name)) continue;
      await tx.execute(sql`alter table ${sql.identifier(fk.table)} add constraint ${sql.identifier(fk.name)} ${sql.raw(fk.definition)}`);
    }
  });
  return citusStatus(database.db);
}

/** Shards of `jobs` that have each of its indexes, per index name (checked on the workers). */
export async function indexesOnShards(db: Db): Promise<{ index: string; shards: number; of: number }[]> {
  const indexes = await queryRows<{ name: string }>(
    db,
    sql`select i.relname as name from pg_index x join pg_class i on i.oid = x.indexrelid where x.indrelid = 'jobs'::regclass order by 1`,
  );
  const [total] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pg_dist_shard where logicalrelid = 'jobs'::regclass`);
  const result: { index: string; shards: number; of: number }[] = [];
  for (const { name } of indexes) {
    // A shard's index is named <index>_<shard id>; run_command_on_shards puts each shard's name for %s.
    const perShard = `select count(*) from pg_index x join pg_class i on i.oid = x.indexrelid where x.indrelid = '%s'::regclass and starts_with(i.relname, '${name.replaceAll("'", "''")}')`;
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from run_command_on_shards('jobs', ${perShard}) where success and result::int > 0`,
    );
    result.push({ index: name, shards: row?.n ?? 0, of: total?.n ?? 0 });
  }
  return result;
}
