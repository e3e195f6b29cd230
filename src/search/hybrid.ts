/**
 * Hybrid search: the vector and full-text rankings fused by Reciprocal Rank Fusion in one SQL
 * statement (the pgvector-node hybrid-search example's shape). Only ranks are fused, so the two
 * branches' incomparable scores (a distance, a ts_rank_cd) never meet.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { JobsightError } from '../errors.ts';
import { filterConditions, parseFilters, type SearchFilters, type SearchFiltersInput } from './filters.ts';
import {
  checkCount,
  checkQuery,
  distanceOperator,
  DEFAULT_EF_SEARCH,
  embedQuery,
  HIT_COLUMNS,
  numericHit,
  withScanSettings,
  type Metric,
  type VectorHit,
} from './vector.ts';

export interface HybridHit extends Omit<VectorHit, 'distance'> {
  /** 1-based rank in the vector branch; null when the posting was not among its candidates. */
  vectorRank: number | null;
  /** 1-based rank in the text branch; null when the posting was not among its candidates. */
  textRank: number | null;
  /** The fused score (see rrfScore): larger is better. */
  score: number;
  /** Distance for the metric; null only for a posting without an embedding. */
  distance: number | null;
  /** Up to two description fragments with query words marked «like this». */
  snippet: string;
}

/**
 * Hybrid search's defaults, used by the library, the CLI and the API alike. Chosen by
 * measurement on the tuning sets in eval/ with the semantic embedder (README, "Measuring search
 * quality"): full text is the sharper signal when it matches, so it weighs more; 100 candidates
 * per branch let a posting both branches rank lower still surface (+0.015 nDCG@10 over 50); rrfK 20
 * was within 0.01 of the RRF paper's 60.
 */
export const HYBRID_DEFAULTS = {
  /** Postings each branch ranks before fusion. */
  candidates: 100,
  /** RRF's k constant. */
  rrfK: 60,
  vectorWeight: 0.7,
  textWeight: 1,
} as const;

export interface RrfOptions {
  /** RRF's k constant: larger flattens the difference between ranks. Default HYBRID_DEFAULTS.rrfK (60, the RRF paper's). */
  rrfK?: number;
  /** Weight of the vector ranking. Default HYBRID_DEFAULTS.vectorWeight (0.7). */
  vectorWeight?: number;
  /** Weight of the text ranking. Default HYBRID_DEFAULTS.textWeight (1). */
  textWeight?: number;
}

export interface HybridSearchOptions extends RrfOptions {
  /** How many fused hits, 1 to 1000. Default 10. */
  k?: number;
  /** How many postings each branch ranks before fusion, 1 to 1000. Default HYBRID_DEFAULTS.candidates (100). */
  candidates?: number;
  /** Distance function of the vector branch. Default 'cosine'. */
  metric?: Metric;
  /** Structured filters, applied inside both branches (see filters.ts). */
  filters?: SearchFiltersInput;
  /**
   * What the text branch searches for, in websearch syntax, when it should differ from the
   * embedded query: resume matching embeds the resume but searches its skills joined with OR.
   */
  textQuery?: string;
  /** HNSW candidate list size for the vector branch (1 to 1000). */
  efSearch?: number;
  /** IVFFlat lists scanned by the vector branch (1 to 1000). */
  probes?: number;
}

function checkRrf(options: RrfOptions): Required<RrfOptions> {
  const resolved = {
    rrfK: options.rrfK ?? HYBRID_DEFAULTS.rrfK,
    vectorWeight: options.vectorWeight ?? HYBRID_DEFAULTS.vectorWeight,
    textWeight: options.textWeight ?? HYBRID_DEFAULTS.textWeight,
  };
  for (const [name, value] of Object.entries(resolved)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new JobsightError(`${name} must be a number of 0 or more, got ${JSON.stringify(value)}`);
    }
  }
  if (resolved.rrfK === 0) throw new JobsightError('rrfK must be greater than 0, got 0', { hint: 'The usual value is 60.' });
  return resolved;
}

/**
 * The fused score of one posting, as the SQL computes it, in the same order of float8 operations:
 * vectorWeight/(rrfK + vectorRank) + textWeight/(rrfK + textRank), a missing rank adding 0.
 *
 * @example rrfScore({ vectorRank: 1, textRank: null }) === 1 / 61
 */
