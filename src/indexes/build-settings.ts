/**
 * Server index builds with their settings. `CREATE INDEX CONCURRENTLY` / `REINDEX ...
 * CONCURRENTLY` cannot run in a transaction block, and `SET ...; CREATE INDEX CONCURRENTLY ...`
 * as one multi-statement query fails too (verified on PostgreSQL 15: a multi-statement simple
 * query is an implicit transaction block). So the SETs and the build are separate statements on
 * one connection: `Database.session`, which closes it afterwards so the settings cannot leak.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { JobsightError } from '../core/errors.ts';

/** Server build settings; see `ServerBuildOptions` in indexes.ts for their meaning. */
export interface BuildSettings {
  maintenanceWorkMem: string;
  parallelWorkers: number;
}

const MEMORY = /^[1-9][0-9]{0,6}(kB|MB|GB)?$/;

/** Checks settings that are written into SET statements (they cannot be bound parameters). */
export function checkBuildSettings(settings: BuildSettings): BuildSettings {
  if (!MEMORY.test(settings.maintenanceWorkMem)) {
    throw new JobsightError(
      `maintenanceWorkMem must be a size such as '512MB' or '2GB' (units kB, MB, GB), got ${JSON.stringify(settings.maintenanceWorkMem)}`,
    );
  }
  const workers = settings.parallelWorkers;
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
    throw new JobsightError(`parallelWorkers must be a whole number from 0 to 64, got ${JSON.stringify(workers)}`);
  }
  return settings;
}

/** Runs `statement` on one server connection after setting the build memory and parallel workers there. */
export async function runWithBuildSettings(database: Database, settings: BuildSettings, statement: string): Promise<void> {
  const { maintenanceWorkMem, parallelWorkers } = checkBuildSettings(settings);
  await database.session(async (db) => {
    await db.execute(sql.raw(`set maintenance_work_mem = '${maintenanceWorkMem}'`));
    await db.execute(sql.raw(`set max_parallel_maintenance_workers = ${parallelWorkers}`));
    await db.execute(sql.raw(statement));
  });
}
