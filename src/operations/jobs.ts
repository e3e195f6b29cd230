/** Jobs CRUD: list, show, add, change and delete postings, each in one transaction (jobs/repository.ts). */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InvalidInputError } from '../core/errors.ts';
import { JOB_INPUT_FIELDS, salaryRangeRule } from '../core/posting.ts';
import { text } from '../core/validation.ts';
import { addJobs, deleteJob, getJob, jobNotFound, ListOptions, listJobs, updateJob } from '../jobs/repository.ts';
import { jobId } from '../search/similar.ts';
import { defineOperation } from './operation.ts';

const byId = z.strictObject({ id: jobId() });
const idArg: [string, string] = ['id', 'id'];

export const jobsListOperation = defineOperation({
  name: 'jobs list',
  summary: 'list jobs in id order',
  input: ListOptions,
  http: { method: 'get', path: '/api/jobs' },
  reads: true,
  run: ({ database }, options) => listJobs(database.db, options),
  reply: (jobs) => ({ jobs }),
});

export const jobsGetOperation = defineOperation({
  name: 'jobs get',
  summary: 'show one job',
  input: byId,
  args: [idArg],
  http: { method: 'get', path: '/api/jobs/{id}' },
  reads: true,
  async run({ database }, { id }) {
    const job = await getJob(database.db, id);
    if (!job) throw jobNotFound(id);
    return job;
  },
});

const FILES = {
  descriptionFile: text(4096).optional().describe('read the description from a file (text or Markdown)'),
};

async function readDescription(file: string | undefined): Promise<{ description?: string }> {
  return file === undefined ? {} : { description: await readFile(file, 'utf8') };
}

async function readJobsFile(file: string): Promise<unknown[]> {
  const content = file === '-' ? await new Response(process.stdin as unknown as ReadableStream).text() : await readFile(file, 'utf8');
  try {
    const parsed: unknown = JSON.parse(content);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch (e) {
    throw new InvalidInputError(`${file} is not valid JSON: ${(e as Error).message}`, {
      hint: 'Give one job object or an array of them; for CSV or JSON Lines files use `jobsight ingest`.',
    });
  }
}

export const jobsAddOperation = defineOperation({
  name: 'jobs add',
  summary: 'add a job (embedded in the same transaction), or many from a JSON file (--file jobs.json, - for stdin)',
  what: 'job',
  // With --file the fields come from the file, so title is required by the refinement, not the shape.
  input: z
    .strictObject({
      ...JOB_INPUT_FIELDS,
      title: JOB_INPUT_FIELDS.title.optional(),
      file: text(4096).optional().describe('JSON file with one job object or an array of them'),
      ...FILES,
    })
    .refine((j) => j.file !== undefined || j.title !== undefined, { message: 'is required', path: ['title'] })
    .refine((j) => j.file === undefined || j.title === undefined, { message: 'give either a file or the fields of one job', path: ['file'] })
    .refine(...salaryRangeRule()),
  cliOnly: { file: 'a file on the machine running the command', descriptionFile: 'a file on the machine running the command' },
  write: true,
  http: { method: 'post', path: '/api/jobs', status: 201 },
  async run({ database, embedder }, { file, descriptionFile, ...fields }) {
    const inputs = file !== undefined ? await readJobsFile(file) : [{ ...fields, ...(await readDescription(descriptionFile)) }];
    return addJobs(database.db, embedder, inputs);
  },
  reply: (jobs) => jobs[0],
});

// null clears a field; whether the job can be without it is the library's call (a 422).
const patchFields = Object.fromEntries(
  Object.entries(JOB_INPUT_FIELDS).map(([name, schema]) => {
    const withoutDefault = schema instanceof z.ZodDefault ? (schema.def.innerType as z.ZodType) : schema;
    return [name, withoutDefault.nullable().optional()];
  }),
);

export const jobsUpdateOperation = defineOperation({
  name: 'jobs update',
  summary: 'change fields of a job (null clears one); changing its text re-embeds it in the same transaction',
  what: 'change',
  // A change that cannot apply to the job as stored is unprocessable, whatever made it so.
  invalidStatus: 422,
  input: z.strictObject({
    id: jobId(),
    ...(patchFields as { [K in keyof typeof JOB_INPUT_FIELDS]: z.ZodOptional<z.ZodNullable<(typeof JOB_INPUT_FIELDS)[K]>> }),
    clear: z
      .array(z.enum(Object.keys(JOB_INPUT_FIELDS) as [string, ...string[]]))
      .optional()
      .describe('comma-separated optional fields to empty, e.g. url,expiresAt'),
    ...FILES,
  }),
  args: [idArg],
  cliOnly: { clear: 'a flag cannot say null; the API takes null', descriptionFile: 'a file on the machine running the command' },
  write: true,
  http: { method: 'patch', path: '/api/jobs/{id}' },
  async run({ database, embedder }, { id, clear, descriptionFile, ...fields }) {
    const patch: Record<string, unknown> = { ...fields, ...(await readDescription(descriptionFile)) };
    for (const field of clear ?? []) patch[field] = null;
    if (Object.keys(patch).length === 0) {
      throw new InvalidInputError('nothing to update', { hint: 'Give at least one field, e.g. --title, or --clear url.' });
    }
    return updateJob(database.db, embedder, id, patch);
  },
});

export const jobsDeleteOperation = defineOperation({
  name: 'jobs delete',
  summary: 'delete a job and its skill links',
  input: byId,
  args: [idArg],
  write: true,
  http: { method: 'delete', path: '/api/jobs/{id}', status: 204 },
  async run({ database }, { id }) {
    if (!(await deleteJob(database.db, id))) throw jobNotFound(id);
    return { deleted: id };
  },
});
