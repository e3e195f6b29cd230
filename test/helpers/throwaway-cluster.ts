/**
 * A PostgreSQL cluster of a test's own, to restart, stop or break without touching the shared
 * server: initdb into a temporary folder, pg_ctl start on a free loopback port, trust auth for
 * the superuser `jobsight`. pgvector comes with it when it is installed into that PostgreSQL.
 * initdb refuses to run as root, so as root every PostgreSQL program runs as the `postgres`
 * OS user (runuser), in a folder that user owns.
 *
 * @example
 * const cluster = await startThrowawayCluster();
 * const url = await cluster.createDatabase('faults');   // postgres://jobsight@127.0.0.1:PORT/faults
 * await cluster.restart();                               // fast shutdown: sessions are cut
 * await cluster.remove();
 * const standby = await startStandby(cluster);           // a streaming replica of it, on another port
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Where initdb and pg_ctl are: JOBSIGHT_PG_BIN, else Debian's PostgreSQL 15. */
export const PG_BIN = process.env.JOBSIGHT_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Whether throwaway clusters can be made here; fault suites skip visibly when not. */
export const CAN_START_CLUSTERS = existsSync(path.join(PG_BIN, 'initdb')) && existsSync(path.join(PG_BIN, 'pg_ctl'));

export const SUPERUSER = 'jobsight';

export interface ClusterOptions {
  /** Loopback port; default a free one. */
  port?: number;
  /** Extra postgresql.conf settings, e.g. { wal_level: 'replica', max_wal_senders: '4' }. */
  settings?: Record<string, string>;
  /** Extra pg_hba.conf lines (loopback trust for every database is already there). */
  hba?: string[];
  /**
   * Fills the empty data folder instead of initdb, e.g. a replica:
   * `init: (dataDir) => runPgProgram('pg_basebackup', ['-D', dataDir, '-d', primary.url, '-R'])`.
   */
  init?: (dataDir: string) => Promise<void>;
}

export interface ThrowawayCluster {
  port: number;
  /** The cluster's `postgres` database as the superuser. */
  url: string;
  dataDir: string;
  /** A database URL on this cluster (nothing is created). */
  urlFor(database: string): string;
  /** Creates a database (with pgvector available) and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Runs SQL as the superuser on `database` (default postgres). */
  query<T = Record<string, unknown>>(text: string, database?: string): Promise<T[]>;
  /** fast: sessions are terminated (what a restart by an admin does); immediate: like a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops the cluster (immediately) and deletes its folder. Idempotent. */
  remove(): Promise<void>;
  /** The server's log so far, for failure messages. */
  log(): string;
}

const asRoot = process.getuid?.() === 0;
const live = new Set<string>();

// A test process that dies must not leave clusters running: stop them on the way out.
process.once('exit', () => {
  for (const dir of live) {
    try {
      execFileSync(...pgCommand('pg_ctl', ['-D', dir, '-m', 'immediate', 'stop']), { stdio: 'ignore' });
    } catch {
      // already stopped
    }
  }
});

function pgCommand(program: string, args: string[]): [string, string[]] {
  const bin = path.join(PG_BIN, program);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/** Runs a PostgreSQL program (pg_basebackup, psql...) from PG_BIN, as the postgres OS user when root. */
export async function runPgProgram(program: string, args: string[]): Promise<string> {
  return pgRun(program, args);
}

async function pgRun(program: string, args: string[]): Promise<string> {
  const [file, argv] = pgCommand(program, args);
  const { stdout } = await run(file, argv, { timeout: 120_000 });
  return stdout;
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startThrowawayCluster(options: ClusterOptions = {}): Promise<ThrowawayCluster> {
  if (!CAN_START_CLUSTERS) throw new Error(`no initdb/pg_ctl in ${PG_BIN} (set JOBSIGHT_PG_BIN)`);
  const port = options.port ?? (await freePort());
  const root = mkdtempSync(path.join(tmpdir(), 'jobsight-cluster-'));
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(root, uid, gid);
  }
  if (options.init) await options.init(dataDir);
  else await pgRun('initdb', ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const settings: Record<string, string> = {
    listen_addresses: "'127.0.0.1'",
    port: String(port),
    unix_socket_directories: `'${root}'`,
    fsync: 'off',
    max_connections: '60',
    shared_buffers: '32MB',
    ...options.settings,
  };
  appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    `\n${Object.entries(settings)
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n')}\n`,
  );
  if (options.hba?.length) appendFileSync(path.join(dataDir, 'pg_hba.conf'), `\n${options.hba.join('\n')}\n`);
  writeFileSync(logFile, '');
  if (asRoot) chownSync(logFile, postgresUser().uid, postgresUser().gid);

  const urlFor = (database: string) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  const start = async () => {
    await pgRun('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
    live.add(dataDir);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await pgRun('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
    live.delete(dataDir);
  };
  const query = async <T>(text: string, database = 'postgres'): Promise<T[]> => {
    const client = new pg.Client({ connectionString: urlFor(database) });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  };
  await start();
  let removed = false;
  return {
    port,
    url: urlFor('postgres'),
    dataDir,
    urlFor,
    async createDatabase(name) {
      await query(`create database ${name}`);
      return urlFor(name);
    },
    query,
    stop,
    start,
    async restart(mode = 'fast') {
      await stop(mode);
      await start();
    },
    async remove() {
      if (removed) return;
      removed = true;
      if (live.has(dataDir)) await stop('immediate').catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
    log: () => {
      try {
        return execFileSync('tail', ['-n', '50', logFile]).toString();
      } catch {
        return '';
      }
    },
  };
}

/**
 * A streaming replica of `primary` on another free loopback port: pg_basebackup -R (a
 * standby.signal and primary_conninfo pointing at the primary) with the WAL streamed during the
 * copy, then started as a hot standby. The primary needs nothing more: PostgreSQL 15's defaults
 * (wal_level replica, max_wal_senders 10) and initdb's pg_hba.conf (loopback replication, trust)
 * allow it. Databases created on the primary afterwards arrive on the replica too.
 */
export async function startStandby(primary: ThrowawayCluster, options: Omit<ClusterOptions, 'init'> = {}): Promise<ThrowawayCluster> {
  return startThrowawayCluster({
    ...options,
    settings: { hot_standby: 'on', ...options.settings },
    init: async (dataDir) => {
      await pgRun('pg_basebackup', [
        '-D',
        dataDir,
        '-d',
        `host=127.0.0.1 port=${primary.port} user=${SUPERUSER}`,
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
        '-N',
      ]);
    },
  });
}

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}
