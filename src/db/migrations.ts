/**
 * Versioned migrations: the SQL files drizzle-kit generates in ./drizzle (listed in its
 * meta/_journal.json), each with a hand-written `<tag>.down.sql`, applied in order.
 *
 * Why not drizzle-orm's migrator: it runs all pending migrations in one transaction, records
 * no names or applied dates, and has no down migrations. This runner applies each migration in
 * its own transaction, records `jobsight_migrations(id, name, hash, applied_at)`, rolls back
 * with the down files, and behaves identically on PGlite and on a server.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { causeMessage, JobsightError } from '../core/errors.ts';
import { queryRows, type Db, type Tx } from './database.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));

// Any constant works; it only has to be the same for every process migrating this database.
const MIGRATION_LOCK_ID = 7_340_129_001;

export interface Migration {
  id: number;
  name: string;
  /** When drizzle-kit generated it. */
  createdAt: Date;
  hash: string;
  up: string[];
  down: string[] | undefined;
}

export interface MigrationStatus {
  id: number;
  name: string;
  createdAt: Date;
  appliedAt: Date | null;
}

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

function splitStatements(text: string): string[] {
  return text
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.replace(/--.*$/gm, '').trim() !== '');
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Reads the migrations shipped in `dir`, in order. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const journal = JSON.parse(await readFile(path.join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return Promise.all(
    journal.entries.map(async (entry) => {
      const up = await readFile(path.join(dir, `${entry.tag}.sql`), 'utf8');
      const down = await readOptional(path.join(dir, `${entry.tag}.down.sql`));
      return {
        id: entry.idx,
        name: entry.tag,
        createdAt: new Date(entry.when),
        hash: createHash('sha256').update(up).digest('hex'),
        up: splitStatements(up),
        down: down === undefined ? undefined : splitStatements(down),
      };
    }),
  );
}

async function ensureMigrationsTable(db: Db): Promise<void> {
  await db.execute(sql`create table if not exists jobsight_migrations (
    id integer primary key,
    name text not null,
    hash text not null,
    applied_at timestamptz not null default now()
  )`);
}

interface AppliedRow {
  id: number;
  name: string;
  hash: string;
  appliedAt: Date | string;
}

async function appliedMigrations(db: Db | Tx): Promise<AppliedRow[]> {
  return queryRows<AppliedRow>(db, sql`select id, name, hash, applied_at as "appliedAt" from jobsight_migrations order by id`);
}

/** Applied and pending migrations, oldest first. Writes nothing. */
export async function migrationStatus(db: Db, migrations?: Migration[]): Promise<MigrationStatus[]> {
  const all = migrations ?? (await loadMigrations());
  const [table] = await queryRows<{ exists: boolean }>(db, sql`select to_regclass('jobsight_migrations') is not null as "exists"`);
  const applied = new Map((table?.exists ? await appliedMigrations(db) : []).map((r) => [r.id, r]));
  for (const row of applied.values()) {
    const known = all.find((m) => m.id === row.id);
    if (!known) {
      throw new JobsightError(`the database has migration ${row.id} (${row.name}) applied, which this version of Jobsight does not know`, {
        hint: 'Upgrade Jobsight, or roll the database back with the version that applied it.',
      });
    }
    if (known.hash !== row.hash) {
      throw new JobsightError(`migration ${row.name} was changed after it was applied to this database`, {
        hint: 'Applied migrations must not be edited; add a new migration instead (npm run db:generate).',
      });
    }
  }
  return all.map((m) => {
    const row = applied.get(m.id);
    return { id: m.id, name: m.name, createdAt: m.createdAt, appliedAt: row ? new Date(row.appliedAt) : null };
  });
}

/** Applies every pending migration, each in its own transaction. Returns the names applied. */
export async function migrate(db: Db, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  await ensureMigrationsTable(db);
  const status = await migrationStatus(db, all);
  const done: string[] = [];
  for (const m of all) {
    if (status.find((s) => s.id === m.id)?.appliedAt) continue;
    const applied = await db.transaction(async (tx) => {
      // Another process may be migrating the same server; the lock serialises us and the
      // re-check below makes the loser skip what the winner applied.
      await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`);
      const already = await queryRows(tx, sql`select 1 from jobsight_migrations where id = ${m.id}`);
      if (already.length > 0) return false;
      for (const statement of m.up) await runStatement(tx, m.name, statement);
      await tx.execute(sql`insert into jobsight_migrations (id, name, hash) values (${m.id}, ${m.name}, ${m.hash})`);
      return true;
    });
    if (applied) done.push(m.name);
  }
  return done;
}

/** Undoes the last `steps` applied migrations with their down files, newest first. */
export async function rollback(db: Db, steps = 1, migrations?: Migration[]): Promise<string[]> {
  if (!Number.isInteger(steps) || steps < 1) {
    throw new JobsightError(`--steps must be a whole number of at least 1, got "${steps}"`);
  }
  const all = migrations ?? (await loadMigrations());
  const applied = (await migrationStatus(db, all)).filter((s) => s.appliedAt).reverse();
  const targets = applied.slice(0, steps);
  const undone: string[] = [];
  for (const target of targets) {
    const m = all.find((x) => x.id === target.id)!;
    if (!m.down) {
      throw new JobsightError(`migration ${m.name} has no down migration (${m.name}.down.sql)`, {
        hint: `${undone.length} migration(s) were rolled back before this one; nothing else changed.`,
      });
    }
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`);
      for (const statement of m.down!) await runStatement(tx, `${m.name}.down`, statement);
      await tx.execute(sql`delete from jobsight_migrations where id = ${m.id}`);
    });
    undone.push(m.name);
  }
  return undone;
}

async function runStatement(tx: Tx, migration: string, statement: string): Promise<void> {
  try {
    await tx.execute(sql.raw(statement));
  } catch (cause) {
    const first = statement.split('\n').find((l) => l.trim() && !l.trim().startsWith('--')) ?? statement;
    throw new JobsightError(`migration ${migration} failed at "${first.trim().slice(0, 80)}": ${causeMessage(cause)}`, {
      hint: 'The migration was rolled back as a whole; the database is as it was before it.',
      cause,
    });
  }
}
