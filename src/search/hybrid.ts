/**
 * Hybrid search: the vector and full-text rankings fused by Reciprocal Rank Fusion in one SQL
 * statement (the pgvector-node hybrid-search example's shape). Only ranks are fused, so the two
 * branches' incomparable scores (a distance, a ts_rank_cd) never meet.
 */
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { DEFAULT_EF_SEARCH, HYBRID_DEFAULTS, MAX_CANDIDATES } from '../core/defaults.ts';
import { finiteNumber, nonNegativeNumber, parseInput, wholeNumber } from '../core/validation.ts';
import type { Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { distanceOperator, embedQuery, nearest } from './distance.ts';
import { filterConditions, SearchFilters } from './filters.ts';
import { type Hit, numericHit, selectHits } from './hits.ts';
import { hitCount, metric, scanOptions, searchText } from './options.ts';
import { type SearchAccess, scanThrough, searchAccess } from './quantised.ts';
import { isDistributed, type SearchSettings, scanRows, scanTarget } from './scan-settings.ts';

export interface HybridHit extends Hit {
  /** 1-based rank in the vector branch; null when the posting was not among its candidates. */
  vectorRank: number | null;
  /** 1-based rank in the text branch; null when the posting was not among its candidates. */
  textRank: number | null;
  /** The fused score (see rrfScore): larger is better. */
  score: number;
  /** Distance for the metric; null only for a posting without an embedding. */
  distance: number | null;
  /**
   * Up to two description fragments with query words marked «like this»; only when asked for
   * (`snippets`): ts_headline re-parses each hit's whole description, a third or more of the query.
   */
  snippet?: string;
}

/** How the two rankings are fused; defaults in core/defaults.ts (HYBRID_DEFAULTS). */
export const RRF_OPTIONS = {
  rrfK: finiteNumber()
    .gt(0, 'must be greater than 0 (the usual value is 60)')
    .default(HYBRID_DEFAULTS.rrfK)
    .describe('hybrid: the RRF constant k; larger flattens the difference between ranks'),
  vectorWeight: nonNegativeNumber().default(HYBRID_DEFAULTS.vectorWeight).describe('hybrid: weight of the vector branch'),
  textWeight: nonNegativeNumber().default(HYBRID_DEFAULTS.textWeight).describe('hybrid: weight of the text branch'),
};
const RrfOptions = z.object(RRF_OPTIONS);
export type RrfOptions = z.input<typeof RrfOptions>;

/** Whether hits carry a snippet (see HybridHit.snippet); people-facing callers ask for it. */
export const snippetsOption = (fallback: boolean) =>
  z
    .boolean()
    .default(fallback)
    .describe('hybrid: a snippet per result, description fragments with the query words marked (false: lighter, faster replies)');

/** How many postings each branch ranks before fusion. */
export const candidateCount = () =>
  wholeNumber(1, MAX_CANDIDATES).default(HYBRID_DEFAULTS.candidates).describe('hybrid: results taken from each branch before fusing');

export const HybridSearchOptions = z.strictObject({
  query: searchText(),
  k: hitCount(),
  candidates: candidateCount(),
  metric: metric(),
  filters: SearchFilters.optional(),
  /**
   * What the text branch searches for, in websearch syntax, when it should differ from the
   * embedded query: resume matching embeds the resume but searches its skills joined with OR.
   */
  textQuery: searchText().optional(),
  snippets: snippetsOption(false),
  ...scanOptions(),
  ...RRF_OPTIONS,
});
export type HybridSearchOptions = Omit<z.input<typeof HybridSearchOptions>, 'query'>;

/**
 * The fused score of one posting, as the SQL computes it, in the same order of float8 operations:
 * vectorWeight/(rrfK + vectorRank) + textWeight/(rrfK + textRank), a missing rank adding 0.
 *
 * @example rrfScore({ vectorRank: 1, textRank: null }) === 1 / 61
 */
export function rrfScore(ranks: { vectorRank: number | null; textRank: number | null }, options: RrfOptions = {}): number {
  const { rrfK, vectorWeight, textWeight } = parseInput(RrfOptions, options, { what: 'RRF options' });
  const vector = ranks.vectorRank === null ? 0 : vectorWeight / (rrfK + ranks.vectorRank);
  const text = ranks.textRank === null ? 0 : textWeight / (rrfK + ranks.textRank);
  return vector + text;
}

/** What the fused ranking needs; every value already checked by the caller. */
export interface HybridRankingInput extends z.output<typeof RrfOptions> {
  /** The query embedding as pgvector text (see embedQuery). */
  vector: string;
  /** The text branch's query, in websearch syntax. */
  words: string;
  /** The distance operator (see distanceOperator). */
  op: SQL;
  filters: SearchFilters;
  candidates: number;
  k: number;
  /** The vector branch's scan settings, applied inside the statement (search/scan-settings.ts); see scanThrough. */
  settings: SearchSettings;
  /** How the vector branch orders (search/quantised.ts, searchAccess). */
  access: SearchAccess;
}

/**
 * The CTEs of hybrid search, ending in `fused (id, vector_rank, text_rank, score)`: the top k
 * postings by RRF. Placed after `with`: hybridSearch selects its hits from `fused`, and market
 * analytics (analytics/slice.ts) aggregate over its ids, so both rank postings the same way.
 *
 * @example sql`with ${hybridRanking(input)} select id from fused`
 */
export function hybridRanking(input: HybridRankingInput): SQL {
  const { vector, words, op, filters, candidates, k, rrfK, vectorWeight, textWeight, settings, access } = input;
  const target = scanTarget(sql`${vector}::vector`, settings);
  return sql`${nearest('vector_branch', { op, target, where: filterConditions(filters), limit: candidates, access })},
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

/** `ts_headline` of the description for `words`: up to two fragments with matches marked «like this». */
export function snippet(words: string): SQL {
  return sql`ts_headline('english', jobs.description, websearch_to_tsquery('english', ${words}), 'StartSel=«, StopSel=», MaxFragments=2')`;
}

/**
 * The k best postings by RRF over a vector branch and a text branch, each its top `candidates`
 * after filters; ties by id. Filtered searches run with HNSW iterative scans so the vector
 * branch still finds `candidates` rows. Hits carry a snippet only with `snippets: true`.
 *
 * @example
 * const hits = await hybridSearch(db, embedder, 'python data engineer', { k: 10, textWeight: 0.5, snippets: true });
 */
export async function hybridSearch(db: Db, embedder: Embedder, query: string, options: HybridSearchOptions = {}): Promise<HybridHit[]> {
  return checkedHybridSearch(db, embedder, parseInput(HybridSearchOptions, { ...options, query }, { what: 'hybridSearch options' }));
}

/**
 * hybridSearch of input already checked by HybridSearchOptions, or by a schema made of the same
 * fields (the search operation's): a request's input is checked once, not once per layer.
 */
export async function checkedHybridSearch(db: Db, embedder: Embedder, o: z.output<typeof HybridSearchOptions>): Promise<HybridHit[]> {
  const op = distanceOperator(o.metric);
  const vector = await embedQuery(embedder, o.query);
  const words = o.textQuery ?? o.query;
  const [distributed, available] = await Promise.all([isDistributed(db), searchAccess(db, o.metric)]);
  const { access, settings } = scanThrough(
    available,
    { iterative: o.filters !== undefined, efSearch: o.efSearch ?? DEFAULT_EF_SEARCH, probes: o.probes, distributed },
    o.candidates,
  );
  const ranking = hybridRanking({ ...o, vector, words, op, filters: o.filters ?? {}, settings, access });
  const rows = await scanRows<HybridHit>(
    db,
    settings,
    sql`with ${ranking}
        ${selectHits(
          'fused',
          sql`fused.vector_rank::int as "vectorRank", fused.text_rank::int as "textRank", fused.score,
              jobs.embedding ${op} ${vector}::vector as "distance"${o.snippets ? sql`, ${snippet(words)} as "snippet"` : sql``}`,
          sql`fused.score desc, jobs.id`,
        )}`,
  );
  return rows.map(numericHit);
}
