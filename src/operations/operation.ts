/**
 * One declaration per operation: its name, a one-line summary, its input schema (zod, with
 * defaults, limits and a description per field) and its handler, which calls the library. The
 * CLI (cli/operations.ts) and the HTTP API (api/operations.ts) are generated from these, so both
 * list the same operations under the same names with the same options and refuse bad input with
 * the same errors. See ARCHITECTURE.md for the naming rules.
 *
 * @example
 * export const similarOperation = defineOperation({
 *   name: 'similar',
 *   summary: 'the postings nearest to a posting by meaning, without itself and its exact duplicates',
 *   input: z.strictObject({ id: jobId(), k: hitCount(), filters: SearchFilters.optional() }),
 *   args: [['id', 'job-id']],
 *   http: { method: 'get', path: '/api/jobs/{id}/similar' },
 *   run: ({ database }, { id, ...options }) => similarJobs(database.db, id, options),
 *   reply: (hits) => ({ hits }),
 * });
 */
import type { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { pendingChanged } from '../embed-queue/index.ts';

export interface OperationContext {
  database: Database;
  embedder: Embedder;
  /** Progress of long work (bytes or rows done of total), for a progress bar; the API ignores it. */
  progress?: (done: number, total: number, rows?: number) => void;
  /** A note for people while work goes on; the CLI prints it on stderr, the API ignores it. */
  note?: (message: string) => void;
  /** The command line that runs this operation again (CLI only), for messages such as "to resume, run: ...". */
  rerunCommand?: string;
}

export interface HttpRoute {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI path; `{name}` segments are path parameters named after input fields. */
  path: string;
  /** Status of a success. Default 200. */
  status?: 200 | 201 | 204;
  /**
   * The request body is a file, streamed to a temporary folder within the upload limit; its
   * path goes to `into` (a list field) and the options come as query parameters; `rejects`
   * names the field that gets a file in that folder for rejected records.
   */
  upload?: { into: string; rejects?: string };
}

export interface Operation<S extends z.ZodObject = z.ZodObject, R = unknown> {
  /** The CLI command path (`jobs get`, `stats skills`); the API's operationId is the same words in camelCase. */
  name: string;
  /** One line: the CLI command's description and the OpenAPI summary. */
  summary: string;
  /** Every option, with its default, limits and a description (used for --help and /openapi.json). */
  input: S;
  /** What the input is called in error messages (default "options"). */
  what?: string;
  /** Status of invalid input, when more precise than 400 (422: a change the job cannot take). */
  invalidStatus?: 422;
  /** Fields given as CLI positional arguments, in order; `[field, shownAs]` to show another name. */
  args?: (string | [string, string])[];
  http: HttpRoute;
  /** Changes data: the API asks for the write key; with read replicas it runs on the primary. */
  write?: boolean;
  /**
   * Only reads: with read replicas (--read-url) it runs on one of them (db/replicas.ts). An
   * operation that is neither `write` nor `reads` runs on the primary (e.g. `index status`, which
   * reports builds in progress there).
   */
  reads?: boolean;
  /** Fields only the CLI has, with why (a path on this machine, a flag that cannot say null). */
  cliOnly?: Record<string, string>;
  /** Fields the CLI takes as a path to a file whose content is the value (`--resume cv.md`). */
  cliReadsFile?: string[];
  /** Whether the handler needs the database for this input (default: always). */
  needsDatabase?: (input: z.output<S>) => boolean;
  run(ctx: OperationContext, input: z.output<S>): Promise<R>;
  /** The API's response body, when it is not the result itself. */
  reply?(result: R, input: z.output<S>): unknown | Promise<unknown>;
}

/**
 * Runs `operation` where it belongs: a `reads` operation on a read replica when there are some
 * (else the primary), any other on the primary; after a `write`, this process's later reads see
 * it, on the replicas and in the searches' `pending` (a write to jobs may queue postings for
 * embedding). The CLI and the API both run operations through here.
 */
export async function runOperation<S extends z.ZodObject, R>(operation: Operation<S, R>, ctx: OperationContext, input: z.output<S>): Promise<R> {
  const replicas = ctx.database?.replicas;
  if (operation.reads && replicas) return replicas.read((database) => operation.run({ ...ctx, database }, input));
  if (!operation.write) return operation.run(ctx, input);
  let result: R;
  try {
    result = await operation.run(ctx, input);
  } finally {
    // Also after a failure: a write that failed part-way (an ingest) may have committed some rows.
    pendingChanged();
  }
  await replicas?.wrote();
  return result;
}

/** Declares an operation; the identity, typed. */
export function defineOperation<S extends z.ZodObject, R>(operation: Operation<S, R>): Operation<S, R> {
  return operation;
}

/** Any operation, as the front ends handle them. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds operations of every input and result type
export type AnyOperation = Operation<z.ZodObject, any>;

/** `index create hnsw` → `indexCreateHnsw`: an operation's name as the API's operationId. */
export function operationId(name: string): string {
  return name
    .split(/[\s-]+/)
    .map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');
}

/** `salaryMin` → `salary-min`: a field's name as a CLI flag (without the dashes). */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
