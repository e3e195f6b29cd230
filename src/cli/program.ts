/**
 * The `jobsight` program: global options, the local commands (demo, db, serve) and a command for
 * every operation (cli/operations.ts).
 */
import { Command, Option } from 'commander';
import { DEFAULTS, ENVIRONMENT } from '../config.ts';
import { MAX_DIMENSIONS } from '../core/defaults.ts';
import { GROUPS, OPERATIONS } from '../operations/index.ts';
import { dbCommand } from './commands/db.ts';
import { demoCommand } from './commands/demo.ts';
import { serveCommand } from './commands/serve.ts';
import { addOperationCommands } from './operations.ts';
import { wholeNumberFlag } from './parse.ts';

/** Commands that work on this machine only and have no API route (the API has /api/health of its own). */
export const LOCAL_COMMANDS = ['demo', 'db init', 'db migrate', 'db status', 'db rollback', 'db info', 'db reembed', 'db distribute', 'serve'];

/** The program; with `argv` (the words given), only the operation commands it names are built whole. */
export function buildProgram(argv?: readonly string[]): Command {
  const program = new Command('jobsight')
    .description(
      'Job-market analyzer on PostgreSQL + pgvector: load job postings; search them by meaning, keywords or both; match resumes; measure the market; serve an API and web page',
    )
    .addOption(new Option('--data-dir <dir>', `embedded database folder (env JOBSIGHT_DATA_DIR, default ${DEFAULTS.dataDir})`))
    .addOption(new Option('--database-url <url>', 'PostgreSQL server with pgvector (env DATABASE_URL; unset: embedded database)'))
    .addOption(
      new Option('--pool-max <n>', `server pool size (env JOBSIGHT_POOL_MAX, default ${DEFAULTS.poolMax})`).argParser(
        wholeNumberFlag('--pool-max', 1),
      ),
    )
    .addOption(
      new Option('--pool-idle-timeout-ms <ms>', `close idle server connections after ms (default ${DEFAULTS.poolIdleTimeoutMs})`).argParser(
        wholeNumberFlag('--pool-idle-timeout-ms', 0),
      ),
    )
    .addOption(
      new Option('--pool-connection-timeout-ms <ms>', `give up connecting after ms (default ${DEFAULTS.poolConnectionTimeoutMs})`).argParser(
        wholeNumberFlag('--pool-connection-timeout-ms', 0),
      ),
    )
    .addOption(
      new Option(
        '--read-url <url>',
        'a read replica of the server: searches and statistics read there (repeatable; env JOBSIGHT_READ_URLS, comma-separated)',
      ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
    )
    .addOption(
      new Option(
        '--max-replica-lag <s>',
        `skip a replica further behind than this (env JOBSIGHT_MAX_REPLICA_LAG, default ${DEFAULTS.maxReplicaLagSeconds})`,
      ).argParser(wholeNumberFlag('--max-replica-lag', 0)),
    )
    .addOption(
      new Option('--embedder <name>', `embedding provider (env JOBSIGHT_EMBEDDER, default ${DEFAULTS.embedder})`).choices([
        'semantic',
        'hash',
        'openai',
      ]),
    )
    .addOption(new Option('--embed-url <url>', 'openai: base URL of an OpenAI-compatible API (env JOBSIGHT_EMBED_URL)'))
    .addOption(
      new Option('--embed-model <name>', 'openai: embedding model (env JOBSIGHT_EMBED_MODEL); key from JOBSIGHT_EMBED_API_KEY or OPENAI_API_KEY'),
    )
    .addOption(
      new Option('--dimensions <n>', `embedding dimensions (env JOBSIGHT_EMBED_DIMENSIONS, default ${DEFAULTS.dimensions})`).argParser(
        wholeNumberFlag('--dimensions', 2, MAX_DIMENSIONS),
      ),
    )
    .option('--json', 'print results as JSON')
    .option('--debug', 'print stack traces on errors')
    .addHelpText(
      'after',
      `\nEnvironment:\n${Object.entries(ENVIRONMENT)
        .map(([name, what]) => `  ${name.padEnd(36)}${what}`)
        .join('\n')}`,
    )
    .showHelpAfterError()
    .exitOverride();

  program.addCommand(demoCommand()).addCommand(dbCommand());
  addOperationCommands(program, OPERATIONS, GROUPS, argv);
  program.addCommand(serveCommand());
  return program;
}
