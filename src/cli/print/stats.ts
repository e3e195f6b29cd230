/** How the market statistics look on a terminal: a one-line summary, then a table. */
import type { CoOccurringSkills, MarketStat, SalaryStats } from '../../analytics/index.ts';
import { printTable, truncate } from '../output.ts';
import type { Printer } from './printer.ts';

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
const money = (amount: number) => Math.round(amount);
type Row = Record<string, number | string>;

/** A printer that says how many postings the statistic rests on, then shows it. */
function stat<S extends MarketStat<unknown>>(show: (stat: S, input: Record<string, unknown>) => void): Printer {
  return {
    print(result: S & { dedupe?: boolean }, input: { like?: string }) {
      const where = input.like === undefined ? '' : ` like "${truncate(input.like, 60)}"`;
      const counted = result.dedupe === false ? ', near-duplicates counted each' : ', counted once per near-duplicate cluster';
      console.log(`${result.total.toLocaleString('en-US')} postings${where}${counted}`);
      show(result, input);
    },
  };
}

export const STAT_PRINTERS: Record<string, Printer> = {
  'stats skills': stat<MarketStat<Row>>(({ rows }) =>
    printTable(rows, { skill: (r) => r.skill, postings: (r) => r.postings, share: (r) => percent(r.share as number) }),
  ),
  'stats trends': stat<MarketStat<Row>>(({ rows }) =>
    printTable(rows, {
      month: (r) => r.month,
      skill: (r) => r.skill,
      postings: (r) => r.postings,
      'of month': (r) => r.monthPostings,
      share: (r) => percent(r.share as number),
    }),
  ),
  'stats salaries': stat<SalaryStats>((result, input) => {
    console.log(`${result.withSalary.toLocaleString('en-US')} with an annual salary; groups of ${input.minCount} or more postings`);
    printTable(result.rows, {
      [result.by]: (r) => truncate(r.group, 40),
      currency: (r) => r.currency,
      postings: (r) => r.postings,
      p25: (r) => money(r.p25),
      median: (r) => money(r.median),
      p75: (r) => money(r.p75),
    });
  }),
  'stats remote': stat<MarketStat<Row>>(({ rows }) =>
    printTable(rows, { mode: (r) => r.mode, postings: (r) => r.postings, share: (r) => percent(r.share as number) }),
  ),
  'stats employers': stat<MarketStat<Row>>(({ rows }) =>
    printTable(rows, { company: (r) => truncate(String(r.company), 45), postings: (r) => r.postings, share: (r) => percent(r.share as number) }),
  ),
  'stats months': stat<MarketStat<Row>>(({ rows }) => printTable(rows, { month: (r) => r.month, postings: (r) => r.postings })),
  'stats co-skills': stat<CoOccurringSkills>((result) => {
    console.log(`${result.postingsWithSkill.toLocaleString('en-US')} ask for ${result.skill}`);
    printTable(result.rows, {
      skill: (r) => r.skill,
      together: (r) => r.postings,
      share: (r) => percent(r.share),
      lift: (r) => r.lift.toFixed(2),
    });
  }),
};
