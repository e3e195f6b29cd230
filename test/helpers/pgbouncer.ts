/**
 * A PgBouncer of a test's own in front of a throwaway cluster: transaction pooling, on a free
 * loopback port, trust auth, in a temporary folder removed afterwards. Debian's `pgbouncer`
 * package; PgBouncer refuses to run as root, so as root it runs as the `postgres` OS user.
 *
 * @example
 * const bouncer = await startPgBouncer(cluster, 'jobsight');
 * // bouncer.url: postgres://jobsight@127.0.0.1:PORT/jobsight, every transaction on any server connection
 * await bouncer.stop();
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, SUPERUSER, type ThrowawayCluster } from './throwaway-cluster.ts';

export const PGBOUNCER = process.env.JOBSIGHT_PGBOUNCER ?? '/usr/sbin/pgbouncer';

/** Whether PgBouncer is installed here; its suite skips visibly when not. */
export const CAN_START_PGBOUNCER = existsSync(PGBOUNCER);

export interface PgBouncer {
  port: number;
  url: string;
  /** Its log so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** PgBouncer in transaction pooling mode for `database` on `cluster`, at most `poolSize` server connections. */
export async function startPgBouncer(cluster: ThrowawayCluster, database: string, poolSize = 3): Promise<PgBouncer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'jobsight-pgbouncer-'));
  const ini = path.join(dir, 'pgbouncer.ini');
  const logFile = path.join(dir, 'pgbouncer.log');
  writeFileSync(path.join(dir, 'userlist.txt'), `"${SUPERUSER}" ""\n`);
  writeFileSync(
    ini,
    `[databases]
${database} = host=127.0.0.1 port=${cluster.port} dbname=${database}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${path.join(dir, 'userlist.txt')}
pool_mode = transaction
default_pool_size = ${poolSize}
max_client_conn = 200
logfile = ${logFile}
`,
  );
  writeFileSync(logFile, '');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    for (const file of [dir, logFile, ini, path.join(dir, 'userlist.txt')]) chownSync(file, uid, gid);
  }
  const child: ChildProcess = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', PGBOUNCER, ini], { stdio: 'ignore' })
    : spawn(PGBOUNCER, [ini], { stdio: 'ignore' });
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; !(await listening(port)); i++) {
    if (i > 100 || child.exitCode !== null) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`pgbouncer did not start:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  let stopped = false;
  return {
    port,
    url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`,
    log,
    async stop() {
      if (stopped) return;
      stopped = true;
      // runuser passes SIGTERM on to pgbouncer, which then exits.
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
