/**
 * `jobsight stats <what>`: market statistics from src/analytics, each one SQL statement, over
 * every posting or those passing the filter flags, and with --like over "postings like QUERY".
 */
import { Command, Option } from 'commander';
import {
  coOccurringSkills,
  DEFAULT_MIN_COUNT,
  DEFAULT_SLICE_SIZE,
  MAX_SLICE_SIZE,
  MAX_TOP,
  postingsPerMonth,
  remoteShare,
  SALARY_GROUP_NAMES,
  salaryStats,
  skillsInDemand,
  skillTrends,
  topEmployers,
  type LikeOptionsInput,
  type MarketStat,
  type SalaryGroup,
} from '../../analytics/index.ts';
import { METRICS, type Metric } from '../../search/vector.ts';
import { withDatabase, type CommandContext } from '../context.ts';
import { addFilterOptions, filtersFrom, type FilterFlags } from '../filter-options.ts';
import { printJson, printTable, truncate } from '../output.ts';
import { number, positiveInt } from '../parse.ts';

interface SliceFlags extends FilterFlags {
  like?: string;
  likeMode: 'vector' | 'hybrid';
  size: number;
  maxDistance?: number;
  metric: Metric;
  top: number;
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
const money = (amount: number) => Math.round(amount);

/** A `stats` subcommand with the filter flags, the --like flags and, for ranked lists, --top. */
function subcommand(name: string, description: string, options: { top?: number } = {}): Command {
  const command = new Command(name)
    .description(description)
    .option('--like <query>', 'only postings like this text (the top of a vector or hybrid search)')
    .addOption(new Option('--like-mode <mode>', 'how --like ranks postings').choices(['vector', 'hybrid']).default('vector'))
    .option(
      '--size <n>',
      `--like: how many postings the slice holds at most (1 to ${MAX_SLICE_SIZE})`,
      positiveInt('--size', MAX_SLICE_SIZE),
      DEFAULT_SLICE_SIZE,
    )
    .option('--max-distance <d>', '--like vector: only postings this near or nearer', number('--max-distance'))
    .addOption(new Option('--metric <metric>', '--like vector: distance').choices(METRICS).default('cosine'));
  if (options.top !== undefined) command.option('--top <n>', `how many rows (1 to ${MAX_TOP})`, positiveInt('--top', MAX_TOP), options.top);
  return addFilterOptions(command);
}

function sliceFrom(flags: SliceFlags) {
  const like: LikeOptionsInput | undefined =
    flags.like === undefined
      ? undefined
      : { query: flags.like, mode: flags.likeMode, size: flags.size, maxDistance: flags.maxDistance, metric: flags.metric };
  return { filters: filtersFrom(flags), like };
}

/** Runs a statistic and prints it: JSON as the library returns it, or a table and a one-line summary. */
function act<F extends SliceFlags, S extends MarketStat<unknown>>(
  compute: (ctx: CommandContext, flags: F, args: string[]) => Promise<S>,
  show: (stat: S, flags: F) => void,
) {
  // commander calls an action with the positional arguments, then the flags, then the command.
  return async (...input: unknown[]) => {
    const command = input[input.length - 1] as Command;
    const flags = input[input.length - 2] as F;
    const args = input.slice(0, -2).flat() as string[];
    await withDatabase(command, async (ctx) => {
      const stat = await compute(ctx, flags, args);
      if (ctx.json) return printJson(stat);
      const where = flags.like === undefined ? '' : ` like "${truncate(flags.like, 60)}"`;
      console.log(`${stat.total.toLocaleString('en-US')} postings${where}`);
      show(stat, flags);
    });
  };
}

export function statsCommand(): Command {
  return new Command('stats')
    .description('market statistics: skills in demand and their trends, salaries, remote share, employers, volume; --like for postings like a text')
    .addCommand(
      subcommand('skills', 'the skills most asked for, by share of postings', { top: 20 }).action(
        act(
          ({ database, embedder }, f) => skillsInDemand(database.db, embedder, { ...sliceFrom(f), top: f.top }),
          ({ rows }) => printTable(rows, { skill: (r) => r.skill, postings: (r) => r.postings, share: (r) => percent(r.share) }),
        ),
      ),
    )
    .addCommand(
      subcommand('trends', "share of each month's postings that ask for the given skills")
        .argument('<skills...>', 'skill names, e.g. Python SQL "Power BI"')
        .action(
          act(
            ({ database, embedder }, f, skills) => skillTrends(database.db, embedder, { ...sliceFrom(f), skills }),
            ({ rows }) =>
              printTable(rows, {
                month: (r) => r.month,
                skill: (r) => r.skill,
                postings: (r) => r.postings,
                'of month': (r) => r.monthPostings,
                share: (r) => percent(r.share),
              }),
          ),
        ),
    )
    .addCommand(
      subcommand('salaries', 'annual pay quartiles (p25, median, p75) per group and currency', { top: 20 })
        .addOption(new Option('--by <group>', 'group by').choices(SALARY_GROUP_NAMES).default('title'))
        .option('--min-count <n>', 'leave out groups with fewer postings', positiveInt('--min-count'), DEFAULT_MIN_COUNT)
        .action(
          act(
            ({ database, embedder }, f: SliceFlags & { by: SalaryGroup; minCount: number }) =>
              salaryStats(database.db, embedder, { ...sliceFrom(f), by: f.by, minCount: f.minCount, top: f.top }),
            (stat, f) => {
              console.log(`${stat.withSalary.toLocaleString('en-US')} with an annual salary; groups of ${f.minCount} or more postings`);
              printTable(stat.rows, {
                [stat.by]: (r) => truncate(r.group, 40),
                currency: (r) => r.currency,
                postings: (r) => r.postings,
                p25: (r) => money(r.p25),
                median: (r) => money(r.median),
                p75: (r) => money(r.p75),
              });
            },
          ),
        ),
    )
    .addCommand(
      subcommand('remote', 'remote, hybrid, on-site and unstated postings').action(
        act(
          ({ database, embedder }, f) => remoteShare(database.db, embedder, sliceFrom(f)),
          ({ rows }) => printTable(rows, { mode: (r) => r.mode, postings: (r) => r.postings, share: (r) => percent(r.share) }),
        ),
      ),
    )
    .addCommand(
      subcommand('employers', 'the employers with the most postings', { top: 20 }).action(
        act(
          ({ database, embedder }, f) => topEmployers(database.db, embedder, { ...sliceFrom(f), top: f.top }),
          ({ rows }) => printTable(rows, { company: (r) => truncate(r.company, 45), postings: (r) => r.postings, share: (r) => percent(r.share) }),
        ),
      ),
    )
    .addCommand(
      subcommand('months', 'postings per month posted').action(
        act(
          ({ database, embedder }, f) => postingsPerMonth(database.db, embedder, sliceFrom(f)),
          ({ rows }) => printTable(rows, { month: (r) => r.month, postings: (r) => r.postings }),
        ),
      ),
    )
    .addCommand(
      subcommand('co-skills', 'skills asked for together with a skill (share of its postings, lift over chance)', { top: 20 })
        .argument('<skill>', 'a skill name, e.g. Python')
        .action(
          act(
            ({ database, embedder }, f, [skill]) => coOccurringSkills(database.db, embedder, { ...sliceFrom(f), skill: skill!, top: f.top }),
            (stat) => {
              console.log(`${stat.postingsWithSkill.toLocaleString('en-US')} ask for ${stat.skill}`);
              printTable(stat.rows, {
                skill: (r) => r.skill,
                together: (r) => r.postings,
                share: (r) => percent(r.share),
                lift: (r) => r.lift.toFixed(2),
              });
            },
          ),
        ),
    );
}