export function rrfScore(ranks: { vectorRank: number | null; textRank: number | null }, options: RrfOptions = {}): number {
  const { rrfK, vectorWeight, textWeight } = checkRrf(options);
  const vector = ranks.vectorRank === null ? 0 : vectorWeight / (rrfK + ranks.vectorRank);
  const text = ranks.textRank === null ? 0 : textWeight / (rrfK + ranks.textRank);
  return vector + text;
}

/** What the fused ranking needs; every value already checked by the caller. */
export interface HybridRankingInput extends Required<RrfOptions> {
  /** The query embedding as pgvector text (see embedQuery). */
  vector: string;
  /** The text branch's query, in websearch syntax. */
  words: string;
  /** The distance operator (see distanceOperator). */
  op: SQL;
  filters: SearchFilters;
  candidates: number;
  k: number;
}

/**
 * The CTEs of hybrid search, ending in `fused (id, vector_rank, text_rank, score)`: the top k
 * postings by RRF. Placed after `with`: hybridSearch selects its hits from `fused`, and market
 * analytics (analytics/slice.ts) aggregate over its ids, so both rank postings the same way.
 *
 * @example sql`with ${hybridRanking(input)} select id from fused`
 */
export function hybridRanking(input: HybridRankingInput): SQL {
  const { vector, words, op, filters, candidates, k, rrfK, vectorWeight, textWeight } = input;
  return sql`vector_branch as materialized (
      select jobs.id, jobs.embedding ${op} ${vector}::vector as distance
      from jobs
      where jobs.embedding is not null and ${filterConditions(filters)}
      order by distance
      limit ${candidates}
    ),
    vector_ranked as (
      select id, row_number() over (order by distance, id) as rank from vector_branch
    ),
    text_branch as (
      select jobs.id, ts_rank_cd(jobs.search_vector, websearch_to_tsquery('english', ${words})) as text_score
      from jobs
      where jobs.search_vector @@ websearch_to_tsquery('english', ${words}) and ${filterConditions(filters)}
      order by text_score desc, jobs.id
      limit ${candidates}
    ),
    text_ranked as (
      select id, row_number() over (order by text_score desc, id) as rank from text_branch
    ),
    fused as (
      select coalesce(v.id, t.id) as id, v.rank as vector_rank, t.rank as text_rank,
             coalesce(${vectorWeight}::float8 / (${rrfK}::float8 + v.rank), 0)
               + coalesce(${textWeight}::float8 / (${rrfK}::float8 + t.rank), 0) as score
      from vector_ranked v
      full outer join text_ranked t on t.id = v.id
      order by score desc, id
      limit ${k}
    )`;
}

/**
 * The k best postings by RRF over a vector branch and a text branch, each its top `candidates`
 * after filters; ties by id. Filtered searches run with HNSW iterative scans so the vector
 * branch still finds `candidates` rows.
 *
 * @example
 * const hits = await hybridSearch(db, embedder, 'python data engineer', { k: 10, textWeight: 0.5 });
 */
export async function hybridSearch(db: Db, embedder: Embedder, query: string, options: HybridSearchOptions = {}): Promise<HybridHit[]> {
  checkQuery(query);
  const k = checkCount('k', options.k ?? 10);
  const candidates = checkCount('candidates', options.candidates ?? HYBRID_DEFAULTS.candidates);
  const op = distanceOperator(options.metric ?? 'cosine');
  const { rrfK, vectorWeight, textWeight } = checkRrf(options);
  const filters = parseFilters(options.filters);
  const vector = await embedQuery(embedder, query);
  const words = options.textQuery === undefined ? query : checkQuery(options.textQuery);

  const rows = await withScanSettings(db, { iterative: options.filters !== undefined, efSearch: options.efSearch ?? DEFAULT_EF_SEARCH, probes: options.probes }, (tx) =>
    queryRows<HybridHit>(
      tx,
      sql`with ${hybridRanking({ vector, words, op, filters, candidates, k, rrfK, vectorWeight, textWeight })}
          select ${HIT_COLUMNS},
                 fused.vector_rank::int as "vectorRank", fused.text_rank::int as "textRank", fused.score,
                 jobs.embedding ${op} ${vector}::vector as "distance",
                 ts_headline('english', jobs.description, websearch_to_tsquery('english', ${words}),
                             'StartSel=«, StopSel=», MaxFragments=2') as "snippet"
          from fused
          join jobs on jobs.id = fused.id
          left join companies on companies.id = jobs.company_id
          order by fused.score desc, jobs.id`,
    ),
  );
  return rows.map(numericHit);
}
