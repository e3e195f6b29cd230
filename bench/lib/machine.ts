/** What the benchmark ran on, recorded with every result. */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import pg from 'pg';

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  postgres: string;
  pgvector: string;
  pglite: string;
  pglitePgvector: string;
  chromadbClient: string;
}

async function packageVersion(name: string): Promise<string> {
  try {
    const file = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(await readFile(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export async function machineInfo(serverUrl: string): Promise<MachineInfo> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  let postgres = 'unknown';
  let pgvector = 'unknown';
  try {
    postgres = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
    const row = (await client.query<{ v: string }>("select default_version as v from pg_available_extensions where name = 'vector'")).rows[0];
    pgvector = row?.v ?? 'not installed';
  } finally {
    await client.end();
  }
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres,
    pgvector,
    pglite: await packageVersion('@electric-sql/pglite'),
    pglitePgvector: await packageVersion('@electric-sql/pglite-pgvector'),
    chromadbClient: await packageVersion('chromadb'),
  };
}
