/**
 * Recall against the exact scan with ties counted as found (stats.ts `recallWithTies`). Every
 * system's hits, and the exact top-k itself, get their distance from the same SQL expression on
 * the same stored vectors, so rows with identical vectors tie exactly whichever system returned
 * them (Chroma's own distances are float32 and would differ in the last digits).
 */
import type pg from 'pg';
import { mean, recallWithTies } from './stats.ts';

/** Cosine distance of each id's stored embedding to `vector`; an id not in jobs is Infinity (a miss). */
export async function distancesOf(bare: pg.Client, vector: string, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const { rows } = await bare.query<{ id: string; distance: number }>(
    'select id, embedding <=> $1::vector as distance from jobs where id = any($2::bigint[])',
    [vector, ids],
  );
  const byId = new Map(rows.map((r) => [Number(r.id), Number(r.distance)]));
  return ids.map((id) => byId.get(id) ?? Number.POSITIVE_INFINITY);
}

/** Mean tie-aware recall@k of `found[i]` against the exact `truth[i]` for each query vector. */
export async function meanRecallWithTies(
  bare: pg.Client,
  vectors: readonly string[],
  truth: readonly (readonly number[])[],
  found: readonly (readonly number[])[],
  k: number,
): Promise<number> {
  if (found.length !== truth.length || vectors.length !== truth.length)
    throw new RangeError(`${found.length} results, ${truth.length} truths, ${vectors.length} queries`);
  const values: number[] = [];
  for (const [i, vector] of vectors.entries()) {
    const exact = await distancesOf(bare, vector, truth[i]!);
    values.push(recallWithTies(await distancesOf(bare, vector, found[i]!), exact, k));
  }
  return values.length ? mean(values) : 1;
}
