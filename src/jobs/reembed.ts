/**
 * `jobsight db reembed`: moves a database to another embedder (or fills embeddings that are
 * missing). Resumable: each batch is its own transaction and only rows without an embedding
 * are picked, so running it again after an interruption finishes the job.
 */
import { sql } from 'drizzle-orm';
import type { Embedder } from '../embed/embedder.ts';
import { storedTexts } from './stored-texts.ts';
import { queryRows, type Db } from '../db/database.ts';
import { readEmbedderRecord, retypeEmbeddingColumn, writeEmbedderRecord } from '../db/embedder-record.ts';
import { dropVectorIndexes, restoreVectorIndexes } from '../db/vector-indexes.ts';

export interface ReembedProgress {
  done: number;
  total: number;
}

export interface ReembedResult {
  from: string | null;
  to: string;
  reembedded: number;
  indexesRebuilt: string[];
}

export async function reembedAll(
  db: Db,
  embedder: Embedder,
  options: { batchSize?: number; onProgress?: (p: ReembedProgress) => void } = {},
): Promise<ReembedResult> {
  const batchSize = options.batchSize ?? 500;
  const recorded = await readEmbedderRecord(db);
  const switching = !recorded || recorded.name !== embedder.name || recorded.dimensions !== embedder.dimensions;
  if (switching) {
    await db.transaction(async (tx) => {
      await dropVectorIndexes(tx);
      await retypeEmbeddingColumn(tx, embedder.dimensions);
      await writeEmbedderRecord(tx, embedder);
    });
  }

  const [{ total } = { total: 0 }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from jobs where embedding is null`);
  let done = 0;
  options.onProgress?.({ done, total });
  for (;;) {
    const rows = await storedTexts(db, sql`j.embedding is null`, batchSize);
    if (rows.length === 0) break;
    const vectors = await embedder.embed(rows.map((r) => r.text));
    await db.execute(
      sql`update jobs set embedding = v.embedding::vector
          from unnest(${sql.param(rows.map((r) => r.id))}::bigint[], ${sql.param(vectors.map((v) => `[${v.join(',')}]`))}::text[]) as v(id, embedding)
          where jobs.id = v.id`,
    );
    done += rows.length;
    options.onProgress?.({ done, total });
  }

  const rebuilt = await restoreVectorIndexes(db);
  return {
    from: recorded ? `${recorded.name} (${recorded.dimensions})` : null,
    to: `${embedder.name} (${embedder.dimensions})`,
    reembedded: done,
    indexesRebuilt: rebuilt,
  };
}
