/**
 * The `jobsight` command line. Commands parse flags, call the library and print; errors reach
 * the user as one line and a hint, with the stack trace only under --debug.
 */
import { Command, CommanderError, Option } from 'commander';
import { DEFAULTS, ENVIRONMENT } from '../config.ts';
import { causeMessage, JobsightError } from '../errors.ts';
import { dbCommand } from './commands/db.ts';
import { demoCommand } from './commands/demo.ts';
import { evalCommand } from './commands/eval.ts';
import { indexCommand } from './commands/index.ts';
import { ingestCommand } from './commands/ingest.ts';
import { jobsCommand } from './commands/jobs.ts';
import { matchCommand } from './commands/match.ts';
import { searchCommand } from './commands/search.ts';
import { serveCommand } from './commands/serve.ts';
import { similarCommand } from './commands/similar.ts';
import { statsCommand } from './commands/stats.ts';
import { positiveInt, nonNegativeInt } from './parse.ts';

const program = new Command('jobsight')
  .description('Job-market analyzer on PostgreSQL + pgvector: load job postings; search them by meaning, keywords or both; match resumes; measure the market; serve an API and web page')
  .addOption(new Option('--data-dir <dir>', `embedded database folder (env JOBSIGHT_DATA_DIR, default ${DEFAULTS.dataDir})`))
  .addOption(new Option('--database-url <url>', 'PostgreSQL server with pgvector (env DATABASE_URL; unset: embedded database)'))
  .addOption(new Option('--pool-max <n>', `server pool size (env JOBSIGHT_POOL_MAX, default ${DEFAULTS.poolMax})`).argParser(positiveInt('--pool-max')))
  .addOption(
    new Option('--pool-idle-timeout-ms <ms>', `close idle server connections after ms (default ${DEFAULTS.poolIdleTimeoutMs})`).argParser(
      nonNegativeInt('--pool-idle-timeout-ms'),
    ),
  )
  .addOption(
    new Option('--pool-connection-timeout-ms <ms>', `give up connecting after ms (default ${DEFAULTS.poolConnectionTimeoutMs})`).argParser(
      nonNegativeInt('--pool-connection-timeout-ms'),
    ),
  )
  .addOption(new Option('--embedder <name>', `embedding provider (env JOBSIGHT_EMBEDDER, default ${DEFAULTS.embedder})`).choices(['semantic', 'hash', 'openai']))
  .addOption(new Option('--embed-url <url>', 'openai: base URL of an OpenAI-compatible API (env JOBSIGHT_EMBED_URL)'))
  .addOption(new Option('--embed-model <name>', 'openai: embedding model (env JOBSIGHT_EMBED_MODEL); key from JOBSIGHT_EMBED_API_KEY or OPENAI_API_KEY'))
  .addOption(
    new Option('--dimensions <n>', `embedding dimensions (env JOBSIGHT_EMBED_DIMENSIONS, default ${DEFAULTS.dimensions})`).argParser(
      positiveInt('--dimensions', 16000),
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

program
  .addCommand(demoCommand())
  .addCommand(dbCommand())
  .addCommand(jobsCommand())
  .addCommand(ingestCommand())
  .addCommand(searchCommand())
  .addCommand(similarCommand())
  .addCommand(matchCommand())
  .addCommand(indexCommand())
  .addCommand(statsCommand())
  .addCommand(evalCommand())
  .addCommand(serveCommand());

// `jobsight search ... | head`: a reader that stops early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // commander has printed the message (or the help/version text) already.
    process.exitCode = error.exitCode;
  } else {
    const debug = process.argv.includes('--debug');
    process.stderr.write(`error: ${error instanceof JobsightError ? error.message : causeMessage(error)}\n`);
    if (error instanceof JobsightError && error.hint) process.stderr.write(`hint: ${error.hint}\n`);
    if (debug) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    else if (!(error instanceof JobsightError)) process.stderr.write('(run again with --debug for the stack trace)\n');
    process.exitCode = 1;
  }
}
