/**
 * Per-query search settings for the vector indexes, applied so that a search costs one round
 * trip wherever the result stays the same as with `SET LOCAL` before the statement:
 *
 * - Every connection starts with `hnsw.ef_search` at Jobsight's default (db/session-defaults.ts),
 *   so a search at the default needs no setting at all, and the planner costs the HNSW scan at it.
 * - The iterative scans, their limits and an ef_search are also applied inside the search's own
 *   statement: `set_config(name, value, true)` in the scalar subquery that yields the query
 *   vector, which PostgreSQL runs (as an InitPlan) before the index scan reads its first tuple.
 *   pgvector reads these settings when the scan starts, not when the query is planned (even
 *   hnsw.scan_mem_multiplier, read when the scan is begun: PostgreSQL begins an index scan at
 *   its first fetch, after the InitPlan; checked on PostgreSQL 15 and PGlite), and is_local = true ends
 *   them with the statement's implicit transaction, so nothing leaks into the next query on a
 *   pooled connection.
 * - pgvector's cost estimate does read ef_search (HNSW) and probes (IVFFlat) at planning time
 *   (on a few thousand rows ef_search 40 plans the index and 100 an exact scan): a query asking
 *   for another ef_search, or for probes, runs in a transaction with the settings made first, so
 *   the planner sees them. On a server BEGIN / set_config / query / COMMIT go out together, one
 *   round trip (db/one-round-trip.ts).
 * - On Citus the shards run the query on the workers' own connections, which see neither the
 *   session defaults nor set_config: a distributed search runs in a transaction that forwards
 *   `SET LOCAL` commands to the workers, and binds the query vector as it is (Citus pushes a
 *   bound vector down to every shard, not a scalar subquery).
 */
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { DEFAULT_EF_SEARCH } from '../core/defaults.ts';
import { parseInput } from '../core/validation.ts';
import { queryRows, type Db, type Tx } from '../db/database.ts';
import { rowsAfterSetup } from '../db/one-round-trip.ts';
import { scanOptions } from './options.ts';

export interface SearchSettings {
  /** HNSW candidate list per query (pgvector default 40): higher is better recall, slower. At least k. */
  efSearch?: number;
  /** IVFFlat lists scanned per query (pgvector default 1): higher is better recall, slower. */
  probes?: number;
  /** Let HNSW and IVFFlat scans continue until enough rows pass the filters (pgvector 0.8 `relaxed_order`). */
  iterative?: boolean;
  /** How far an iterative HNSW scan may go: hnsw.max_scan_tuples (pgvector default 20,000). Read when the scan runs. */
  maxScanTuples?: number;
  /** Its memory: hnsw.scan_mem_multiplier × work_mem (pgvector default 1). Read when the scan starts. */
  scanMemMultiplier?: number;
  /** The tables are distributed by Citus (see isDistributed): settings go to the workers by SET LOCAL. */
  distributed?: boolean;
}

const distributedDatabases = new WeakMap<Db, Promise<boolean>>();

/**
 * Whether `db` is a Citus coordinator (its settings exist only then): asked once per database
 * handle, then remembered, so a search on one node pays no round trip for it.
 */
export function isDistributed(db: Db): Promise<boolean> {
  let known = distributedDatabases.get(db);
  if (!known) {
    known = queryRows<{ citus: boolean }>(db, sql`select current_setting('citus.propagate_set_commands', true) is not null as citus`).then(
      ([row]) => row?.citus === true,
    );
    known.catch(() => distributedDatabases.delete(db));
    distributedDatabases.set(db, known);
  }
  return known;
}

const SearchSettings = z.object({
  ...scanOptions(),
  iterative: z.boolean().optional(),
  maxScanTuples: z.number().int().min(1).optional(),
  // pgvector's bounds.
  scanMemMultiplier: z.number().int().min(1).max(1000).optional(),
});

/**
 * Settings already checked, by what they hold: a search reads its settings twice or more, and
 * checking them costs more than the rest of building its statement. Only valid settings are
 * kept, and at most CHECKED_VALUES_KEPT of them: a filtered search's scan limits follow its
 * filter's share, so a long-running server would otherwise keep one entry per share it met.
 */
const checkedValues = new Map<string, readonly [string, string][]>();
const CHECKED_VALUES_KEPT = 1024;

