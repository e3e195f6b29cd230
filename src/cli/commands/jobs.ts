import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { JobsightError, NotFoundError } from '../../core/errors.ts';
import { EMPLOYMENT_TYPES, REMOTE_MODES, SALARY_PERIODS, type Job } from '../../core/posting.ts';
import { addJobs, deleteJob, getJob, listJobs, updateJob } from '../../jobs/repository.ts';
import { withDatabase } from '../context.ts';
import { formatSalary, printFacts, printJson, printTable, truncate } from '../output.ts';
import { list, nonNegativeInt, number, positiveInt } from '../parse.ts';

/** Flags that set a job field, shared by `add` and `update`; the key is the JobInput field. */
const FIELD_OPTIONS = [
  new Option('--title <text>', 'job title'),
  new Option('--description <text>', 'description text'),
  new Option('--description-file <file>', 'read the description from a file (text or Markdown)'),
  new Option('--company <name>', 'employer'),
  new Option('--city <name>', 'city'),
  new Option('--region <name>', 'region, state or county'),
  new Option('--country <code>', 'country, ISO code such as GB or US'),
  new Option('--remote-mode <mode>', 'remote mode').choices(REMOTE_MODES),
  new Option('--employment-type <type>', 'employment type').choices(EMPLOYMENT_TYPES),
  new Option('--salary-min <amount>', 'lowest pay per period').argParser(number('--salary-min')),
  new Option('--salary-max <amount>', 'highest pay per period').argParser(number('--salary-max')),
  new Option('--salary-currency <code>', 'ISO 4217 currency, e.g. GBP'),
  new Option('--salary-period <period>', 'pay period').choices(SALARY_PERIODS),
  new Option('--posted-at <date>', 'date posted, YYYY-MM-DD'),
  new Option('--expires-at <date>', 'closing date, YYYY-MM-DD'),
  new Option('--url <url>', 'link to the posting'),
  new Option('--skills <list>', "comma-separated skills (replaces the job's skills)").argParser(list),
  new Option('--source <name>', 'where the posting comes from (default "manual")'),
  new Option('--external-id <id>', "the source's id for the posting (default: content hash)"),
];

const FIELD_KEYS = [
  'title',
  'description',
  'company',
  'city',
  'region',
  'country',
  'remoteMode',
  'employmentType',
  'salaryMin',
  'salaryMax',
  'salaryCurrency',
  'salaryPeriod',
  'postedAt',
  'expiresAt',
  'url',
  'skills',
  'source',
  'externalId',
] as const;

async function fieldsFrom(opts: Record<string, unknown>): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) if (opts[key] !== undefined) fields[key] = opts[key];
  if (opts.descriptionFile) fields.description = await readFile(String(opts.descriptionFile), 'utf8');
  return fields;
}

function parseId(value: string): number {
  return positiveInt('job id')(value);
}

async function readJobsFile(file: string): Promise<unknown[]> {
  const text = file === '-' ? await new Response(process.stdin as unknown as ReadableStream).text() : await readFile(file, 'utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch (e) {
    throw new JobsightError(`${file} is not valid JSON: ${(e as Error).message}`, {
      hint: 'Give one job object or an array of them; for CSV or JSON Lines files use `jobsight ingest`.',
    });
  }
}

function printJob(job: Job): void {
  printFacts({
    id: job.id,
    title: job.title,
    company: job.company,
    location: [job.city, job.region, job.country].filter(Boolean).join(', '),
    remote: job.remoteMode,
    employment: job.employmentType,
    salary: formatSalary(job),
    'salary (annual)': job.salaryAnnualMin !== null ? `${job.salaryAnnualMin}–${job.salaryAnnualMax} ${job.salaryCurrency}` : '',
    posted: job.postedAt,
    expires: job.expiresAt,
    url: job.url,
    skills: job.skills,
    source: `${job.source} / ${job.externalId}`,
    updated: job.updatedAt,
  });
  if (job.description) process.stdout.write(`\n${job.description}\n`);
}

