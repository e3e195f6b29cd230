import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/db/database.ts';

/** Everything that makes up the public schema, as comparable text: columns, constraints, indexes. */
export async function schemaSnapshot(db: Db): Promise<string[]> {
  const rows = await queryRows<{ line: string }>(
    db,
    sql`select format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable, coalesce(generation_expression, column_default, '')) as line
          from information_schema.columns where table_schema = 'public'
        union all
        select format('constraint %s %s', conname, pg_get_constraintdef(c.oid)) from pg_constraint c
          join pg_namespace n on n.oid = c.connamespace where n.nspname = 'public'
        union all
        select format('index %s', indexdef) from pg_indexes where schemaname = 'public'
        union all
        select format('type jobs.embedding %s', format_type(atttypid, atttypmod)) from pg_attribute
          where attrelid = to_regclass('public.jobs') and attname = 'embedding'`,
  );
  return rows.map((r) => r.line).sort();
}

export async function tableNames(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
  );
  return rows.map((r) => r.name);
}
