/**
 * Per-query search settings for the vector indexes. They are set transaction-locally (SET LOCAL),
 * so they last until the end of the caller's transaction and never leak into other queries
 * sharing a pooled connection; outside a transaction they do nothing.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.ts';
import { JobsightError } from '../core/errors.ts';

export interface SearchSettings {
  /** HNSW candidate list per query (pgvector default 40): higher is better recall, slower. At least k. */
  efSearch?: number;
  /** IVFFlat lists scanned per query (pgvector default 1): higher is better recall, slower. */
  probes?: number;
  /** Let HNSW and IVFFlat scans continue until enough rows pass the filters (pgvector 0.8 `relaxed_order`). */
  iterative?: boolean;
}

function checked(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 1000) {
    throw new JobsightError(`${name} must be a whole number from 1 to 1000, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Sets `hnsw.ef_search` / `ivfflat.probes` / the iterative scans for the rest of the transaction
 * `tx`, in one statement: every search runs this, so it costs one round trip, not one per setting.
 * @example await db.transaction(async (tx) => { await applySearchSettings(tx, { efSearch: 100 }); ... });
 */
export async function applySearchSettings(tx: Db | Tx, settings: SearchSettings): Promise<void> {
  const values: [string, string][] = [];
  if (settings.efSearch !== undefined) values.push(['hnsw.ef_search', String(checked('efSearch', settings.efSearch))]);
  if (settings.probes !== undefined) values.push(['ivfflat.probes', String(checked('probes', settings.probes))]);
  if (settings.iterative) values.push(['hnsw.iterative_scan', 'relaxed_order'], ['ivfflat.iterative_scan', 'relaxed_order']);
  if (values.length === 0) return;
  // set_config(name, value, true) is SET LOCAL with bound parameters.
  await tx.execute(
    sql`select ${sql.join(
      values.map(([name, value]) => sql`set_config(${name}, ${value}, true)`),
      sql`, `,
    )}`,
  );
}
