/**
 * Per-query search settings for the vector indexes. They are set with SET LOCAL, so they last
 * until the end of the caller's transaction and never leak into other queries sharing a pooled
 * connection; outside a transaction SET LOCAL does nothing (PostgreSQL only warns).
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.ts';
import { JobsightError } from '../errors.ts';

export interface SearchSettings {
  /** HNSW candidate list per query (pgvector default 40): higher is better recall, slower. At least k. */
  efSearch?: number;
  /** IVFFlat lists scanned per query (pgvector default 1): higher is better recall, slower. */
  probes?: number;
}

function checked(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 1000) {
    throw new JobsightError(`${name} must be a whole number from 1 to 1000, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Sets `hnsw.ef_search` / `ivfflat.probes` for the rest of the transaction `tx`.
 * @example await db.transaction(async (tx) => { await applySearchSettings(tx, { efSearch: 100 }); ... });
 */
export async function applySearchSettings(tx: Db | Tx, settings: SearchSettings): Promise<void> {
  // Checked first, then written into the statement: SET takes no bound parameters.
  const efSearch = settings.efSearch === undefined ? undefined : checked('efSearch', settings.efSearch);
  const probes = settings.probes === undefined ? undefined : checked('probes', settings.probes);
  if (efSearch !== undefined) await tx.execute(sql.raw(`set local hnsw.ef_search = ${efSearch}`));
  if (probes !== undefined) await tx.execute(sql.raw(`set local ivfflat.probes = ${probes}`));
}
