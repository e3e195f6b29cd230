/**
 * Getting a database ready for Jobsight: pgvector present, schema migrated, embedder recorded.
 */
import { sql } from 'drizzle-orm';
import type { Config, DatabaseConfig } from '../config.ts';
import type { Embedder } from '../embed/embedder.ts';
import { createEmbedder } from '../embed/index.ts';
import { isUnavailable, JobsightError } from '../core/errors.ts';
import { queryRows, type Database, type Db } from './database.ts';
import { ensureEmbedderMatches, recordedBuiltInEmbedder } from './embedder-record.ts';
import { migrate, migrationStatus } from './migrations.ts';
import { openDatabase } from './open.ts';

/** Oldest pgvector we support: 0.7 brought halfvec/sparsevec and the operators we rely on. */
export const MIN_PGVECTOR = [0, 7] as const;

export const PGVECTOR_HINT =
  'Install pgvector into the server: use the pgvector/pgvector Docker image (docker compose up -d, see docker-compose.yml), ' +
  'your OS package (apt install postgresql-<major>-pgvector, brew install pgvector), ' +
  'or on Debian build it with: sudo bash scripts/install-pgvector.sh';

export interface PgvectorInfo {
  available: string | null;
  installed: string | null;
}

export async function pgvectorInfo(db: Db): Promise<PgvectorInfo> {
  const [row] = await queryRows<{ available: string; installed: string | null }>(
    db,
    sql`select default_version as available, installed_version as installed
        from pg_available_extensions where name = 'vector'`,
  );
  return { available: row?.available ?? null, installed: row?.installed ?? null };
}

function versionAtLeast(version: string, min: readonly number[]): boolean {
  const parts = version.split('.').map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < min.length; i++) {
    const a = parts[i] ?? 0;
    if (a !== min[i]) return a > min[i]!;
  }
  return true;
}

/** Why this server cannot hold Jobsight's vectors, or undefined when pgvector is fine. */
export function pgvectorProblem(info: PgvectorInfo): JobsightError | undefined {
  const version = info.installed ?? info.available;
  if (!version) {
    return new JobsightError('the pgvector extension is not available on this PostgreSQL server', {
      hint: PGVECTOR_HINT,
      status: 503,
    });
  }
  if (!versionAtLeast(version, MIN_PGVECTOR)) {
    return new JobsightError(`pgvector ${version} is too old; Jobsight needs ${MIN_PGVECTOR.join('.')} or newer`, {
      hint: `${info.installed ? 'ALTER EXTENSION vector UPDATE after installing a newer build. ' : ''}${PGVECTOR_HINT}`,
      status: 503,
    });
  }
  return undefined;
}

/** Refuses, with instructions, a server that lacks pgvector or has one too old. */
export async function checkPgvector(db: Db): Promise<PgvectorInfo> {
  const info = await pgvectorInfo(db);
  const problem = pgvectorProblem(info);
  if (problem) throw problem;
  return info;
}

/** `jobsight db init`: pgvector checked, every migration applied, embedder recorded. Idempotent. */
export async function initDatabase(db: Db, embedder: Embedder): Promise<string[]> {
  await checkPgvector(db);
  const applied = await migrate(db);
  await ensureEmbedderMatches(db, embedder);
  return applied;
}

/**
 * Opens a database for normal work. A brand-new one is initialised on the spot (so that
 * `jobsight demo` needs no set-up); one with pending migrations is refused rather than
 * migrated behind the user's back.
 */
export async function openReadyDatabase(config: DatabaseConfig, embedder: Embedder): Promise<Database> {
  const database = await openDatabase(config);
  try {
    await makeReady(database, embedder);
    return database;
  } catch (e) {
    await database.close();
    throw e;
  }
}

/**
 * Runs the start-up checks on the primary or, when it is down and there are read replicas, on a
 * replica (they hold the same schema), so reads keep working while the primary is away.
 */
async function onPrimaryOrReplica(database: Database, fn: (node: Database) => Promise<void>): Promise<void> {
  try {
    await fn(database);
  } catch (error) {
    if (!database.replicas || !isUnavailable(error)) throw error;
    await database.replicas.read(fn);
  }
}

async function makeReady(database: Database, embedder: Embedder): Promise<void> {
  const status = await migrationStatus(database.db);
  const pending = status.filter((s) => !s.appliedAt);
  if (pending.length === status.length) {
    await initDatabase(database.db, embedder);
  } else if (pending.length > 0) {
    throw new JobsightError(`the database schema is behind: ${pending.length} pending migration(s) (${pending.map((p) => p.name).join(', ')})`, {
      hint: 'Run: jobsight db migrate',
      status: 503,
    });
  } else {
    await ensureEmbedderMatches(database.db, embedder);
  }
}

/**
 * `openReadyDatabase` for a resolved configuration, with the embedder to use. When the user chose
 * no embedder (no flag, no environment) and the database was built with another built-in one
 * (e.g. `hash-ngram-v1`, the default before the semantic embedder), that one is used, and
 * `notice` is told once how to move the database to the default.
 *
 * @example const { database, embedder } = await openConfiguredDatabase(resolveConfig({}, process.env), console.error);
 */
export async function openConfiguredDatabase(config: Config, notice: (line: string) => void): Promise<{ database: Database; embedder: Embedder }> {
  let embedder = createEmbedder(config.embedder);
  const database = await openDatabase(config.database, { warn: notice });
  try {
    await onPrimaryOrReplica(database, async (node) => {
      if (!config.embedderChosen) {
        const recorded = await recordedBuiltInEmbedder(node.db, embedder);
        if (recorded) {
          notice(recorded.notice);
          embedder = recorded.embedder;
        }
      }
      await makeReady(node, embedder);
    });
    return { database, embedder };
  } catch (e) {
    await database.close();
    throw e;
  }
}
