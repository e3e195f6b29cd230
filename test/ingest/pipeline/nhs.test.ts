import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { queryRows } from '../../../src/db/database.ts';
import { summaryAddsUp } from '../../../src/ingest/summary.ts';
import { describeEngines } from '../../helpers/engines.ts';
import { ingest } from '../../helpers/ingest.ts';
import { DATA_FILES } from '../../helpers/shared-data.ts';

describeEngines('ingest of the NHS JSON-LD postings', ({ database }) => {
  it('loads every posting, accounted for, with clean text, GBP salaries and clinical skills', async () => {
    const d = database();
    const summary = await ingest(d, [DATA_FILES.nhs], { referenceDate: new Date('2020-11-30T00:00:00Z') });
    expect(summary.read).toBe(14_842);
    expect(summaryAddsUp(summary)).toBe(true);
    expect(summary.inserted).toBeGreaterThan(13_000);

    const [html] = await queryRows<{ n: number }>(
      d.db,
      sql`select count(*)::int as n from jobs where description ~ '<[a-zA-Z/][^>]*>' or description ~ '&(lt|gt|amp|nbsp|#[0-9]+);'`,
    );
    expect(html!.n).toBe(0);

    const [pay] = await queryRows<{ withPay: number; gbp: number; implausible: number; flagged: number; p10: number; p90: number }>(
      d.db,
      sql`select count(*)::int as "withPay",
                 count(*) filter (where salary_currency = 'GBP')::int as gbp,
                 count(*) filter (where salary_annual_min < 5000 or salary_annual_max > 500000)::int as implausible,
                 (select count(*)::int from jobs where salary_flag is not null) as flagged,
                 percentile_cont(0.1) within group (order by salary_annual_min)::float as p10,
                 percentile_cont(0.9) within group (order by salary_annual_max)::float as p90
          from jobs where salary_annual_min is not null`,
    );
    expect(pay!.withPay).toBeGreaterThan(10_000);
    expect(pay!.gbp).toBe(pay!.withPay);
    expect(pay!.implausible).toBe(0);
    expect(pay!.flagged).toBeGreaterThan(0);
    expect(pay!.p10).toBeGreaterThan(15_000);
    expect(pay!.p90).toBeLessThan(150_000);

    const top = await queryRows<{ name: string; category: string }>(
      d.db,
      sql`select s.name, s.category from job_skills js join skills s on s.id = js.skill_id
          group by s.name, s.category order by count(*) desc, s.name limit 10`,
    );
    const healthcare = top.filter((s) => s.category === 'healthcare');
    expect(healthcare.length).toBeGreaterThanOrEqual(5);
  });
});
