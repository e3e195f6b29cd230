/** What `jobsight db info` reports: engine, versions, embedder, row counts and indexes. */
import { sql } from 'drizzle-orm';
import type { Embedder } from '../embed/embedder.ts';
import { type NodeStatus, queryRows, type Database } from './database.ts';
import { readEmbedderRecord, type EmbedderRecord } from './embedder-record.ts';
import { migrationStatus, type MigrationStatus } from './migrations.ts';
import { pgvectorInfo, type PgvectorInfo } from './setup.ts';

export interface IndexInfo {
  table: string;
  name: string;
  method: string;
  size: string;
  definition: string;
}

export interface DatabaseInfo {
  engine: Database['engine'];
  location: string;
  postgresVersion: string;
  pgvector: PgvectorInfo;
  activeEmbedder: EmbedderRecord;
  recordedEmbedder: EmbedderRecord | null;
  migrations: MigrationStatus[];
  counts: Record<string, number> | null;
  indexes: IndexInfo[];
  /** Server only: the primary and each read replica, with its state and lag. */
  nodes?: NodeStatus[];
}

const TABLES = ['jobs', 'companies', 'skills', 'job_skills'] as const;

export async function databaseInfo(database: Database, embedder: Embedder): Promise<DatabaseInfo> {
  const { db } = database;
  const [version] = await queryRows<{ v: string }>(db, sql`select current_setting('server_version') as v`);
  const pgvector = await pgvectorInfo(db);
  const migrations = await migrationStatus(db);
  const schemaReady = migrations.every((m) => m.appliedAt);
  let counts: Record<string, number> | null = null;
  let recordedEmbedder: EmbedderRecord | null = null;
  if (schemaReady) {
    const [row] = await queryRows<Record<string, number>>(
      db,
      sql`select (select count(*)::int from jobs) as jobs,
                 (select count(*)::int from jobs where embedding is not null) as "jobsEmbedded",
                 (select count(*)::int from companies) as companies,
                 (select count(*)::int from skills) as skills,
                 (select count(*)::int from job_skills) as "jobSkills"`,
    );
    counts = row ?? null;
    recordedEmbedder = (await readEmbedderRecord(db)) ?? null;
  }
  const indexes = await queryRows<IndexInfo>(
    db,
    sql`select t.relname as "table", i.relname as name, am.amname as method,
               pg_size_pretty(pg_relation_size(i.oid)) as size, pg_get_indexdef(i.oid) as definition
        from pg_index x
        join pg_class i on i.oid = x.indexrelid
        join pg_class t on t.oid = x.indrelid
        join pg_am am on am.oid = i.relam
        join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = current_schema() and t.relname in (${sql.join(
          TABLES.map((t) => sql`${t}`),
          sql`, `,
        )})
        order by t.relname, i.relname`,
  );
  const nodes: NodeStatus[] | undefined = database.replicas
    ? await database.replicas.nodes()
    : database.engine === 'postgres'
      ? [{ role: 'primary', location: database.location, state: 'up', lagSeconds: 0 }]
      : undefined;
  return {
    engine: database.engine,
    location: database.location,
    postgresVersion: version?.v ?? 'unknown',
    pgvector,
    activeEmbedder: { name: embedder.name, dimensions: embedder.dimensions },
    recordedEmbedder,
    migrations,
    counts,
    indexes,
    ...(nodes ? { nodes } : {}),
  };
}
