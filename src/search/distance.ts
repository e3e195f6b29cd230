/**
 * Distance to a query vector: pgvector's operator for each metric, the query's embedding as a
 * bound parameter, and the nearest-postings CTE every vector path uses (vector search, similar
 * postings, the hybrid vector branch, a market slice). It orders by the distance operator
 * ascending with a LIMIT, the only form an HNSW or IVFFlat index can serve.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Embedder } from '../embed/embedder.ts';
import type { Metric } from './options.ts';
import { FULL_PRECISION, nearestRows, type SearchAccess } from './quantised.ts';

/** pgvector's operators; constants, so they are safe to place in SQL text. */
const OPERATOR: Record<Metric, SQL> = { cosine: sql.raw('<=>'), l2: sql.raw('<->'), ip: sql.raw('<#>') };

/** The distance operator for a (validated) metric. */
export function distanceOperator(metric: Metric): SQL {
  return OPERATOR[metric];
}

/** The query's embedding as pgvector text, sent as a bound parameter and cast with `::vector`. */
export async function embedQuery(embedder: Embedder, query: string): Promise<string> {
  const [vector] = await embedder.embed([query]);
  return vectorText(vector!);
}

/**
 * `[0.1,-0.2,...]`: the text Array.from(vector).join(',') gives, built by concatenation, which
 * takes half the time (no array of 384 numbers, no join): it is the biggest part of a search's
 * own JavaScript.
 */
function vectorText(vector: Float32Array): string {
  let text = '[';
  for (let i = 0; i < vector.length; i++) text += i === 0 ? vector[i] : `,${vector[i]}`;
  return `${text}]`;
}

/**
 * `name (id, distance)`: the `limit` postings with an embedding nearest to `target` (always a
 * bound vector parameter: on Citus each shard then answers its own top k through its index, where
 * a scalar subquery would be refused), among those where `where` holds. Materialized, so PostgreSQL
 * runs the index scan once and outer queries re-sort and filter its few rows. `access` (see
 * quantised.ts, searchAccess) orders the scan the way a quantised index serves; the distance is
 * the full-precision one either way.
 *
 * @example sql`with ${nearest('nearest', { op, target: sql`${vector}::vector`, where: sql`true`, limit: 10 })} select * from nearest`
 */
export function nearest(name: string, options: { op: SQL; target: SQL; where: SQL; limit: number; access?: SearchAccess }): SQL {
  const { access = FULL_PRECISION, ...scan } = options;
  return sql`${sql.identifier(name)} as materialized (
      ${nearestRows(access, scan)}
    )`;
}
