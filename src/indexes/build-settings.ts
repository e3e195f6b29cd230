/**
 * Server index builds with their settings. `CREATE INDEX CONCURRENTLY` / `REINDEX ...
 * CONCURRENTLY` cannot run in a transaction block, and `SET ...; CREATE INDEX CONCURRENTLY ...`
 * as one multi-statement query fails too (verified on PostgreSQL 15: a multi-statement simple
 * query is an implicit transaction block). So the SETs and the build are separate statements on
 * one connection: `Database.session`, which closes it afterwards so the settings cannot leak.
 * Through PgBouncer in transaction pooling mode each of those statements may run on another
 * server connection, so they are reset after the build too; the build gets its settings when the
 * pooler hands it the connection the SETs ran on (PgBouncer reuses the last one released, so a
 * build on a quiet pool does). Large builds are best run against the server itself.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { z } from 'zod';
import { BUILD_DEFAULTS, MAX_PARALLEL_WORKERS } from '../core/defaults.ts';
import { parseInput, wholeNumber } from '../core/validation.ts';

/**
 * How the server builds an index. PGlite ignores these: it has one session and no workers.
 * Both are written into SET statements (they cannot be bound parameters), so they are checked here.
 */
export const BUILD_OPTIONS = {
  maintenanceWorkMem: z
    .string()
    .regex(/^[1-9][0-9]{0,6}(kB|MB|GB)?$/, "must be a size such as '512MB' or '2GB' (units kB, MB, GB)")
    .default(BUILD_DEFAULTS.maintenanceWorkMem)
    .describe("server: memory for the build, e.g. '1GB'"),
  parallelWorkers: wholeNumber(0, MAX_PARALLEL_WORKERS)
    .default(BUILD_DEFAULTS.parallelWorkers)
    .describe('server: parallel build workers (capped by max_worker_processes)'),
};
const BuildSettings = z.object(BUILD_OPTIONS);
export type BuildSettings = z.output<typeof BuildSettings>;

/** Checks build settings and fills in their defaults. */
export function checkBuildSettings(settings: z.input<typeof BuildSettings>): BuildSettings {
  return parseInput(BuildSettings, settings, { what: 'build settings' });
}

/** Runs `statement` on one server connection after setting the build memory and parallel workers there. */
export async function runWithBuildSettings(database: Database, settings: BuildSettings, statement: string): Promise<void> {
  const { maintenanceWorkMem, parallelWorkers } = checkBuildSettings(settings);
  await database.session(async (db) => {
    await db.execute(sql.raw(`set maintenance_work_mem = '${maintenanceWorkMem}'`));
    await db.execute(sql.raw(`set max_parallel_maintenance_workers = ${parallelWorkers}`));
    try {
      await db.execute(sql.raw(statement));
    } finally {
      // The session is closed afterwards; through a transaction pooler (PgBouncer) it is not, and
      // its server connection goes to other clients: leave the settings as they were.
      await db.execute(sql`reset maintenance_work_mem`).catch(() => {});
      await db.execute(sql`reset max_parallel_maintenance_workers`).catch(() => {});
    }
  });
}
