/**
 * The market statistics (src/analytics), each one SQL statement, over every posting, those
 * passing the search filters, and/or those "like" a text. Each is one operation under `stats`;
 * the slice options are the same for all.
 */
import { z } from 'zod';
import {
  CoOccurringSkillsOptions,
  coOccurringSkills,
  type MarketStat,
  postingsPerMonth,
  remoteShare,
  SalaryStatsOptions,
  SkillTrendsOptions,
  salaryStats,
  skillsInDemand,
  skillTrends,
  topEmployers,
} from '../analytics/index.ts';
import { LIKE_FIELDS, top } from '../analytics/options.ts';
import type { Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { StatFilters } from '../search/filters.ts';
import { defineOperation } from './operation.ts';

/** Which postings: the filters, and "like" a text with how the slice is drawn (flat, so flags and query parameters stay one level). */
const SLICE = {
  filters: StatFilters.optional(),
  like: LIKE_FIELDS.query.optional(),
  likeMode: LIKE_FIELDS.mode.optional().describe('how "like" ranks postings: vector (default) or hybrid'),
  likeSize: LIKE_FIELDS.size.optional().describe('how many postings the "like" slice holds at most (default 200)'),
  likeMaxDistance: LIKE_FIELDS.maxDistance,
  likeMetric: LIKE_FIELDS.metric.optional().describe('"like" by vector: distance (default cosine)'),
};
type Slice = z.output<z.ZodObject<typeof SLICE>>;

/** The library's slice options from the flat ones. */
function sliceOf({ filters, like, likeMode, likeSize, likeMaxDistance, likeMetric }: Slice) {
  return {
    ...(filters ? { filters } : {}),
    ...(like === undefined ? {} : { like: { query: like, mode: likeMode, size: likeSize, maxDistance: likeMaxDistance, metric: likeMetric } }),
  };
}

/** A statistic as an operation: `stats <name>`, GET /api/stats/<name>. */
function statOperation<S extends z.core.$ZodShape, R extends MarketStat<unknown>>(
  name: string,
  summary: string,
  own: S,
  compute: (db: Db, embedder: Embedder, options: ReturnType<typeof sliceOf> & Record<string, unknown>) => Promise<R>,
  args?: string[],
) {
  return defineOperation({
    name: `stats ${name}`,
    summary,
    input: z.strictObject({ ...own, ...SLICE }),
    ...(args ? { args } : {}),
    http: { method: 'get', path: `/api/stats/${name}` },
    reads: true,
    run: async ({ database, embedder }, input) => {
      const { filters, like, likeMode, likeSize, likeMaxDistance, likeMetric, ...rest } = input as Slice & Record<string, unknown>;
      const stat = await compute(database.db, embedder, { ...sliceOf({ filters, like, likeMode, likeSize, likeMaxDistance, likeMetric }), ...rest });
      // Said in every answer: the counts are of jobs (a near-duplicate cluster once) or of postings.
      return { ...stat, dedupe: filters?.dedupe ?? true };
    },
  });
}

export const STAT_OPERATIONS = [
  statOperation('skills', 'the skills most asked for, by share of postings', { top: top() }, (db, e, o) => skillsInDemand(db, e, o)),
  statOperation(
    'trends',
    "share of each month's postings that ask for the given skills",
    { skills: SkillTrendsOptions.shape.skills },
    (db, e, o) => skillTrends(db, e, o as Parameters<typeof skillTrends>[2]),
    ['skills'],
  ),
  statOperation(
    'salaries',
    'annual pay quartiles (p25, median, p75) per group and currency',
    { by: SalaryStatsOptions.shape.by, minCount: SalaryStatsOptions.shape.minCount, top: top() },
    (db, e, o) => salaryStats(db, e, o as Parameters<typeof salaryStats>[2]),
  ),
  statOperation('remote', 'remote, hybrid, on-site and unstated postings', {}, (db, e, o) => remoteShare(db, e, o)),
  statOperation('employers', 'the employers with the most postings', { top: top() }, (db, e, o) => topEmployers(db, e, o)),
  statOperation('months', 'postings per month posted', {}, (db, e, o) => postingsPerMonth(db, e, o)),
  statOperation(
    'co-skills',
    'skills asked for together with a skill (share of its postings, lift over chance)',
    { skill: CoOccurringSkillsOptions.shape.skill, top: top() },
    (db, e, o) => coOccurringSkills(db, e, o as Parameters<typeof coOccurringSkills>[2]),
    ['skill'],
  ),
];
