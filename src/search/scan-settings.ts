/**
 * Per-query search settings for the vector indexes. They are set transaction-locally (SET LOCAL),
 * so they last until the end of the caller's transaction and never leak into other queries
 * sharing a pooled connection; outside a transaction they do nothing.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../core/validation.ts';
import { queryRows, type Db, type Tx } from '../db/database.ts';
import { scanOptions } from './options.ts';

export interface SearchSettings {
  /** HNSW candidate list per query (pgvector default 40): higher is better recall, slower. At least k. */
  efSearch?: number;
  /** IVFFlat lists scanned per query (pgvector default 1): higher is better recall, slower. */
  probes?: number;
  /** Let HNSW and IVFFlat scans continue until enough rows pass the filters (pgvector 0.8 `relaxed_order`). */
  iterative?: boolean;
}

const SearchSettings = z.object({ ...scanOptions(), iterative: z.boolean().optional() });

/**
 * Sets `hnsw.ef_search` / `ivfflat.probes` / the iterative scans for the rest of the transaction
 * `tx`, in one statement: every search runs this, so it costs one round trip, not one per setting
 * (on a server with Citus loaded, a second one forwards them to the workers).
 * @example await db.transaction(async (tx) => { await applySearchSettings(tx, { efSearch: 100 }); ... });
 */
export async function applySearchSettings(tx: Db | Tx, settings: SearchSettings): Promise<void> {
  const { efSearch, probes, iterative } = parseInput(SearchSettings, settings, { what: 'search settings' });
  const values: [string, string][] = [];
  if (efSearch !== undefined) values.push(['hnsw.ef_search', String(efSearch)]);
  if (probes !== undefined) values.push(['ivfflat.probes', String(probes)]);
  if (iterative) values.push(['hnsw.iterative_scan', 'relaxed_order'], ['ivfflat.iterative_scan', 'relaxed_order']);
  if (values.length === 0) return;
  // set_config(name, value, true) is SET LOCAL with bound parameters. The same statement asks
  // whether Citus is loaded (its settings exist only then).
  const [row] = await queryRows<{ citus: boolean }>(
    tx,
    sql`select ${sql.join(
      values.map(([name, value]) => sql`set_config(${name}, ${value}, true)`),
      sql`, `,
    )}, current_setting('citus.propagate_set_commands', true) is not null as citus`,
  );
  if (row?.citus) {
    // Citus runs the query on the workers' own connections, and forwards SET LOCAL commands (not
    // set_config) to them when told to: without this the shards' HNSW scans would run at
    // pgvector's defaults. Names are constants and values checked whole numbers or a constant.
    await tx.execute(
      sql.raw([`set local citus.propagate_set_commands = 'local'`, ...values.map(([name, value]) => `set local ${name} = '${value}'`)].join('; ')),
    );
  }
}

/**
 * Runs `statement` with this query's index settings: in a transaction with `SET LOCAL` when
 * there are any, so they never leak into the next query on a pooled connection.
 */
export async function withScanSettings<T>(db: Db, settings: SearchSettings, run: (db: Db | Tx) => Promise<T>): Promise<T> {
  if (!settings.iterative && settings.efSearch === undefined && settings.probes === undefined) return run(db);
  return db.transaction(async (tx) => {
    await applySearchSettings(tx, settings);
    return run(tx);
  });
}
