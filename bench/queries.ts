/**
 * Query texts for a data set: the title and city of postings picked by a fixed hash order, as a
 * person would type them ("Staff Nurse Leeds"), embedded once by the built-in embedder.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../src/db/database.ts';
import type { Embedder } from '../src/embed/embedder.ts';

export interface BenchQuery {
  text: string;
  /** pgvector text form, for bare SQL. */
  vector: string;
  /** The same vector as numbers, for Chroma. */
  numbers: number[];
}

export async function pickQueries(database: Database, embedder: Embedder, count: number): Promise<BenchQuery[]> {
  const rows = await queryRows<{ text: string }>(
    database.db,
    sql`select trim(title || ' ' || coalesce(city, '')) as text from jobs order by md5(id::text || 'bench') limit ${count}`,
  );
  const vectors = await embedder.embed(rows.map((r) => r.text));
  return rows.map((r, i) => {
    const numbers = Array.from(vectors[i]!);
    return { text: r.text, vector: `[${numbers.join(',')}]`, numbers };
  });
}
