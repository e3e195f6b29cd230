/**
 * Creating, rebuilding and dropping the vector indexes on jobs.embedding, on either engine.
 * On the server builds run CONCURRENTLY (searches and writes go on meanwhile) with their own
 * maintenance_work_mem and parallel workers; PGlite is one single-threaded session, so it gets a
 * plain CREATE INDEX. Dropping an index by hand turns the default policy off (default-policy.ts),
 * so Jobsight never rebuilds what the user removed.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database.ts';
import { embeddingColumnDimensions } from '../db/embedder-record.ts';
import { forgetUsableVectorIndexes, vectorIndexes } from '../db/vector-indexes.ts';
import { ConflictError, causeMessage, InternalError, InvalidInputError, NotFoundError, PG_ERROR, pgErrorCode } from '../core/errors.ts';
import { type BuildSettings, checkBuildSettings, runWithBuildSettings } from './build-settings.ts';
import { setAutoIndex } from './policy-setting.ts';
import { createIndexStatement, indexName, type ResolvedIndexSpec, resolveIndexSpec, type VectorIndexSpec } from './spec.ts';

/** "relation already exists": another index or table already has the name. */
const DUPLICATE_TABLE = PG_ERROR.duplicateTable;

/** How the server builds an index (build-settings.ts). PGlite ignores these: it has one session and no workers. */
export interface ServerBuildOptions extends Partial<BuildSettings> {
  /**
   * Default true: CREATE INDEX CONCURRENTLY, no lock against writes, but slower and not in a
   * transaction. false: a plain build inside a transaction (SET LOCAL), blocking writes meanwhile.
   */
  concurrently?: boolean;
}

export interface IndexBuildResult {
  name: string;
  spec: ResolvedIndexSpec;
  milliseconds: number;
}

function buildSettings({ maintenanceWorkMem, parallelWorkers }: ServerBuildOptions): BuildSettings {
  return checkBuildSettings({ maintenanceWorkMem, parallelWorkers });
}

/** `"name"` quoted for SQL; names come from the catalog (vectorIndexes), never from input. */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function embeddedRows(database: Database): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(database.db, sql`select count(*) as n from jobs where embedding is not null`);
  return Number(row?.n ?? 0);
}

async function existingNames(database: Database): Promise<string[]> {
  return (await vectorIndexes(database.db)).map((i) => i.name);
}

/**
 * Builds a vector index named `jobs_embedding_<type>_<metric>` (quantised: see indexName).
 * @example await createVectorIndex(database, { type: 'hnsw', m: 16, efConstruction: 64 });
 * @example await createVectorIndex(database, { type: 'hnsw', storage: 'halfvec' }); // jobs_embedding_hnsw_halfvec_cosine
 * @example await createVectorIndex(database, { type: 'ivfflat', metric: 'l2' }, { concurrently: false });
 */
