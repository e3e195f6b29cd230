/**
 * `jobsight eval`: search quality on labelled queries. Every query runs in each mode (text,
 * vector, hybrid) through the same library functions the CLI and API call; the postings'
 * grades come from the set's rules (labelled-set.ts); the report gives nDCG@k, recall@k and MRR
 * (metrics.ts) per mode, overall and per tag.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { choice, parseInput, wholeNumber } from '../core/validation.ts';
import { candidateCount, hybridSearch, RRF_OPTIONS } from '../search/hybrid.ts';
import { scanOptions } from '../search/options.ts';
import { textSearch } from '../search/text.ts';
import { vectorSearch } from '../search/vector.ts';
import { gradeFunction, type LabelledQuery, type LabelledSet, type PostingText } from './labelled-set.ts';
import { meanMetrics, metrics, type QueryMetrics } from './metrics.ts';

export const EVAL_MODES = ['text', 'vector', 'hybrid'] as const;
export type EvalMode = (typeof EVAL_MODES)[number];

/** Options of an evaluation; the searches' settings default to the search defaults (HYBRID_DEFAULTS). */
export const EvalOptions = z.strictObject({
  k: wholeNumber(1, 100).default(10).describe('cut-off of every metric (nDCG@k, recall@k; MRR within the top k)'),
  modes: z
    .array(choice(EVAL_MODES))
    .min(1)
    .default([...EVAL_MODES])
    .describe(`search modes to measure: ${EVAL_MODES.join(', ')}`),
  candidates: candidateCount(),
  ...RRF_OPTIONS,
  ...scanOptions(),
});
export type EvalOptionsInput = z.input<typeof EvalOptions>;

const parseOptions = (input: EvalOptionsInput) => parseInput(EvalOptions, input, { what: 'evaluation options' });

export interface QueryReport {
  id: string;
  text: string;
  tags: string[];
  /** Postings of this database with grade ≥ 1. */
  relevant: number;
  modes: Partial<Record<EvalMode, QueryMetrics & { top: number[] }>>;
}

export interface SummaryRow extends QueryMetrics {
  /** `all`, or a tag. */
  group: string;
  mode: EvalMode;
  queries: number;
}

export interface EvalReport {
  set: string;
  k: number;
  postings: number;
  summary: SummaryRow[];
  queries: QueryReport[];
  /** Queries left out of the means: no posting of this database is relevant to them. */
  withoutRelevant: string[];
  /** The embedder of the vector and hybrid searches measured (evaluateSearch). */
  embedder?: string;
}

/** Ranks one query in one mode: job ids, best first. */
export type Ranker = (query: LabelledQuery, mode: EvalMode, k: number) => Promise<number[]>;

/**
 * Scores any ranking function against a labelled set (the tuning script ranks in memory).
 *
 * @example const report = await evaluateRankings(set, postings, rank, { k: 10 });
 */
export async function evaluateRankings(
  set: LabelledSet,
  postings: readonly PostingText[],
  rank: Ranker,
  input: EvalOptionsInput = {},
): Promise<EvalReport> {
  const { k, modes } = parseOptions(input);
  const queries: QueryReport[] = [];
  const withoutRelevant: string[] = [];
  for (const query of set.queries) {
    const grade = gradeFunction(query.relevant);
    const grades = new Map<number, number>();
    for (const posting of postings) {
      const g = grade(posting);
      if (g > 0) grades.set(posting.id, g);
    }
    if (grades.size === 0) {
      withoutRelevant.push(query.id);
      continue;
    }
    const report: QueryReport = { id: query.id, text: query.text, tags: query.tags, relevant: grades.size, modes: {} };
    for (const mode of modes) {
      const top = (await rank(query, mode, k)).slice(0, k);
      report.modes[mode] = {
        ...metrics(
          top.map((id) => grades.get(id) ?? 0),
          [...grades.values()],
          k,
        ),
        top,
      };
    }
    queries.push(report);
  }
  const groups = ['all', ...new Set(queries.flatMap((q) => q.tags))];
  const summary = groups.flatMap((group) => {
    const members = queries.filter((q) => group === 'all' || q.tags.includes(group));
    return modes.map((mode) => ({ group, mode, queries: members.length, ...meanMetrics(members.map((q) => q.modes[mode]!)) }));
  });
  return { set: set.name, k, postings: postings.length, summary, queries, withoutRelevant };
}

/** Every posting's id, title and description (what the rules look at). */
export async function postingTexts(db: Db): Promise<PostingText[]> {
  const rows = await queryRows<PostingText>(db, sql`select id, title, description from jobs order by id`);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * Measures the database's own search (text, vector, hybrid) on a labelled set.
 *
 * @example
 * const report = await evaluateSearch(db, embedder, await readLabelledSet('eval/nhs.json'), { modes: ['hybrid'] });
 * report.summary.find((r) => r.group === 'all')?.ndcg
 */
export async function evaluateSearch(db: Db, embedder: Embedder, set: LabelledSet, input: EvalOptionsInput = {}): Promise<EvalReport> {
  const options = parseOptions(input);
  const { candidates, rrfK, vectorWeight, textWeight, efSearch, probes } = options;
  const hybrid = { candidates, rrfK, vectorWeight, textWeight };
  const rank: Ranker = async (query, mode, k) => {
    const filters = query.filters;
    const hits =
      mode === 'text'
        ? await textSearch(db, query.text, { k, filters })
        : mode === 'vector'
          ? await vectorSearch(db, embedder, query.text, { k, filters, efSearch, probes })
          : await hybridSearch(db, embedder, query.text, { k, filters, efSearch, probes, ...hybrid });
    return hits.map((h) => h.id);
  };
  return { ...(await evaluateRankings(set, await postingTexts(db), rank, options)), embedder: embedder.name };
}
