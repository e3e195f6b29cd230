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
import { JobsightError } from '../errors.ts';
import { HYBRID_DEFAULTS, hybridSearch } from '../search/hybrid.ts';
import { textSearch } from '../search/text.ts';
import { vectorSearch } from '../search/vector.ts';
import { gradeFunction, type LabelledQuery, type LabelledSet, type PostingText } from './labelled-set.ts';
import { meanMetrics, metrics, type QueryMetrics } from './metrics.ts';

export const EVAL_MODES = ['text', 'vector', 'hybrid'] as const;
export type EvalMode = (typeof EVAL_MODES)[number];

/** Options of an evaluation; hybrid settings default to the search defaults (HYBRID_DEFAULTS). */
export const EvalOptions = z.strictObject({
  /** Cut-off of every metric, 1 to 100. */
  k: z.number().int().min(1).max(100).default(10),
  /** Modes to measure. */
  modes: z.array(z.enum(EVAL_MODES)).min(1).default([...EVAL_MODES]),
  candidates: z.number().int().min(1).max(1000).optional(),
  rrfK: z.number().positive().optional(),
  vectorWeight: z.number().min(0).optional(),
  textWeight: z.number().min(0).optional(),
  /** HNSW ef_search of the vector and hybrid searches. */
  efSearch: z.number().int().min(1).max(1000).optional(),
});
export type EvalOptionsInput = z.input<typeof EvalOptions>;

/** The options checked, or an error naming the bad one, its value and what is allowed. */
function parseOptions(input: EvalOptionsInput) {
  const parsed = EvalOptions.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = issue.path.join('.');
  const value = issue.path.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown> | undefined)?.[key], input);
  throw new JobsightError(`evaluation option ${name} ${JSON.stringify(value)}: ${issue.message}`, {
    hint: `modes are ${EVAL_MODES.join(', ')}; k is 1 to 100`,
  });
}

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
}

/** Ranks one query in one mode: job ids, best first. */
export type Ranker = (query: LabelledQuery, mode: EvalMode, k: number) => Promise<number[]>;

/**
 * Scores any ranking function against a labelled set (the tuning script ranks in memory).
 *
 * @example const report = await evaluateRankings(set, postings, rank, { k: 10 });
 */
export async function evaluateRankings(set: LabelledSet, postings: readonly PostingText[], rank: Ranker, input: EvalOptionsInput = {}): Promise<EvalReport> {
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
      report.modes[mode] = { ...metrics(top.map((id) => grades.get(id) ?? 0), [...grades.values()], k), top };
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
  const hybrid = {
    candidates: options.candidates ?? HYBRID_DEFAULTS.candidates,
    rrfK: options.rrfK ?? HYBRID_DEFAULTS.rrfK,
    vectorWeight: options.vectorWeight ?? HYBRID_DEFAULTS.vectorWeight,
    textWeight: options.textWeight ?? HYBRID_DEFAULTS.textWeight,
  };
  const rank: Ranker = async (query, mode, k) => {
    const filters = query.filters;
    const hits =
      mode === 'text'
        ? await textSearch(db, query.text, { k, filters })
        : mode === 'vector'
          ? await vectorSearch(db, embedder, query.text, { k, filters, efSearch: options.efSearch })
          : await hybridSearch(db, embedder, query.text, { k, filters, efSearch: options.efSearch, ...hybrid });
    return hits.map((h) => h.id);
  };
  return evaluateRankings(set, await postingTexts(db), rank, options);
}
