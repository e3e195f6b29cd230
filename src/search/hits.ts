/**
 * What a search returns per posting: the fields in core/posting.ts's HIT_FIELDS, selected from
 * `jobs` joined to its company, after whatever ranking columns a search adds.
 */
import { type SQL, sql } from 'drizzle-orm';
import { columnName, HIT_FIELDS, type HitValues } from '../core/posting.ts';

/** A posting as every search returns it; each search adds its ranking fields. */
export type Hit = HitValues;

const HIT_COLUMNS = sql.raw(
  [
    'jobs.id',
    ...HIT_FIELDS.map((field) => (field === 'postedAt' ? `jobs.posted_at::text as "postedAt"` : `jobs.${columnName(field)} as "${field}"`)),
    'companies.name as "company"',
  ].join(', '),
);

/**
 * The hit fields of the postings in `ranked` (a CTE or table with an `id` column), with the
 * ranking columns `extra`, ordered by `order`, optionally only where `where` holds.
 *
 * @example sql`with ${nearestCte} ${selectHits('nearest', sql`nearest.distance`, sql`nearest.distance, jobs.id`)}`
 */
export function selectHits(ranked: string, extra: SQL, order: SQL, where: SQL = sql`true`): SQL {
  const from = sql.identifier(ranked);
  return sql`select ${HIT_COLUMNS}, ${extra}
    from ${from}
    join jobs on jobs.id = ${from}.id
    left join companies on companies.id = jobs.company_id
    where ${where}
    order by ${order}`;
}

/** Drivers return bigint and numeric as strings; hits carry numbers. */
export function numericHit<T extends { id: unknown; salaryAnnualMin: unknown; salaryAnnualMax: unknown }>(row: T): T {
  const orNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return { ...row, id: Number(row.id), salaryAnnualMin: orNull(row.salaryAnnualMin), salaryAnnualMax: orNull(row.salaryAnnualMax) };
}
