/**
 * Candidate pairs by vector kNN (one lateral ORDER BY distance LIMIT k per posting, the form an
 * HNSW index serves), confirmed by pg_trgm similarity of title + description, in one statement.
 * Postings in two different cities are never the same job: an employer's one advert for several
 * sites is several vacancies. Nor are two titles that differ on both sides or in a grade
 * (titles.ts): an employer's boilerplate can make up most of two adverts for different posts.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import type { ClusterOptions } from './options.ts';
import { sameJobTitles } from './titles.ts';

export interface ConfirmedPair {
  a: number;
  b: number;
  distance: number;
  similarity: number;
  /** The cities of a and b, as stored. */
  cityA: string | null;
  cityB: string | null;
}

/** A list of ids as one bound `bigint[]` parameter (Drizzle would expand a JS array into many). */
export const idArray = (ids: readonly number[]) => sql`${`{${ids.join(',')}}`}::bigint[]`;

/** The confirmed near-duplicates of each of `ids` among every stored posting. */
export async function confirmedPairs(db: Db, ids: readonly number[], options: ClusterOptions): Promise<ConfirmedPair[]> {
  if (ids.length === 0) return [];
  {
    const rows = await queryRows<ConfirmedPair & { titleA: string; titleB: string }>(
      db,
      sql`with targets as (select id, embedding from jobs where id = any(${idArray(ids)}) and embedding is not null),
        near as (
          select t.id as a, n.id as b, n.distance
          from targets t
          cross join lateral (
            select j.id, j.embedding <=> t.embedding as distance from jobs j
            order by j.embedding <=> t.embedding limit ${options.neighbours + 1}
          ) n
          where n.id <> t.id and n.distance <= ${options.maxDistance}::float8
        ),
        scored as (
          select near.a, near.b, near.distance,
                 similarity(a.title || ' ' || a.description, b.title || ' ' || b.description) as similarity,
                 a.city as "cityA", b.city as "cityB", a.title as "titleA", b.title as "titleB"
          from near join jobs a on a.id = near.a join jobs b on b.id = near.b
          where (a.city is null or b.city is null or lower(a.city) = lower(b.city))
        )
        select a::float8 as a, b::float8 as b, distance::float8 as distance, similarity::float8 as similarity, "cityA", "cityB", "titleA", "titleB"
        from scored where similarity >= ${options.similarity}::float4`,
    );
    return rows
      .filter((r) => sameJobTitles(r.titleA, r.titleB))
      .map(({ titleA: _a, titleB: _b, ...r }) => ({
        ...r,
        a: Number(r.a),
        b: Number(r.b),
        distance: Number(r.distance),
        similarity: Number(r.similarity),
      }));
  }
}
