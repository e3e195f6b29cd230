import type { DatabaseConfig } from '../config.ts';
import type { Database } from './database.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

/** Opens the configured database, embedded or server; callers never branch on which. */
export function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === 'embedded' ? openPglite(config) : openPostgres(config);
}
