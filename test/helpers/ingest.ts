import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/db/database.ts';
import { ingestFiles, type IngestOptions } from '../../src/ingest/pipeline.ts';
import { createRejectWriter } from '../../src/ingest/rejects.ts';
import { testEmbedder } from './engines.ts';

/** Runs an ingest the way the CLI does, with its reject file in a fresh temporary folder. */
export async function ingest(database: Database, files: string[], options: IngestOptions = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'jobsight-rejects-'));
  const rejects = createRejectWriter(path.join(dir, 'rejects.jsonl'));
  return ingestFiles({ database, embedder: testEmbedder, rejects }, files, options);
}
