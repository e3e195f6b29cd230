import type { DatabaseConfig } from '../config.ts';
import type { Database } from './database.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { openReplicated, type ReplicaOptions } from './replicas.ts';

/**
 * Opens the configured database, embedded or server (with its read replicas, if any); callers
 * never branch on which.
 */
export function openDatabase(config: DatabaseConfig, options: ReplicaOptions = {}): Promise<Database> {
  if (config.kind === 'embedded') return openPglite(config);
  return config.readUrls?.length ? openReplicated(config, options) : openPostgres(config);
}
