/**
 * ChromaDB for side-by-side comparison: its local server (the `chroma run` binary that the npm
 * package ships, no Python), cosine HNSW built with the parameters of our pgvector index
 * (16 neighbours, ef_construction 64; Chroma's own defaults are 16 and 100) so both graphs are
 * built alike.
 *
 * One collection per ef_search: Chroma 1.0 has no per-query ef_search, and `collection.modify({
 * configuration: { hnsw: { ef_search } } })` on server 1.0.0 updates the stored configuration but
 * not the index the server has loaded (tried: a collection created at ef_search 10 kept recall
 * 0.16 after modify to 200, re-opened or not, while one created at 200 had 0.90). So the value is
 * set at creation, where it does take effect.
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

/** Chroma's HNSW build parameters, those of our pgvector index (m 16, ef_construction 64, cosine). */
export const CHROMA_HNSW = { space: 'cosine', max_neighbors: 16, ef_construction: 64 } as const;

/** A new, empty collection searching with `efSearch` (any old one of that name dropped). */
export async function freshCollection(client: ChromaClient, name: string, efSearch = 40): Promise<Collection> {
  await client.deleteCollection({ name }).catch(() => {});
  return client.createCollection({ name, embeddingFunction: null, configuration: { hnsw: { ...CHROMA_HNSW, ef_search: efSearch } } });
}

/** The collection name for one data set and ef_search. */
export const collectionName = (prefix: string, efSearch: number) => `${prefix}-ef${efSearch}`;

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

/**
 * One collection per ef_search holding `rows`, named collectionName(prefix, ef). Collections the
 * load measurement already filled (same name, same count) are reused, the others made and filled.
 */
export async function collectionsByEfSearch(
  client: ChromaClient,
  prefix: string,
  efSearch: readonly number[],
  rows: readonly ChromaRow[],
): Promise<Map<number, Collection>> {
  const out = new Map<number, Collection>();
  for (const ef of efSearch) {
    const name = collectionName(prefix, ef);
    const existing = await client.getCollection({ name, embeddingFunction: null }).catch(() => null);
    if (existing && (await existing.count()) === rows.length && existing.configuration.hnsw?.ef_search === ef) {
      out.set(ef, existing);
      continue;
    }
    const collection = await freshCollection(client, name, ef);
    await addRows(collection, rows);
    out.set(ef, collection);
  }
  return out;
}

/** Drops the collections collectionsByEfSearch made. */
export async function dropCollections(client: ChromaClient, collections: Map<number, Collection>): Promise<void> {
  for (const c of collections.values()) await client.deleteCollection({ name: c.name }).catch(() => {});
}