export async function createVectorIndex(database: Database, spec: VectorIndexSpec, options: ServerBuildOptions = {}): Promise<IndexBuildResult> {
  // Checked once before counting rows (so a bad spec fails fast), again below with the real count.
  let resolved = resolveIndexSpec(spec, 0);
  const settings = buildSettings(options);
  if (resolved.type === 'ivfflat') {
    const rows = await embeddedRows(database);
    if (rows === 0) {
      throw new InvalidInputError('cannot build an IVFFlat index on an empty table', {
        hint: 'load postings first: IVFFlat learns its lists from the rows',
      });
    }
    resolved = resolveIndexSpec(spec, rows);
  }
  const name = indexName(resolved);
  const exists = () =>
    new ConflictError(`the index ${name} already exists`, {
      hint: `Drop it first (jobsight index drop ${name}) or rebuild it in place (jobsight index rebuild ${name}).`,
    });
  if ((await existingNames(database)).includes(name)) throw exists();
  // A quantised index casts to the column's dimension (search/quantised.ts); full precision needs none.
  const dimensions = resolved.storage === 'vector' ? 0 : await embeddingColumnDimensions(database.db);
  if (dimensions === null) throw new InternalError('jobs.embedding has no declared dimension, so a quantised index cannot be cast to it');

  const started = performance.now();
  try {
    if (database.engine === 'pglite') {
      await database.db.execute(sql.raw(createIndexStatement(resolved, false, dimensions)));
    } else if (options.concurrently === false) {
      await database.bulkTransaction(async (tx) => {
        await tx.execute(sql.raw(`set local maintenance_work_mem = '${settings.maintenanceWorkMem}'`));
        await tx.execute(sql.raw(`set local max_parallel_maintenance_workers = ${settings.parallelWorkers}`));
        await tx.execute(sql.raw(createIndexStatement(resolved, false, dimensions)));
      });
    } else {
      await runWithBuildSettings(database, settings, createIndexStatement(resolved, true, dimensions)).catch(async (e: unknown) => {
        // A failed concurrent build leaves an INVALID index behind that still slows every write.
        if (pgErrorCode(e) !== DUPLICATE_TABLE) {
          await database.db.execute(sql.raw(`drop index concurrently if exists ${quoteIdentifier(name)}`)).catch(() => {});
        }
        throw e;
      });
    }
  } catch (cause) {
    if (pgErrorCode(cause) === DUPLICATE_TABLE) throw exists();
    throw new InternalError(`building ${name} failed: ${causeMessage(cause)}`, { cause });
  } finally {
    forgetUsableVectorIndexes();
  }
  return { name, spec: resolved, milliseconds: Math.round(performance.now() - started) };
}

async function knownIndex(database: Database, name: string): Promise<string> {
  const names = await existingNames(database);
  if (!names.includes(name)) {
    throw new NotFoundError(
      `no vector index named ${JSON.stringify(name)} on jobs`,
      names.length ? `Existing vector indexes: ${names.join(', ')}.` : 'There are no vector indexes on jobs.',
    );
  }
  return quoteIdentifier(name);
}

/**
 * Drops one of the vector indexes on jobs (CONCURRENTLY on the server, so searches are not
 * blocked) and turns the default index policy off: the user chose, so the next ingest must not
 * build it again (`jobsight index auto on` turns it back on).
 * @example await dropVectorIndex(database, 'jobs_embedding_hnsw_cosine');
 */
export async function dropVectorIndex(database: Database, name: string): Promise<{ dropped: string; autoIndex: false }> {
  const quoted = await knownIndex(database, name);
  const concurrently = database.engine === 'postgres' ? 'concurrently ' : '';
  await database.db.execute(sql.raw(`drop index ${concurrently}if exists ${quoted}`));
  forgetUsableVectorIndexes();
  await setAutoIndex(database, false);
  return { dropped: name, autoIndex: false };
}

/**
 * Rebuilds an index from the rows now in jobs (REINDEX, CONCURRENTLY on the server): for an
 * IVFFlat index whose lists were learnt from far fewer rows, or an invalid index left by a failed build.
 * @example const { milliseconds } = await rebuildVectorIndex(database, 'jobs_embedding_hnsw_cosine');
 */
export async function rebuildVectorIndex(
  database: Database,
  name: string,
  options: Omit<ServerBuildOptions, 'concurrently'> = {},
): Promise<{ name: string; milliseconds: number }> {
  const quoted = await knownIndex(database, name);
  const settings = buildSettings(options);
  const started = performance.now();
  try {
    if (database.engine === 'pglite') await database.db.execute(sql.raw(`reindex index ${quoted}`));
    else await runWithBuildSettings(database, settings, `reindex index concurrently ${quoted}`);
  } catch (cause) {
    throw new InternalError(`rebuilding ${name} failed: ${causeMessage(cause)}`, { cause });
  }
  return { name, milliseconds: Math.round(performance.now() - started) };
}
