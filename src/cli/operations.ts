/**
 * The `jobsight` command of every operation (src/operations), generated from its declaration:
 * the command path from its name, arguments and flags from its input schema (`salaryMin` is
 * `--salary-min`, a one-letter name also `-k`, a true-by-default boolean `--no-...`), --help from
 * the field descriptions, and one action that checks the flags with the operation's schema (the
 * same errors as the API), runs it on the configured database and prints the result: a table
 * for people (cli/print), or the result as JSON with --json.
 */
import { readFile } from 'node:fs/promises';
import { Argument, Command, Option } from 'commander';
import { InvalidInputError } from '../core/errors.ts';
import { type FieldInfo, fieldsOf, type GivenValues, inputFromText } from '../operations/fields.ts';
import { type AnyOperation, kebabCase, type OperationContext, runOperation } from '../operations/operation.ts';
import { configFrom, globalOptions, withDatabase } from './context.ts';
import { printJson } from './output.ts';
import { PRINTERS } from './print/index.ts';
import { createProgress } from './progress.ts';

function describe(field: FieldInfo): string {
  const parts = [field.description];
  if (field.choices) parts.push(`(${field.kind === 'list' ? 'comma-separated: ' : ''}${field.choices.join(', ')})`);
  else if (field.kind === 'list' && !field.arg) parts.push('(comma-separated)');
  if (field.required) parts.push('(required)');
  else if (field.default !== undefined && field.kind !== 'boolean') parts.push(`(default: ${JSON.stringify(field.default)})`);
  if (field.cliOnly) parts.push(`[command line only: ${field.cliOnly}]`);
  return parts.filter(Boolean).join(' ');
}

function optionFor(field: FieldInfo): Option {
  const flag = kebabCase(field.name);
  if (field.kind === 'boolean') return new Option(field.default === true ? `--no-${flag}` : `--${flag}`, describe(field));
  const value =
    field.kind === 'integer' || field.kind === 'number'
      ? '<n>'
      : field.kind === 'list'
        ? '<list>'
        : `<${field.name === 'resume' ? 'file' : 'value'}>`;
  const short = field.name.length === 1 ? `-${field.name}, ` : '';
  return new Option(`${short}--${flag} ${value}`, describe(field));
}

function argumentFor(field: FieldInfo): Argument {
  const name = field.kind === 'list' ? `${field.arg!.shownAs}...` : field.arg!.shownAs;
  return new Argument(field.required ? `<${name}>` : `[${name}]`, describe(field));
}

/** The leaf command of `words` under `root`, creating the groups on the way. */
function commandAt(root: Command, words: string[], groups: Record<string, string>): Command {
  let parent = root;
  for (const [i, word] of words.entries()) {
    let next = parent.commands.find((c) => c.name() === word);
    if (!next) {
      next = new Command(word).description(groups[words.slice(0, i + 1).join(' ')] ?? '');
      parent.addCommand(next);
    }
    parent = next;
  }
  return parent;
}

async function readGivenFile(field: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidInputError(`cannot read the ${field} ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, {
      hint: 'Give the path of a plain-text or Markdown file.',
    });
  }
}

/** The values given on the command line, by field name, as text. */
async function givenValues(operation: AnyOperation, command: Command): Promise<GivenValues> {
  const fields = fieldsOf(operation);
  const opts = command.opts<Record<string, string | boolean | undefined>>();
  const given: GivenValues = {};
  for (const field of fields) {
    const value = field.arg ? (command.processedArgs[field.arg.position] as string | string[] | undefined) : opts[field.name];
    if (value === undefined) continue;
    // A true-by-default boolean is only given when its --no- flag was.
    if (field.kind === 'boolean' && field.default === true && value === true) continue;
    given[field.name] = operation.cliReadsFile?.includes(field.name) && typeof value === 'string' ? await readGivenFile(field.name, value) : value;
  }
  return given;
}

/**
 * Adds a command for every operation to `program`. With `argv`, only the commands it names get
 * their arguments and flags (reading them from the schemas is the costly part of start-up); the
 * others are listed with their summary.
 */
export function addOperationCommands(
  program: Command,
  operations: readonly AnyOperation[],
  groups: Record<string, string>,
  argv?: readonly string[],
): void {
  for (const operation of operations) {
    const words = operation.name.split(' ');
    const command = commandAt(program, words, groups).description(operation.summary);
    if (argv && !words.every((word) => argv.includes(word))) continue;
    const fields = fieldsOf(operation);
    for (const field of fields.filter((f) => f.arg).sort((a, b) => a.arg!.position - b.arg!.position)) command.addArgument(argumentFor(field));
    for (const field of fields.filter((f) => !f.arg)) command.addOption(optionFor(field));
    command.action(async (..._args: unknown[]) => {
      const json = Boolean(globalOptions(command).json);
      const input = inputFromText(operation, await givenValues(operation, command), { what: operation.what ?? 'options', noun: 'option' });
      const printer = PRINTERS[operation.name];
      const progress = createProgress(printer?.progress ?? operation.name, json || !printer?.progress);
      const extra: Pick<OperationContext, 'progress' | 'note' | 'rerunCommand'> = {
        rerunCommand: rerunCommand(),
        progress: (done, total, rows) => progress.update(done, total, rows),
        note: (message) => {
          if (!json) process.stderr.write(`${message}\n`);
        },
      };
      const result =
        operation.needsDatabase?.(input) === false
          ? await operation.run({ embedder: configFrom(globalOptions(command)).embedder, database: undefined as never, ...extra }, input)
          : await withDatabase(command, (ctx) => runOperation(operation, { ...ctx, ...extra }, input));
      progress.stop();
      if (json) return printJson(printer?.json ? printer.json(result, input) : result);
      if (printer?.print) printer.print(result, input);
      else printJson(result);
    });
  }
}

/** This very command line, quoted for a POSIX shell: an ingest that stops says to run it again. */
function rerunCommand(): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['jobsight', ...process.argv.slice(2)].map(quote).join(' ');
}
