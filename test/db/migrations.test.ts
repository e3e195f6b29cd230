import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.ts';
import { loadMigrations, migrate, migrationStatus, rollback, type Migration } from '../../src/db/migrations.ts';
import { describeEngines } from '../helpers/engines.ts';
import { schemaSnapshot, tableNames } from '../helpers/schema-snapshot.ts';

describeEngines(
  'migrations',
  ({ database }) => {
    it('applies every migration in order, recording names and dates', async () => {
      const { db } = database();
      const applied = await migrate(db);
      const all = await loadMigrations();
      expect(applied).toEqual(all.map((m) => m.name));
      const status = await migrationStatus(db);
      expect(status.every((s) => s.appliedAt instanceof Date)).toBe(true);
      expect(await tableNames(db)).toEqual(expect.arrayContaining(['companies', 'jobs', 'job_skills', 'skills', 'jobsight_settings']));
      expect(await migrate(db)).toEqual([]);
    });

    it('rolls back and migrates again to the very same schema', async () => {
      const { db } = database();
      const all = await loadMigrations();
      const before = await schemaSnapshot(db);
      expect(before.length).toBeGreaterThan(30);
      const latest = all.at(-1)!.name;
      expect(await rollback(db, 1)).toEqual([latest]);
      expect((await migrationStatus(db)).find((s) => s.name === latest)?.appliedAt).toBeNull();
      expect(await rollback(db, all.length - 2)).toEqual(
        all
          .slice(1, -1)
          .map((m) => m.name)
          .reverse(),
      );
      expect(await tableNames(db)).not.toContain('jobs');
      expect(await migrate(db)).toEqual(all.slice(1).map((m) => m.name));
      expect(await schemaSnapshot(db)).toEqual(before);
    });

    it('rolls back several steps with --steps', async () => {
      const { db } = database();
      const all = await loadMigrations();
      expect(await rollback(db, all.length + 3)).toEqual(all.map((m) => m.name).reverse());
      expect((await migrationStatus(db)).every((s) => s.appliedAt === null)).toBe(true);
      await migrate(db);
    });

    it('leaves a failing migration wholly unapplied', async () => {
      const { db } = database();
      const all = await loadMigrations();
      const broken: Migration = {
        id: 999,
        name: '0999_broken',
        createdAt: new Date(),
        hash: 'x',
        down: [],
        up: ['create table half_done (id int)', 'select * from no_such_table'],
      };
      await expect(migrate(db, [...all, broken])).rejects.toThrow(/0999_broken failed at "select \* from no_such_table"/);
      expect(await tableNames(db)).not.toContain('half_done');
      const rows = await queryRows(db, sql`select 1 from jobsight_migrations where id = 999`);
      expect(rows).toHaveLength(0);
    });

    it('refuses a migration that was edited after it was applied', async () => {
      const { db } = database();
      const edited = (await loadMigrations()).map((m) => (m.id === 1 ? { ...m, hash: 'edited' } : m));
      await expect(migrationStatus(db, edited)).rejects.toThrow(/0001_core_schema was changed after it was applied/);
    });
  },
  { initialized: false },
);
