import { Command } from 'commander';
import type { NodeStatus } from '../../db/database.ts';
import { citusStatus, distributeTables, indexesOnShards } from '../../db/citus.ts';
import { databaseInfo } from '../../db/info.ts';
import { migrate, migrationStatus, rollback } from '../../db/migrations.ts';
import { reembedAll } from '../../jobs/reembed.ts';
import { createVectorIndex } from '../../indexes/index.ts';
import { vectorIndexes } from '../../db/vector-indexes.ts';
import { checkPgvector, initDatabase, PGVECTOR_HINT } from '../../db/setup.ts';
import { type CommandContext, withDatabase } from '../context.ts';
import { MAX_SHARD_COUNT } from '../../core/defaults.ts';
import { wholeNumberFlag } from '../parse.ts';
import { printFacts, printJson, printTable } from '../output.ts';
import { createProgress } from '../progress.ts';

/** A `db` action: runs `fn` on the database as it is (not set up first, unlike the other commands). */
function onDatabase<O>(fn: (ctx: CommandContext, opts: O) => Promise<void>) {
  return async (opts: O, command: Command) => withDatabase(command, (ctx) => fn(ctx, opts), 'raw');
}

/** The primary and its read replicas: role, state, lag. */
function printNodes(nodes: NodeStatus[]): void {
  printTable(nodes, {
    role: (n) => n.role,
    node: (n) => n.location,
    state: (n) => n.state,
    'lag s': (n) => (n.lagSeconds === null ? '-' : String(n.lagSeconds)),
    why: (n) => n.reason ?? '',
  });
}

export function dbCommand(): Command {
  const db = new Command('db').description('set up and inspect the database (extension, migrations, versions)');

  db.command('init')
    .description('enable pgvector, apply every migration and record the embedder (safe to run again)')
    .action(
      onDatabase(async ({ database, embedder, json }) => {
        const applied = await initDatabase(database.db, embedder);
        if (json) return printJson({ location: database.location, applied });
        console.log(`${database.location}: ${applied.length ? `applied ${applied.join(', ')}` : 'already up to date'}`);
      }),
    );

  db.command('migrate')
    .description('apply pending migrations, each in its own transaction')
    .action(
      onDatabase(async ({ database, json }) => {
        await checkPgvector(database.db);
        const applied = await migrate(database.db);
        if (json) return printJson({ applied });
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
      }),
    );

  db.command('status')
    .description('list migrations, applied (with dates) and pending')
    .action(
      onDatabase(async ({ database, json }) => {
        const status = await migrationStatus(database.db);
        if (json) return printJson(status);
        printTable(status, {
          id: (m) => m.id,
          migration: (m) => m.name,
          generated: (m) => m.createdAt,
          applied: (m) => m.appliedAt ?? 'pending',
        });
      }),
    );

  db.command('rollback')
    .description('undo the last applied migration(s) with their down migrations')
    .option('--steps <n>', 'how many migrations to undo', wholeNumberFlag('--steps', 1), 1)
    .action(
      onDatabase(async ({ database, json }, opts: { steps: number }) => {
        const undone = await rollback(database.db, opts.steps);
        if (json) return printJson({ rolledBack: undone });
        console.log(undone.length ? `rolled back: ${undone.join(', ')}` : 'nothing to roll back');
      }),
    );

  db.command('info')
    .description('show the engine, PostgreSQL and pgvector versions, embedder, row counts and indexes')
    .action(
      onDatabase(async ({ database, embedder, json }) => {
        const info = await databaseInfo(database, embedder);
        if (json) return printJson(info);
        const pending = info.migrations.filter((m) => !m.appliedAt).length;
        printFacts({
          mode: info.engine === 'pglite' ? 'embedded (PGlite)' : 'server',
          database: info.location,
          postgresql: info.postgresVersion,
          pgvector: info.pgvector.installed
            ? `${info.pgvector.installed} (installed)`
            : info.pgvector.available
              ? `${info.pgvector.available} (available, not yet created: run jobsight db init)`
              : `not available. ${PGVECTOR_HINT}`,
          embedder: `${info.activeEmbedder.name}, ${info.activeEmbedder.dimensions} dimensions (active)`,
          'embeddings in db': info.recordedEmbedder
            ? `${info.recordedEmbedder.name}, ${info.recordedEmbedder.dimensions} dimensions`
            : 'none recorded yet',
          migrations: pending
            ? `${pending} pending of ${info.migrations.length}: run jobsight db migrate`
            : `${info.migrations.length} applied, up to date`,
          ...(info.counts ?? {}),
        });
        if (info.indexes.length) {
          printTable(info.indexes, { table: (i) => i.table, index: (i) => i.name, type: (i) => i.method, size: (i) => i.size });
        }
        if (info.nodes && info.nodes.length > 1) printNodes(info.nodes);
      }),
    );

  db.command('reembed')
    .description('re-embed every posting with the active embedder (after changing --embedder/--dimensions); resumable')
    .action(
      onDatabase(async ({ database, embedder, json }) => {
        const progress = createProgress('re-embedding', json);
        const result = await reembedAll(database.db, embedder, {
          onProgress: ({ done, total }) => progress.update(done, total),
        });
        progress.stop();
        if (json) return printJson(result);
        console.log(`re-embedded ${result.reembedded} postings: ${result.from ?? 'nothing recorded'} -> ${result.to}`);
        if (result.indexesRebuilt.length) console.log(`rebuilt indexes: ${result.indexesRebuilt.join(', ')}`);
      }),
    );

  db.command('distribute')
    .description(
      'on a Citus coordinator: distribute jobs and job_skills by job id (co-located), make companies and skills reference tables, ' +
        'index every shard (full text, HNSW)',
    )
    .option('--status', 'only show how the tables stand (distributed, reference, shards, workers)')
    .option(
      '--shard-count <n>',
      "shards of jobs and job_skills (default: the server's citus.shard_count, 32)",
      wholeNumberFlag('--shard-count', 1, MAX_SHARD_COUNT),
    )
    .action(
      onDatabase(async ({ database, json }, opts: { status?: boolean; shardCount?: number }) => {
        const distributed = !opts.status;
        let built: string | null = null;
        if (distributed) {
          await distributeTables(database, { shardCount: opts.shardCount });
          // Pushed-down vector search wants each shard's own HNSW graph; an existing index was already copied to every shard.
          if ((await vectorIndexes(database.db)).length === 0) built = (await createVectorIndex(database, { type: 'hnsw' })).name;
        }
        const status = await citusStatus(database.db);
        const shardIndexes = status.tables.length ? await indexesOnShards(database.db) : [];
        if (json) return printJson({ location: database.location, distributed, vectorIndexBuilt: built, ...status, shardIndexes });
        if (!status.version) {
          console.log(`${database.location}: not a Citus database (no citus extension)`);
          return;
        }
        if (distributed) console.log(`${database.location}: distributed${built ? `, built ${built} on every shard` : ''}`);
        printFacts({ citus: status.version, workers: status.workers.join(', ') || 'none' });
        if (status.tables.length) {
          printTable(status.tables, {
            table: (t) => t.table,
            kind: (t) => t.kind,
            'distributed by': (t) => t.column ?? '-',
            shards: (t) => t.shards,
            colocation: (t) => t.colocationId,
          });
          printTable(shardIndexes, { 'jobs index': (i) => i.index, 'on shards': (i) => `${i.shards} of ${i.of}` });
        } else console.log('not distributed yet: run jobsight db distribute');
      }),
    );

  return db;
}
