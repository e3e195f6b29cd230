import { Argument, Command, Option } from 'commander';
import { countJobs } from '../../jobs/repository.ts';
import {
  createVectorIndex,
  EXACT_SEARCH_MAX_ROWS,
  dropVectorIndex,
  rebuildVectorIndex,
  recommendIndex,
  vectorIndexStatus,
  type ServerBuildOptions,
} from '../../indexes/manage.ts';
import { getAutoIndex, setAutoIndex } from '../../indexes/default-policy.ts';
import { METRICS, type Metric } from '../../search/vector.ts';
import { withDatabase } from '../context.ts';
import { printJson, printTable } from '../output.ts';
import { nonNegativeInt, positiveInt } from '../parse.ts';

interface BuildFlags {
  metric: Metric;
  concurrently: boolean;
  maintenanceWorkMem?: string;
  parallelWorkers?: number;
}

function buildOptions(flags: BuildFlags): ServerBuildOptions {
  return { concurrently: flags.concurrently, maintenanceWorkMem: flags.maintenanceWorkMem, parallelWorkers: flags.parallelWorkers };
}

/** Options every build takes; PGlite ignores the server ones. */
function withBuildOptions(command: Command): Command {
  return command
    .addOption(new Option('--metric <metric>', 'distance the index serves').choices(METRICS).default('cosine'))
    .option('--no-concurrently', 'server: build inside a transaction, blocking writes (default: CONCURRENTLY)')
    .option('--maintenance-work-mem <size>', "server: memory for the build, e.g. '1GB' (default 512MB)")
    .option('--parallel-workers <n>', 'server: parallel build workers (default 2)', nonNegativeInt('--parallel-workers'));
}

export function indexCommand(): Command {
  const index = new Command('index').description('create, inspect, rebuild and drop the vector indexes (HNSW, IVFFlat)');
  const create = index.command('create').description('build a vector index on job embeddings');

  withBuildOptions(
    create
      .command('hnsw')
      .description('HNSW: best recall/speed; slower to build')
      .option('--m <n>', 'links per node (2 to 100)', positiveInt('--m', 100), 16)
      .option('--ef-construction <n>', 'candidate list while building (at least 2 x m)', positiveInt('--ef-construction', 1000), 64),
  ).action(async (flags: BuildFlags & { m: number; efConstruction: number }, command: Command) =>
    withDatabase(command, async ({ database, json }) => {
      const result = await createVectorIndex(
        database,
        { type: 'hnsw', m: flags.m, efConstruction: flags.efConstruction, metric: flags.metric },
        buildOptions(flags),
      );
      if (json) return printJson(result);
      console.log(`built ${result.name} in ${(result.milliseconds / 1000).toFixed(1)} s`);
    }),
  );

  withBuildOptions(
    create
      .command('ivfflat')
      .description('IVFFlat: fast to build; needs the rows loaded first')
      .option('--lists <n>', 'number of lists (default rows/1000, sqrt(rows) above 1M rows)', positiveInt('--lists', 32768)),
  ).action(async (flags: BuildFlags & { lists?: number }, command: Command) =>
    withDatabase(command, async ({ database, json }) => {
      const result = await createVectorIndex(database, { type: 'ivfflat', lists: flags.lists, metric: flags.metric }, buildOptions(flags));
      if (json) return printJson(result);
      console.log(`built ${result.name} in ${(result.milliseconds / 1000).toFixed(1)} s`);
    }),
  );

  index
    .command('status')
    .description('vector indexes with type, parameters, size and rows; builds in progress (server)')
    .action(async (_opts, command: Command) =>
      withDatabase(command, async ({ database, json }) => {
        const status = await vectorIndexStatus(database);
        const advice = recommendIndex(await countJobs(database.db));
        if (json) return printJson({ ...status, recommendation: advice });
        if (status.indexes.length === 0) console.log('no vector index: searches scan every row (exact)');
        else
          printTable(status.indexes, {
            index: (i) => i.name,
            type: (i) => i.type,
            metric: (i) => i.metric,
            parameters: (i) =>
              Object.entries(i.parameters)
                .map(([k, v]) => `${k}=${v}`)
                .join(' '),
            size: (i) => i.size,
            rows: (i) => i.rowsIndexed,
            valid: (i) => (i.valid ? 'yes' : 'NO'),
          });
        for (const b of status.building) console.log(`building ${b.index ?? '?'}: ${b.phase}`);
        console.log(`policy: ${advice.reason}`);
      }),
    );

  index
    .command('rebuild')
    .description('rebuild a vector index (REINDEX, CONCURRENTLY on the server)')
    .argument('<name>', 'index name, as `index status` shows it')
    .action(async (name: string, _opts, command: Command) =>
      withDatabase(command, async ({ database, json }) => {
        await rebuildVectorIndex(database, name);
        if (json) return printJson({ rebuilt: name });
        console.log(`rebuilt ${name}`);
      }),
    );

  index
    .command('drop')
    .description('drop a vector index; searches then scan every row (exact)')
    .argument('<name>', 'index name, as `index status` shows it')
    .action(async (name: string, _opts, command: Command) =>
      withDatabase(command, async ({ database, json }) => {
        await dropVectorIndex(database, name);
        // The user chose: the default policy must not build it again after the next ingest.
        await setAutoIndex(database, false);
        if (json) return printJson({ dropped: name, autoIndex: false });
        console.log(`dropped ${name}; the default index policy is now off (\`jobsight index auto on\` turns it back on)`);
      }),
    );

  index
    .command('auto')
    .description(
      `the default policy: after an ingest, build HNSW (m 16, ef_construction 64) once the table has ${EXACT_SEARCH_MAX_ROWS.toLocaleString('en')} rows and no vector index`,
    )
    .addArgument(new Argument('[state]', 'turn it on or off; without: show it').choices(['on', 'off']))
    .action(async (state: 'on' | 'off' | undefined, _opts, command: Command) =>
      withDatabase(command, async ({ database, json }) => {
        if (state) await setAutoIndex(database, state === 'on');
        const on = await getAutoIndex(database);
        if (json) return printJson({ autoIndex: on });
        console.log(`default index policy: ${on ? 'on' : 'off'}`);
      }),
    );

  return index;
}
