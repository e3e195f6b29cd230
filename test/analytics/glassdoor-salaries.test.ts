/**
 * `salaries --by title` on real data (the Glassdoor set), checked against figures recomputed
 * here from the source CSV with an independent reading of its salary text and title. PGlite
 * only: the check is of the SQL, which both engines run alike (market.test.ts runs on both).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salaryStats } from '../../src/analytics/index.ts';
import type { Database } from '../../src/db/database.ts';
import { openTestDatabase } from '../helpers/engines.ts';
import { ingest } from '../helpers/ingest.ts';
import { DATA_FILES } from '../helpers/shared-data.ts';

const FAMILY = 'data engineer';
const HOURS_PER_YEAR = 1950;

/** "Sr. Data Engineer - Contract-to-Hire (Java)" -> "data engineer", word by word. */
function titleFamily(title: string): string {
  const head = title.toLowerCase().split(' - ')[0]!.split('(')[0]!;
  const words = head.split(/\s+/).filter((w) => w && !/^(senior|junior|lead|principal|sr|jr|i|ii|iii|iv)\.?$/.test(w));
  return words.join(' ').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
}

/** "$53K-$91K (Glassdoor est.)" -> 72,000; "$17-$24 Per Hour(...)" -> 20.5 x 1,950; "-1" -> undefined. */
function annualPay(estimate: string): number | undefined {
  const match = /\$(\d+)(K?)-\$(\d+)(K?)/.exec(estimate);
  if (!match) return undefined;
  const scale = (n: string, k: string) => Number(n) * (k ? 1000 : 1) * (/per hour/i.test(estimate) ? HOURS_PER_YEAR : 1);
  return (scale(match[1]!, match[2]!) + scale(match[3]!, match[4]!)) / 2;
}

/** Continuous percentile, as PostgreSQL's percentile_cont. */
function percentile(sorted: number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
}

describe('[pglite] salaries by title family on the Glassdoor data', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await ingest(database, [DATA_FILES.glassdoor]);
  }, 300_000);
  afterAll(async () => database?.close());

  it(`matches quartiles recomputed from the CSV for "${FAMILY}"`, async () => {
    const rows = parse(await readFile(DATA_FILES.glassdoor), { columns: true, bom: true }) as Record<string, string>[];
    // Ingest loads exact duplicates once (same title, employer, place and description): so does this.
    const seen = new Set<string>();
    const pays: number[] = [];
    for (const row of rows) {
      const key = JSON.stringify([row['Job Title'], row['Company Name']!.split('\n')[0], row.Location, row['Job Description']]);
      if (seen.has(key)) continue;
      seen.add(key);
      const pay = annualPay(row['Salary Estimate']!);
      if (pay !== undefined && titleFamily(row['Job Title']!) === FAMILY) pays.push(pay);
    }
    pays.sort((a, b) => a - b);
    expect(pays.length).toBeGreaterThan(30);

    const stats = await salaryStats(database.db, undefined, { by: 'title', top: 1000 });
    const family = stats.rows.find((r) => r.group === FAMILY);
    expect(family).toEqual({
      group: FAMILY,
      currency: 'USD',
      postings: pays.length,
      p25: expect.closeTo(percentile(pays, 0.25), 2),
      median: expect.closeTo(percentile(pays, 0.5), 2),
      p75: expect.closeTo(percentile(pays, 0.75), 2),
    });
    expect(stats.rows.every((r) => r.currency === 'USD' && r.postings >= 3)).toBe(true);
  });
});
