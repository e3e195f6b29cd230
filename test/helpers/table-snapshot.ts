/**
 * What an ingest stored, as one comparable value: every column of every job (company by name,
 * not id; ids and timestamps left out, as two runs number and time rows differently), its
 * embedding, and its skills by name. Two databases loaded with the same postings give the same
 * snapshot, whatever order or how many runs they took.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/db/database.ts';

export interface TableSnapshot {
  jobs: number;
  companies: number;
  jobSkills: number;
  /** md5 over the sorted rows. */
  digest: string;
}

export async function tableSnapshot(db: Db): Promise<TableSnapshot> {
  const [row] = await queryRows<TableSnapshot>(
    db,
    sql`with rows as (
          select row(j.source, j.external_id, j.title, j.description, c.name, c.normalized_name, j.city, j.region, j.country,
                     j.remote_mode, j.employment_type, j.salary_min, j.salary_max, j.salary_currency, j.salary_period,
                     j.salary_annual_min, j.salary_annual_max, j.salary_text, j.salary_flag, j.posted_at, j.posted_approximate,
                     j.expires_at, j.url, j.content_hash, j.embedding::text, j.search_vector::text,
                     (select string_agg(s.name, ',' order by s.name) from job_skills js join skills s on s.id = js.skill_id where js.job_id = j.id))::text as line
          from jobs j left join companies c on c.id = j.company_id)
        select (select count(*)::int from jobs) as jobs, (select count(*)::int from companies) as companies,
               (select count(*)::int from job_skills) as "jobSkills",
               coalesce(md5(string_agg(line, E'\n' order by line)), '') as digest from rows`,
  );
  return row!;
}
