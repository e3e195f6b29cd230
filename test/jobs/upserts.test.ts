/**
 * Companies and skills a batch names that are stored already are read, not rewritten: ingest
 * names the same few hundred skills in every batch, and rewriting them each time cost a tenth
 * of a batch's write. Ids and the category filled in later stay as before.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.ts';
import { upsertCompanies } from '../../src/jobs/companies.ts';
import { upsertSkills } from '../../src/jobs/skills.ts';
import { describeEngines } from '../helpers/engines.ts';

describeEngines('company and skill upserts', ({ database }) => {
  it('returns the stored ids without rewriting the rows, and adds the new ones', async () => {
    const { db } = database();
    const first = await upsertCompanies(db, ['Acme Ltd', 'Leeds Teaching Hospitals']);
    const versions = await queryRows<{ id: number; xmin: string }>(
      db,
      sql`select id, xmin::text from companies where normalized_name in ('acme', 'leeds teaching hospitals', 'bolton nhs ft') order by id`,
    );
    const second = await upsertCompanies(db, ['ACME', 'Leeds Teaching Hospitals', 'Bolton NHS FT']);
    expect(second.get('ACME')).toBe(first.get('Acme Ltd'));
    expect(second.get('Leeds Teaching Hospitals')).toBe(first.get('Leeds Teaching Hospitals'));
    expect(second.get('Bolton NHS FT')).toBeGreaterThan(0);
    const after = await queryRows<{ id: number; xmin: string }>(
      db,
      sql`select id, xmin::text from companies where normalized_name in ('acme', 'leeds teaching hospitals', 'bolton nhs ft') order by id`,
    );
    expect(after.slice(0, versions.length)).toEqual(versions);
    expect(after).toHaveLength(3);
  });

  it('fills an unknown category, keeps a known one, and leaves unchanged skills as they were', async () => {
    const { db } = database();
    const first = await upsertSkills(db, [{ name: 'SQL', category: 'data' }, { name: 'Phlebotomy' }]);
    const sqlVersion = await queryRows<{ xmin: string }>(db, sql`select xmin::text from skills where name = 'SQL'`);
    const second = await upsertSkills(db, [
      { name: 'SQL', category: 'software' },
      { name: 'Phlebotomy', category: 'clinical' },
      { name: 'Excel', category: 'office' },
    ]);
    expect(second.get('SQL')).toBe(first.get('SQL'));
    expect(second.get('Phlebotomy')).toBe(first.get('Phlebotomy'));
    const rows = await queryRows<{ name: string; category: string | null; xmin: string }>(
      db,
      sql`select name, category, xmin::text from skills where name in ('Excel', 'Phlebotomy', 'SQL') order by name`,
    );
    expect(rows.map((r) => [r.name, r.category])).toEqual([
      ['Excel', 'office'],
      ['Phlebotomy', 'clinical'],
      ['SQL', 'data'],
    ]);
    expect(rows.find((r) => r.name === 'SQL')!.xmin).toBe(sqlVersion[0]!.xmin);
  });
});
