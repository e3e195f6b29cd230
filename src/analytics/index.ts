/**
 * Market analytics: each statistic is one SQL statement over the postings, optionally narrowed
 * by search filters and to "postings like QUERY" (a vector or hybrid search's top N). Each
 * function's options have a zod schema, exported for the HTTP API to validate requests with.
 */
export {
  coOccurringSkills,
  CoOccurringSkillsOptions,
  type CoOccurringSkills,
  type CoOccurringSkillsOptionsInput,
  type SkillTogether,
} from './co-occurring-skills.ts';
export { DEFAULT_SLICE_SIZE, LikeOptions, MAX_SLICE_SIZE, MAX_TOP, SliceOptions, type LikeOptionsInput } from './options.ts';
export { postingsPerMonth, PostingsPerMonthOptions, type MonthPostings, type PostingsPerMonthOptionsInput } from './postings-per-month.ts';
export { remoteShare, RemoteShareOptions, type RemoteModeShare, type RemoteShareOptionsInput } from './remote-share.ts';
export {
  DEFAULT_MIN_COUNT,
  salaryStats,
  SalaryStatsOptions,
  type SalaryGroupStats,
  type SalaryStats,
  type SalaryStatsOptionsInput,
} from './salaries.ts';
export { SALARY_GROUP_NAMES, SENIORITY_WORDS, type SalaryGroup } from './salary-groups.ts';
export { skillTrends, SkillTrendsOptions, MAX_TREND_SKILLS, type SkillMonthShare, type SkillTrendsOptionsInput } from './skill-trends.ts';
export type { MarketStat } from './slice.ts';
export {
  type EmployerPostings,
  type SkillDemand,
  SkillsInDemandOptions,
  type SkillsInDemandOptionsInput,
  skillsInDemand,
  TopEmployersOptions,
  type TopEmployersOptionsInput,
  topEmployers,
} from './top-shares.ts';
