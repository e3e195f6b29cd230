/**
 * Nearest postings to a query by embedding distance. Ordered by the distance operator
 * ascending, the only form a pgvector index can serve.
 */
import { cosineDistance, innerProduct, l2Distance, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { companies, jobs } from '../db/schema.ts';
import type { Embedder } from '../embed/embedder.ts';
import { JobsightError } from '../errors.ts';

export const METRICS = ['cosine', 'l2', 'ip'] as const;
export type Metric = (typeof METRICS)[number];

const DISTANCE = { cosine: cosineDistance, l2: l2Distance, ip: innerProduct } as const;

export interface VectorHit {
  id: number;
  title: string;
  company: string | null;
  city: string | null;
  country: string | null;
  /** pgvector's distance for the metric (for ip, the negative inner product: smaller is nearer). */
  distance: number;
}

export interface VectorSearchOptions {
  k?: number;
  metric?: Metric;
}

/**
 * @example const hits = await vectorSearch(db, embedder, 'paediatric nurse in London', { k: 5 });
 */
export async function vectorSearch(db: Db, embedder: Embedder, query: string, options: VectorSearchOptions = {}): Promise<VectorHit[]> {
  const k = options.k ?? 10;
  const metric = options.metric ?? 'cosine';
  if (!query.trim()) throw new JobsightError('the search query is empty');
  if (!Number.isInteger(k) || k < 1 || k > 1000) throw new JobsightError(`k must be a whole number from 1 to 1000, got ${k}`);
  const [vector] = await embedder.embed([query]);
  const distance = DISTANCE[metric](jobs.embedding, Array.from(vector!));
  const rows = await db
    .select({
      id: jobs.id,
      title: jobs.title,
      company: companies.name,
      city: jobs.city,
      country: jobs.country,
      distance: sql<number>`${distance}`.mapWith(Number),
    })
    .from(jobs)
    .leftJoin(companies, sql`${companies.id} = ${jobs.companyId}`)
    .where(sql`${jobs.embedding} is not null`)
    .orderBy(distance)
    .limit(k);
  return rows;
}
