/** A few facts about the postings in the database, for the demo: one statement. */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';

export interface MarketFacts {
  postings: number;
  companies: number;
  remoteShare: number;
  topCountries: { country: string; postings: number }[];
  medianAnnualSalary: { currency: string; median: number; postings: number }[];
  topEmployers: { company: string; postings: number }[];
  topSkills: { skill: string; postings: number }[];
}

export async function marketFacts(db: Db): Promise<MarketFacts> {
  const [row] = await queryRows<MarketFacts>(
    db,
    sql`select
      (select count(*)::int from jobs) as postings,
      (select count(distinct company_id)::int from jobs) as companies,
      (select coalesce(avg((remote_mode = 'remote')::int), 0)::float from jobs) as "remoteShare",
      (select coalesce(json_agg(t), '[]') from (
         select country, count(*)::int as postings from jobs where country is not null
         group by country order by count(*) desc, country limit 5) t) as "topCountries",
      (select coalesce(json_agg(t), '[]') from (
         select salary_currency as currency,
                percentile_cont(0.5) within group (order by (salary_annual_min + salary_annual_max) / 2)::float as median,
                count(*)::int as postings
         from jobs where salary_annual_min is not null and salary_annual_max is not null
         group by salary_currency order by count(*) desc limit 5) t) as "medianAnnualSalary",
      (select coalesce(json_agg(t), '[]') from (
         select c.name as company, count(*)::int as postings from jobs j join companies c on c.id = j.company_id
         group by c.name order by count(*) desc, c.name limit 5) t) as "topEmployers",
      (select coalesce(json_agg(t), '[]') from (
         select s.name as skill, count(*)::int as postings from job_skills js join skills s on s.id = js.skill_id
         group by s.name order by count(*) desc, s.name limit 8) t) as "topSkills"`,
  );
  return row!;
}
