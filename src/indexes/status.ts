/**
 * What the vector indexes on jobs look like now: type, storage (full precision, halfvec, bit), metric, build parameters, size, rows,
 * validity, and on the server the builds still running. Read from the catalogs, so it also
 * describes indexes made by hand or by a migration.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database.ts';
import { vectorIndexes } from '../db/vector-indexes.ts';
import type { Metric } from '../search/options.ts';
import { type Storage, storageOfOperatorClass } from '../search/quantised.ts';

export interface VectorIndexStatus {
  name: string;
  type: 'hnsw' | 'ivfflat';
  /** How it stores the vectors (`index create --type`); null for an operator class Jobsight does not build (l1, ...). */
  storage: Storage | null;
  /** null for a bit index (it serves every metric) and for an operator class Jobsight does not build: see `operatorClass`. */
  metric: Metric | null;
  operatorClass: string;
  /** From the index's WITH (...): m, ef_construction for HNSW, lists for IVFFlat; absent when defaulted. */
  parameters: Record<string, number>;
  sizeBytes: number;
  size: string;
  /** pg_class.reltuples of the index, as of its build or the last VACUUM/ANALYZE; null if unknown. */
  rowsIndexed: number | null;
  /** false for an index a concurrent build is still making, or one whose build failed. */
  valid: boolean;
}

export interface IndexBuildProgress {
  pid: number;
  /** The index being built, null until the build has created it. */
  index: string | null;
  command: string;
  phase: string;
  blocksDone: number;
  blocksTotal: number;
  tuplesDone: number;
  tuplesTotal: number;
}

interface StatusRow extends Omit<VectorIndexStatus, 'storage' | 'metric' | 'parameters' | 'rowsIndexed' | 'sizeBytes'> {
  options: string[] | string | null;
  sizeBytes: number | string;
  rowsIndexed: number | string;
}

/** reloptions as either driver returns them: a parsed array or PostgreSQL's `{m=8,ef_construction=32}` text. */
function parseOptions(options: string[] | string | null): Record<string, number> {
  const list =
    typeof options === 'string'
      ? options
          .replace(/^\{|\}$/g, '')
          .split(',')
          .filter(Boolean)
      : (options ?? []);
  const parameters: Record<string, number> = {};
  for (const option of list) {
    const [key, value] = option.split('=');
    if (key && value !== undefined && Number.isFinite(Number(value))) parameters[key] = Number(value);
  }
  return parameters;
}

/**
 * The vector indexes on jobs, and on the server the index builds running on jobs.
 * @example const { indexes, building } = await vectorIndexStatus(database);
 */
export async function vectorIndexStatus(database: Database): Promise<{ indexes: VectorIndexStatus[]; building: IndexBuildProgress[] }> {
  const names = (await vectorIndexes(database.db)).map((i) => i.name);
  const rows =
    names.length === 0
      ? []
      : await queryRows<StatusRow>(
          database.db,
          sql`select i.relname as name, am.amname as type, opc.opcname as "operatorClass",
                     i.reloptions as options, pg_relation_size(i.oid) as "sizeBytes",
                     pg_size_pretty(pg_relation_size(i.oid)) as size, i.reltuples as "rowsIndexed",
                     x.indisvalid as valid
              from pg_index x
                join pg_class i on i.oid = x.indexrelid
                join pg_am am on am.oid = i.relam
                join pg_opclass opc on opc.oid = x.indclass[0]
              where x.indrelid = 'jobs'::regclass and i.relname in (${sql.join(
                names.map((n) => sql`${n}`),
                sql`, `,
              )})
              order by i.relname`,
        );
  const indexes = rows.map(({ options, sizeBytes, rowsIndexed, ...row }) => ({
    ...row,
    storage: storageOfOperatorClass(row.operatorClass)?.storage ?? null,
    metric: storageOfOperatorClass(row.operatorClass)?.metric ?? null,
    parameters: parseOptions(options),
    sizeBytes: Number(sizeBytes),
    // reltuples is -1 for a relation never vacuumed or analysed (PostgreSQL 14 and later).
    rowsIndexed: Number(rowsIndexed) < 0 ? null : Number(rowsIndexed),
  }));
  // PGlite is one session: nothing can be building while this query runs.
  const building =
    database.engine === 'pglite'
      ? []
      : await queryRows<IndexBuildProgress>(
          database.db,
          sql`select pid, nullif(index_relid, 0)::regclass::text as index, command, phase,
                     blocks_done as "blocksDone", blocks_total as "blocksTotal",
                     tuples_done as "tuplesDone", tuples_total as "tuplesTotal"
              from pg_stat_progress_create_index where relid = 'jobs'::regclass order by pid`,
        );
  return {
    indexes,
    building: building.map((b) => ({
      ...b,
      blocksDone: Number(b.blocksDone),
      blocksTotal: Number(b.blocksTotal),
      tuplesDone: Number(b.tuplesDone),
      tuplesTotal: Number(b.tuplesTotal),
    })),
  };
}
