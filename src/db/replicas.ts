/**
 * A primary with streaming read replicas. Work that only reads (operations declared `reads`)
 * goes to a replica through `ReadReplicas.read`; everything else (`Database.db`, transactions,
 * COPY, index builds, migrations) stays on the primary, so writing code can never land on a
 * replica by mistake.
 *
 * Which replica: one that is up, a standby, at most `maxReplicaLagSeconds` behind, and that has
 * replayed this process's last write (read-your-writes); the least busy of those (fewest reads in
 * flight here), ties in turn. Health and lag are checked with one query per node, again after
 * REPLICA_CHECK.recheckMs; a replica found down or lagging is skipped with one warning line and
 * tried again after REPLICA_CHECK.retryMs. With no replica left, reads go to the primary.
 *
 * Lag: pg_last_xact_replay_timestamp() alone overstates it when the primary is idle (the last
 * replayed commit is old although nothing is missing), so a replica that has replayed the
 * primary's current WAL position is 0 s behind; one that has not is behind by at most the time
 * since the primary was last seen at a position it has replayed (and at most the age of its last
 * replayed commit). With the primary down, a replica that replayed all it received counts as 0 s.
 */
import { sql } from 'drizzle-orm';
import { redactUrl, type ServerDatabaseConfig } from '../config.ts';
import { CONFIG_DEFAULTS, REPLICA_CHECK } from '../core/defaults.ts';
import { causeMessage, isUnavailable } from '../core/errors.ts';
import { type Database, type NodeStatus, queryRows, type ReadReplicas } from './database.ts';
import { openPostgres } from './postgres.ts';

