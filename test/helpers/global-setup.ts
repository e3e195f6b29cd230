/**
 * Runs once before all test files: builds a migrated PGlite cluster and dumps it, so each test
 * file loads it in about a second instead of running initdb in WASM (several seconds); makes sure
 * the word-vector cache exists.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../src/db/pglite.ts';
import { initDatabase } from '../../src/db/setup.ts';
import { createEmbedder } from '../../src/embed/index.ts';
import { loadWordVectors } from '../../src/embed/semantic/build-cache.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The semantic embedder's word-vector cache, built once here (npm ci's postinstall usually has)
  // rather than awaited by every test process and CLI child that uses the default embedder.
  await loadWordVectors();
  const dir = await mkdtemp(path.join(tmpdir(), 'jobsight-test-'));
  const database = await openPglite({ kind: 'embedded', dataDir: 'memory://' });
  await initDatabase(database.db, createEmbedder({ provider: 'hash', dimensions: 384 }));
  const file = path.join(dir, 'migrated.tar');
  await writeFile(file, Buffer.from(await (await database.dump()).arrayBuffer()));
  await database.close();
  project.provide('pgliteDump', file);
  return () => rm(dir, { recursive: true, force: true });
}