export function jobsCommand(): Command {
  const jobs = new Command('jobs').description('add, show, change, delete and list job postings');

  const add = jobs
    .command('add')
    .description('add a job from flags, or many from a JSON file (--file jobs.json, - for stdin)')
    .option('--file <file>', 'JSON file with one job object or an array of them');
  for (const option of FIELD_OPTIONS) add.addOption(option);
  add.action(async (opts: Record<string, unknown>, command: Command) =>
    withDatabase(command, async ({ database, embedder, json }) => {
      const inputs = opts.file ? await readJobsFile(String(opts.file)) : [await fieldsFrom(opts)];
      if (!opts.file && !opts.title)
        throw new JobsightError('a job needs a title', { hint: 'jobsight jobs add --title "Data Engineer" --company Acme' });
      const added = await addJobs(database.db, embedder, inputs);
      if (json) return printJson(added.length === 1 && !opts.file ? added[0] : added);
      for (const job of added) console.log(`added job ${job.id}: ${job.title}${job.company ? ` at ${job.company}` : ''}`);
    }),
  );

  jobs
    .command('get')
    .description('show one job')
    .argument('<id>', 'job id', parseId)
    .action(async (id: number, _opts, command: Command) =>
      withDatabase(command, async ({ database, json }) => {
        const job = await getJob(database.db, id);
        if (!job) throw new NotFoundError(`no job with id ${id}`, 'List jobs with `jobsight jobs list`.');
        if (json) return printJson(job);
        printJob(job);
      }),
    );

  const update = jobs
    .command('update')
    .description('change fields of a job; changing its text re-embeds it in the same transaction')
    .argument('<id>', 'job id', parseId)
    .option('--clear <fields>', 'comma-separated optional fields to empty, e.g. url,expiresAt', list);
  for (const option of FIELD_OPTIONS) update.addOption(option);
  update.action(async (id: number, opts: Record<string, unknown>, command: Command) =>
    withDatabase(command, async ({ database, embedder, json }) => {
      const patch = await fieldsFrom(opts);
      for (const field of (opts.clear as string[] | undefined) ?? []) patch[field] = null;
      if (Object.keys(patch).length === 0)
        throw new JobsightError('nothing to update', { hint: 'Give at least one field flag, e.g. --title, or --clear url.' });
      const job = await updateJob(database.db, embedder, id, patch);
      if (json) return printJson(job);
      console.log(`updated job ${job.id}: ${job.title}`);
    }),
  );

  jobs
    .command('delete')
    .description('delete a job (and its skill links)')
    .argument('<id>', 'job id', parseId)
    .action(async (id: number, _opts, command: Command) =>
      withDatabase(command, async ({ database, json }) => {
        const deleted = await deleteJob(database.db, id);
        if (!deleted) throw new NotFoundError(`no job with id ${id}`);
        if (json) return printJson({ deleted: id });
        console.log(`deleted job ${id}`);
      }),
    );

  jobs
    .command('list')
    .description('list jobs in id order')
    .option('--limit <n>', 'how many (at most 1000)', positiveInt('--limit', 1000), 20)
    .option('--offset <n>', 'skip this many', nonNegativeInt('--offset'), 0)
    .option('--source <name>', 'only this source')
    .option('--company <name>', 'only this company')
    .action(async (opts: { limit: number; offset: number; source?: string; company?: string }, command: Command) =>
      withDatabase(command, async ({ database, json }) => {
        const rows = await listJobs(database.db, opts);
        if (json) return printJson(rows);
        printTable(rows, {
          id: (j) => j.id,
          title: (j) => truncate(j.title, 40),
          company: (j) => truncate(j.company ?? '', 28),
          location: (j) => truncate([j.city, j.country].filter(Boolean).join(', '), 24),
          salary: (j) => formatSalary(j),
          posted: (j) => j.postedAt,
        });
      }),
    );

  return jobs;
}
