import { sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../db/database.ts';

export interface SkillInput {
  name: string;
  category?: string;
}

/**
 * Upserts skills by canonical name and returns name → id. Concurrent writers get one row per
 * name (ON CONFLICT), and a category learned later fills one that was unknown.
 */
export async function upsertSkills(db: Db | Tx, skills: readonly SkillInput[]): Promise<Map<string, number>> {
  const byName = new Map<string, string | null>();
  for (const s of skills) {
    const name = s.name.trim();
    if (name && (!byName.has(name) || byName.get(name) === null)) byName.set(name, s.category ?? null);
  }
  if (byName.size === 0) return new Map();
  const names = [...byName.keys()].sort();
  // Most names of a batch are stored already: read them (locked against deletion until commit)
  // rather than rewrite every row, and upsert only the new ones and those gaining a category.
  const stored = await queryRows<{ id: number; name: string; category: string | null }>(
    db,
    sql`select id, name, category from skills where name = any(${sql.param(names)}::text[]) order by name for key share`,
  );
  const ids = new Map(stored.map((r) => [r.name, Number(r.id)]));
  const gaining = new Set(stored.filter((r) => r.category === null && byName.get(r.name) != null).map((r) => r.name));
  const upsert = names.filter((n) => !ids.has(n) || gaining.has(n));
  if (upsert.length === 0) return ids;
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`insert into skills (name, category)
        select * from unnest(${sql.param(upsert)}::text[], ${sql.param(upsert.map((n) => byName.get(n)))}::text[])
        on conflict (name) do update set category = coalesce(skills.category, excluded.category)
        returning id, name`,
  );
  for (const r of rows) ids.set(r.name, Number(r.id));
  return ids;
}

/** Replaces a set of jobs' skills with the given ones. */
export async function setJobSkills(db: Db | Tx, skillsByJob: ReadonlyMap<number, readonly string[]>): Promise<void> {
  const jobIds = [...skillsByJob.keys()];
  if (jobIds.length === 0) return;
  await db.execute(sql`delete from job_skills where job_id = any(${sql.param(jobIds)}::bigint[])`);
  const ids = await upsertSkills(
    db,
    [...skillsByJob.values()].flat().map((name) => ({ name })),
  );
  const pairs: [number, number][] = [];
  for (const [jobId, names] of skillsByJob) {
    for (const name of new Set(names.map((n) => n.trim()))) {
      const skillId = ids.get(name);
      if (skillId !== undefined) pairs.push([jobId, skillId]);
    }
  }
  if (pairs.length === 0) return;
  await db.execute(
    sql`insert into job_skills (job_id, skill_id)
        select * from unnest(${sql.param(pairs.map((p) => p[0]))}::bigint[], ${sql.param(pairs.map((p) => p[1]))}::bigint[])
        on conflict do nothing`,
  );
}
