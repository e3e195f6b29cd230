/** The text each stored job is embedded from, read back from the tables (re-embedding, the embedding queue, tuning). */
import { type SQL, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import { embeddingText } from './derived.ts';

export interface StoredText {
  id: number;
  title: string;
  description: string;
  /** embeddingText of the job as stored (title, employer, place, description). */
  text: string;
}

/**
 * The jobs `where` selects (a condition on `j`, the jobs table), by id, at most `limit`, each with
 * its embedded text.
 * @example await storedTexts(db, sql`j.embedding is null`, 100)
 */
export async function storedTexts(db: Db, where: SQL, limit?: number): Promise<StoredText[]> {
  const rows = await queryRows<{
    id: number;
    title: string;
    company: string | null;
    city: string | null;
    region: string | null;
    country: string | null;
    description: string;
  }>(
    db,
    sql`select j.id, j.title, c.name as company, j.city, j.region, j.country, j.description
        from jobs j left join companies c on c.id = j.company_id
        where ${where} order by j.id ${limit === undefined ? sql`` : sql`limit ${limit}`}`,
  );
  return rows.map((r) => ({ id: Number(r.id), title: r.title, description: r.description, text: embeddingText(r) }));
}