/** A WAL position ('16/B374D848') as a number of bytes. */
export function lsnBytes(lsn: string | null | undefined): bigint | null {
  if (!lsn) return null;
  const [high, low] = lsn.split('/');
  if (high === undefined || low === undefined) return null;
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

interface Replica {
  database: Database;
  location: string;
  state: NodeStatus['state'] | 'unchecked';
  lagSeconds: number | null;
  reason?: string;
  replayed: bigint | null;
  checkedAt: number;
  inFlight: number;
}

interface ReplicaRow {
  standby: boolean;
  received: string | null;
  replayed: string | null;
  replayAge: number | null;
}

export interface ReplicaOptions {
  /** One line for people when a replica is skipped or back (the CLI: stderr; serve: its log). */
  warn?: (line: string) => void;
  /** For tests: the clock, in ms. */
  now?: () => number;
}

/** Where the primary's WAL was, when: to bound a replica's lag by the positions it has replayed. */
interface Sighting {
  at: number;
  lsn: bigint;
}

const SIGHTINGS_KEPT = 64;

/** Waits before looking again at a replica that seems behind (about 0.15 s in all, once per check). */
const RECHECK_WAITS_MS = [10, 40, 100];

/**
 * Opens `config.url` as the primary with `config.readUrls` as read replicas. The replicas are
 * connected to when first read from; a primary that is down is tolerated (with a warning) so
 * reads still work, and writes fail as they would without replicas.
 */
export async function openReplicated(config: ServerDatabaseConfig, options: ReplicaOptions = {}): Promise<Database> {
  const warn = options.warn ?? ((line) => process.stderr.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const maxLag = config.maxReplicaLagSeconds ?? CONFIG_DEFAULTS.maxReplicaLagSeconds;
  let primary: Database;
  try {
    primary = await openPostgres(config);
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    warn(`jobsight: the primary ${redactUrl(config.url)} is not reachable (${causeMessage(error)}): reads go to the replicas, writes will fail`);
    primary = await openPostgres(config, { check: false });
  }
  const replicas: Replica[] = await Promise.all(
    (config.readUrls ?? []).map(async (url) => {
      const database = await openPostgres({ ...config, url, readUrls: [] }, { check: false });
      return { database, location: database.location, state: 'unchecked' as const, lagSeconds: null, replayed: null, checkedAt: 0, inFlight: 0 };
    }),
  );
  const sightings: Sighting[] = [];
  let lastWrite: { lsn: bigint; at: number } | undefined;
  let turn = 0;
  let round: Promise<void> | undefined;
  let primaryDown: string | undefined;

  /** The primary's WAL position now, or null when it is down. */
  async function primaryPosition(): Promise<bigint | null> {
    try {
      const [row] = await queryRows<{ lsn: string }>(primary.db, sql`select pg_current_wal_lsn()::text as lsn`);
      const lsn = lsnBytes(row?.lsn);
      if (lsn !== null) {
        sightings.push({ at: now(), lsn });
        if (sightings.length > SIGHTINGS_KEPT) sightings.shift();
      }
      primaryDown = undefined;
      return lsn;
    } catch (error) {
      primaryDown = `not reachable (${causeMessage(error)})`;
      return null;
    }
  }

  function lagOf(row: ReplicaRow, primaryLsn: bigint | null): number | null {
    const replayed = lsnBytes(row.replayed);
    if (replayed === null) return null;
    if (primaryLsn === null) {
      // The primary is down: nothing more can arrive; a replica that replayed all it got is current.
      const received = lsnBytes(row.received);
      return received === null || replayed >= received ? 0 : row.replayAge;
    }
    if (replayed >= primaryLsn) return 0;
    const seen = sightings.filter((s) => s.lsn <= replayed).at(-1);
    const bounds = [seen ? (now() - seen.at) / 1000 : null, row.replayAge].filter((b): b is number => b !== null);
    return bounds.length ? Math.max(0, Math.min(...bounds)) : null;
  }

  function settle(replica: Replica, next: Pick<Replica, 'state' | 'lagSeconds' | 'reason' | 'replayed'>): void {
    const was = replica.state;
    Object.assign(replica, next, { checkedAt: now() });
    if (next.state !== 'up' && was !== next.state) {
      warn(`jobsight: read replica ${replica.location} skipped: ${next.reason}; tried again in ${REPLICA_CHECK.retryMs / 1000} s`);
    } else if (next.state === 'up' && was !== 'up' && was !== 'unchecked') {
      warn(`jobsight: read replica ${replica.location} is back (${next.lagSeconds ?? 0} s behind)`);
    }
  }

  const position = async (replica: Replica) =>
    (
      await queryRows<ReplicaRow>(
        replica.database.db,
        sql`select pg_is_in_recovery() as standby,
                   pg_last_wal_receive_lsn()::text as received,
                   pg_last_wal_replay_lsn()::text as replayed,
                   extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp())::float8 as "replayAge"`,
      )
    )[0];

  async function check(replica: Replica, primaryLsn: bigint | null): Promise<void> {
    let row: ReplicaRow | undefined;
    let lag: number | null = null;
    try {
      row = await position(replica);
      lag = row ? lagOf(row, primaryLsn) : null;
      // Behind the position just read from the primary, with no earlier sighting to bound the lag
      // (a fresh process; the last replayed commit of an idle primary is old): WAL in flight is
      // replayed within milliseconds, so look again briefly before calling the replica late.
      for (const wait of RECHECK_WAITS_MS) {
        if (!row?.standby || (lag !== null && lag <= maxLag)) break;
        await new Promise((resolve) => setTimeout(resolve, wait));
        row = await position(replica);
        lag = row ? lagOf(row, primaryLsn) : null;
      }
    } catch (error) {
      return settle(replica, { state: 'down', lagSeconds: null, replayed: null, reason: `not reachable (${causeMessage(error)})` });
    }
    if (!row?.standby) {
      return settle(replica, { state: 'not-standby', lagSeconds: null, replayed: null, reason: 'not a standby (pg_is_in_recovery() is false)' });
    }
    const rounded = lag === null ? null : Math.round(lag * 10) / 10;
    const replayed = lsnBytes(row.replayed);
    if (lag === null || lag > maxLag) {
      const behind = lag === null ? 'an unknown time' : `${rounded} s`;
      return settle(replica, { state: 'lagging', lagSeconds: rounded, replayed, reason: `${behind} behind the primary (most allowed: ${maxLag} s)` });
    }
    settle(replica, { state: 'up', lagSeconds: rounded, replayed, reason: undefined });
  }

  /** Checks the replicas whose last check is too old (all of them with `all`), once at a time. */
  function refresh(all = false): Promise<void> {
    const due = replicas.filter((r) => all || now() - r.checkedAt >= (r.state === 'up' ? REPLICA_CHECK.recheckMs : REPLICA_CHECK.retryMs));
    if (due.length === 0) return round ?? Promise.resolve();
    round ??= (async () => {
      try {
        const primaryLsn = await primaryPosition();
        await Promise.all(due.map((r) => check(r, primaryLsn)));
      } finally {
        round = undefined;
      }
    })();
    return round;
  }

  /** A replica fit to read from now, or undefined for the primary. */
  async function pick(): Promise<Replica | undefined> {
    await refresh();
    const write = lastWrite;
    if (write) {
      // Replicas not yet past this process's last write: one look at how far they have replayed.
      const stale = replicas.filter((r) => r.state === 'up' && (r.replayed === null || r.replayed < write.lsn));
      await Promise.all(
        stale.map(async (r) => {
          try {
            r.replayed = lsnBytes((await position(r))?.replayed) ?? r.replayed;
          } catch {
            // down: the next check says so; the primary serves this read
          }
        }),
      );
    }
    const usable = replicas.filter((r) => r.state === 'up' && (!write || (r.replayed !== null && r.replayed >= write.lsn)));
    if (usable.length === 0) return undefined;
    turn = (turn + 1) % usable.length;
    const inTurn = [...usable.slice(turn), ...usable.slice(0, turn)];
    return inTurn.reduce((best, r) => (r.inFlight < best.inFlight ? r : best));
  }

  const readReplicas: ReadReplicas = {
    async read(fn) {
      for (;;) {
        const replica = await pick();
        if (!replica) return fn(primary);
        replica.inFlight++;
        try {
          return await fn(replica.database);
        } catch (error) {
          if (!isUnavailable(error)) throw error;
          // Lost during the read: skip it and run the read again elsewhere.
          settle(replica, { state: 'down', lagSeconds: null, replayed: null, reason: `lost during a read (${causeMessage(error)})` });
        } finally {
          replica.inFlight--;
        }
      }
    },
    async wrote() {
      const lsn = await primaryPosition();
      if (lsn !== null) lastWrite = { lsn, at: now() };
    },
    async nodes() {
      await refresh(true);
      return [
        {
          role: 'primary',
          location: primary.location,
          state: primaryDown ? 'down' : 'up',
          lagSeconds: primaryDown ? null : 0,
          ...(primaryDown ? { reason: primaryDown } : {}),
        },
        ...replicas.map(
          (r): NodeStatus => ({
            role: 'replica',
            location: r.location,
            state: r.state === 'unchecked' ? 'down' : r.state,
            lagSeconds: r.lagSeconds,
            ...(r.reason ? { reason: r.reason } : {}),
          }),
        ),
      ];
    },
  };

  return {
    ...primary,
    replicas: readReplicas,
    async close() {
      await Promise.all([primary.close(), ...replicas.map((r) => r.database.close())]);
    },
  };
}
