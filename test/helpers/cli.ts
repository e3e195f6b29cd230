/**
 * The `jobsight` command as a user runs it: a child process on a fresh embedded data folder or,
 * for the server engine, on a bare server database of its own (the first command sets it up).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openTestDatabase, type EngineName } from './engines.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/jobsight.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliWorkspace {
  /** A temporary folder for the test's own files; the embedded database lives in `dir/data`. */
  dir: string;
  /** Server engine: the workspace's own database. */
  databaseUrl?: string;
  jobsight(...args: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

export async function openCliWorkspace(engine: EngineName): Promise<CliWorkspace> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jobsight-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.DATABASE_URL;
  let closeDatabase = async () => {};
  if (engine === 'pglite') {
    env.JOBSIGHT_DATA_DIR = path.join(dir, 'data');
  } else {
    const database = await openTestDatabase('server', { initialized: false });
    env.DATABASE_URL = database.location.replace(/^PostgreSQL server /, '');
    closeDatabase = () => database.close();
  }
  return {
    dir,
    databaseUrl: env.DATABASE_URL,
    async jobsight(...args) {
      try {
        const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 120_000 });
        return { code: 0, stdout, stderr };
      } catch (e) {
        const err = e as CliResult;
        return { code: err.code, stdout: err.stdout, stderr: err.stderr };
      }
    },
    async close() {
      await closeDatabase();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
