/**
 * ChromaDB for side-by-side comparison: its local server (the `chroma run` binary that the npm
 * package ships, no Python), one collection per data set, cosine HNSW with pgvector's default
 * build parameters (16 neighbours, ef_construction 64) so both indexes are built alike.
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
  client: ChromaClient;
  version: string;
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

/** Starts a local Chroma server on a free port with its data in a temporary folder. */
export async function startChroma(): Promise<ChromaServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jobsight-bench-chroma-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [CHROMA_BIN, 'run', '--path', dir, '--host', '127.0.0.1', '--port', String(port)], {
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  let up = false;
  for (let i = 0; i < 150 && !up; i++) {
    up = await fetch(`${base}/api/v2/heartbeat`).then((r) => r.ok, () => false);
    if (!up) await new Promise((r) => setTimeout(r, 200));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await rm(dir, { recursive: true, force: true });
  };
  if (!up) {
    await stop();
    throw new Error(`chroma run did not answer on ${base} within 30 s`);
  }
  const version = await fetch(`${base}/api/v2/version`).then((r) => r.json() as Promise<string>, () => 'unknown');
  return { client: new ChromaClient({ host: '127.0.0.1', port }), version, stop };
}

export interface ChromaRow {
  id: string;
  document: string;
  embedding: number[];
  metadata: { country: string; remoteMode: string };
}

/** A new, empty collection (any old one of that name dropped). */
export async function freshCollection(client: ChromaClient, name: string): Promise<Collection> {
  await client.deleteCollection({ name }).catch(() => {});
  return client.createCollection({
    name,
    embeddingFunction: null,
    configuration: { hnsw: { space: 'cosine', max_neighbors: 16, ef_construction: 64, ef_search: 40 } },
  });
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

/** Sets the collection's HNSW ef_search (Chroma's per-collection setting; there is no per-query one). */
export async function setChromaEfSearch(collection: Collection, efSearch: number): Promise<void> {
  await collection.modify({ configuration: { hnsw: { ef_search: efSearch } } });
}

/** Top-k ids for one query embedding. */
export async function chromaTopK(collection: Collection, embedding: number[], k: number): Promise<string[]> {
  const result = await collection.query({ queryEmbeddings: [embedding], nResults: k, include: [] });
  return result.ids[0] ?? [];
}
