/**
 * The `jobsight` command line. Commands parse flags, call the library and print; errors reach
 * the user as one line and a hint, with the stack trace only under --debug.
 */
import { CommanderError } from 'commander';
import { causeMessage, peopleError } from '../core/errors.ts';
import { buildProgram } from './program.ts';

const program = buildProgram(process.argv.slice(2));

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
    // Known failures (bad input, a missing job, a database that went away) in one line and a hint.
    const known = peopleError(error);
    process.stderr.write(`error: ${known ? known.message : causeMessage(error)}
`);
    if (known?.hint) process.stderr.write(`hint: ${known.hint}\n`);
    if (process.argv.includes('--debug')) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    else if (!known) process.stderr.write('(run again with --debug for the stack trace)\n');
    process.exitCode = 1;
  }
}
