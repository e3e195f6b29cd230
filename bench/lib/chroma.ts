/**
 * ChromaDB for side-by-side comparison: its local server (the `chroma run` binary that the npm
 * package ships, no Python), cosine HNSW built with the parameters of our pgvector index
 * (16 neighbours, ef_construction 64; Chroma's own defaults are 16 and 100) so both graphs are
 * built alike.
 *
 * ef_search: Chroma 1.0 has no per-query ef_search, and on server 1.0.0 `collection.modify({
 * configuration: { hnsw: { ef_search } } })` updates the stored configuration but not the index
 * the server has already loaded (tried: a collection built at ef_search 10 kept recall 0.16 on
 * random vectors after modify to 200, re-opened or not). The server reads ef_search from the
 * configuration when it loads an index, so `withEfSearch` modifies and then restarts the server
 * (half a second; recall went to 0.89, that of a collection created at 200). `fork`, the other
 * way to get a second index cheaply, is not supported by local Chroma.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChromaClient, type Collection } from 'chromadb';

const CHROMA_BIN = fileURLToPath(new URL('../../node_modules/.bin/chroma', import.meta.url));
/** Rows per add() call (the server accepts up to about 5,000); 1,000 is what stack.md measured. */
export const CHROMA_BATCH = 1000;

export interface ChromaServer {
  /** The client of the running server; replaced by restart(). */
  client: ChromaClient;
  /** Its address, e.g. http://127.0.0.1:41234; replaced by restart(). */
  url: string;
  version: string;
  /** Stops and starts the server on the same data folder (it reloads indexes with their stored configuration). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** One `chroma run` process on a free port; resolves once it answers its heartbeat. */
async function runServer(dir: string): Promise<{ child: ChildProcess; base: string; port: number; kill(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [CHROMA_BIN, 'run', '--path', dir, '--host', '127.0.0.1', '--port', String(port)], {
    stdio: 'ignore',
  });
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (
      await fetch(`${base}/api/v2/heartbeat`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, base, port, kill };
    await new Promise((r) => setTimeout(r, 200));
  }
  await kill();
  throw new Error(`chroma run did not answer on ${base} within 30 s`);
}

/** Starts a local Chroma server on a free port with its data in a temporary folder. */
export async function startChroma(): Promise<ChromaServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jobsight-bench-chroma-'));
  let current = await runServer(dir).catch(async (e: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw e;
  });
  const version = await fetch(`${current.base}/api/v2/version`).then(
    (r) => r.json() as Promise<string>,
    () => 'unknown',
  );
  const server: ChromaServer = {
    client: new ChromaClient({ host: '127.0.0.1', port: current.port }),
    url: current.base,
    version,
    async restart() {
      await current.kill();
      current = await runServer(dir);
      server.client = new ChromaClient({ host: '127.0.0.1', port: current.port });
      server.url = current.base;
    },
    async stop() {
      await current.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return server;
}

export interface ChromaRow {
  id: string;
  document: string;
  embedding: number[];
  metadata: { country: string; remoteMode: string };
}

/** Chroma's HNSW build parameters, those of our pgvector index (m 16, ef_construction 64, cosine). */
export const CHROMA_HNSW = { space: 'cosine', max_neighbors: 16, ef_construction: 64 } as const;

/** A new, empty collection searching with `efSearch` (any old one of that name dropped). */
export async function freshCollection(client: ChromaClient, name: string, efSearch = 40): Promise<Collection> {
  await client.deleteCollection({ name }).catch(() => {});
  return client.createCollection({ name, embeddingFunction: null, configuration: { hnsw: { ...CHROMA_HNSW, ef_search: efSearch } } });
}

/**
 * Collection `name` searching with `efSearch`: the stored configuration modified, then the
 * server restarted so that it loads the index with it (see the note at the top).
 */
export async function withEfSearch(server: ChromaServer, name: string, efSearch: number): Promise<Collection> {
  const before = await server.client.getCollection({ name });
  if (before.configuration.hnsw?.ef_search !== efSearch) {
    await before.modify({ configuration: { hnsw: { ef_search: efSearch } } });
    await server.restart();
  }
  const collection = await server.client.getCollection({ name });
  if (collection.configuration.hnsw?.ef_search !== efSearch) {
    throw new Error(`Chroma collection ${name}: ef_search is ${collection.configuration.hnsw?.ef_search} after setting ${efSearch}`);
  }
  return collection;
}

/** Adds rows in batches of CHROMA_BATCH, documents and precomputed embeddings together. */
export async function addRows(collection: Collection, rows: readonly ChromaRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHROMA_BATCH) {
    const batch = rows.slice(i, i + CHROMA_BATCH);
    await collection.add({
      ids: batch.map((r) => r.id),
      documents: batch.map((r) => r.document),
      embeddings: batch.map((r) => r.embedding),
      metadatas: batch.map((r) => r.metadata),
    });
  }
}

/** Top-k ids for one query embedding. */
export async function chromaTopK(collection: Collection, embedding: number[], k: number): Promise<string[]> {
  const result = await collection.query({ queryEmbeddings: [embedding], nResults: k, include: [] });
  return result.ids[0] ?? [];
}