/** The settings as (name, value) pairs for set_config. */
function settingValues(settings: SearchSettings): readonly [string, string][] {
  // JSON keeps types apart: 40 and '40' are not the same setting to check.
  const key = JSON.stringify([settings.efSearch, settings.probes, settings.iterative, settings.maxScanTuples, settings.scanMemMultiplier]);
  let values = checkedValues.get(key);
  if (!values) {
    const { efSearch, probes, iterative, maxScanTuples, scanMemMultiplier } = parseInput(SearchSettings, settings, { what: 'search settings' });
    const pairs: [string, string][] = [];
    if (efSearch !== undefined) pairs.push(['hnsw.ef_search', String(efSearch)]);
    if (probes !== undefined) pairs.push(['ivfflat.probes', String(probes)]);
    if (iterative) pairs.push(['hnsw.iterative_scan', 'relaxed_order'], ['ivfflat.iterative_scan', 'relaxed_order']);
    if (maxScanTuples !== undefined) pairs.push(['hnsw.max_scan_tuples', String(maxScanTuples)]);
    if (scanMemMultiplier !== undefined) pairs.push(['hnsw.scan_mem_multiplier', String(scanMemMultiplier)]);
    values = pairs;
    if (checkedValues.size >= CHECKED_VALUES_KEPT) checkedValues.clear();
    checkedValues.set(key, values);
  }
  return values;
}

/** `set_config(name, value, true), ...`: SET LOCAL with bound parameters. */
function setConfigCalls(values: readonly [string, string][]): SQL {
  return sql.join(
    values.map(([name, value]) => sql`set_config(${name}, ${value}, true)`),
    sql`, `,
  );
}

/**
 * `target` (the query vector: a parameter or a scalar subquery) with `settings` applied before
 * the index scan that orders by it starts: a scalar subquery that first runs the set_config
 * calls. Values already in effect when the statement runs are not set again: `planned` (the
 * settings given to scanRows, by default `settings`) are made first in its transaction when the
 * planner needs them, and otherwise every session starts at the default ef_search. Without
 * settings left, `target` itself: the subquery costs the planner and the executor a few tenths of
 * a millisecond.
 *
 * @example nearest('nearest', { op, target: scanTarget(sql`${vector}::vector`, { iterative: true }), where, limit: 10 })
 */
export function scanTarget(target: SQL, settings: SearchSettings, planned: SearchSettings = settings): SQL {
  if (settings.distributed) return target;
  const inEffect = new Set(settingValues(plannerNeedsSettings(planned) ? planned : { efSearch: DEFAULT_EF_SEARCH }).map(String));
  const values = settingValues(settings).filter((pair) => !inEffect.has(String(pair)));
  if (values.length === 0) return target;
  // `where ... is not null` uses the set_config results, so PostgreSQL cannot drop the calls.
  return sql`(select ${target} from (select concat(${setConfigCalls(values)}) as applied) as scan_settings where scan_settings.applied is not null)`;
}

/** Whether the planner must see `settings` before planning (see the file comment). */
function plannerNeedsSettings(settings: SearchSettings): boolean {
  return (settings.efSearch !== undefined && settings.efSearch !== DEFAULT_EF_SEARCH) || settings.probes !== undefined;
}

/** The one statement that makes `settings` for the rest of the transaction; null when there are none. */
function settingsStatement(settings: SearchSettings): SQL | null {
  const values = settingValues(settings);
  if (values.length === 0) return null;
  // Citus forwards SET LOCAL commands (not set_config) to the workers when told to. Names are
  // constants and values checked whole numbers or a constant, so the raw text is safe.
  if (settings.distributed) {
    return sql.raw(
      [`set local citus.propagate_set_commands = 'local'`, ...values.map(([name, value]) => `set local ${name} = '${value}'`)].join('; '),
    );
  }
  return sql`select ${setConfigCalls(values)}`;
}

/**
 * Sets `hnsw.ef_search` / `ivfflat.probes` / the iterative scans for the rest of the transaction
 * `tx`, in one statement.
 * @example await db.transaction(async (tx) => { await applySearchSettings(tx, { efSearch: 200 }); ... });
 */
export async function applySearchSettings(tx: Db | Tx, settings: SearchSettings): Promise<void> {
  const statement = settingsStatement(settings);
  if (statement) await tx.execute(statement);
}

/**
 * The rows of `statement` (which carries its settings through scanTarget), in one round trip:
 * alone when the planner does not depend on `settings`, else after them in one transaction.
 */
export async function scanRows<T>(db: Db | Tx, settings: SearchSettings, statement: SQL): Promise<T[]> {
  const setup = !settings.distributed && !plannerNeedsSettings(settings) ? null : settingsStatement(settings);
  return setup ? rowsAfterSetup<T>(db, [setup], statement) : queryRows<T>(db, statement);
}
