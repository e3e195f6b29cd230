/**
 * The HTTP API of every operation (src/operations), generated from its declaration: the route,
 * its OpenAPI entry (parameters from the input schema, responses), the write-key guard, and the
 * handler that reads the request, checks it with the operation's schema and runs it.
 *
 * Where a field goes: `{name}` in the path is a path parameter; GET and DELETE take the others
 * as query parameters (nested `filters` spread: `country=GB`, lists comma-separated); POST and
 * PATCH take a JSON body (`filters` as an object); an upload takes the file as the body and the
 * options as query parameters. Fields only the CLI has (`cliOnly`) are refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { InvalidInputError } from '../core/errors.ts';
import { invalidInput } from '../core/validation.ts';
import { fieldsOf, type GivenValues, inputFromJson, inputFromText } from '../operations/fields.ts';
import { type AnyOperation, type OperationContext, operationId, runOperation } from '../operations/operation.ts';
import type { ApiConfig } from './config.ts';
import { WRITE_SECURITY } from './deps.ts';
import { errorResponses } from './errors.ts';
import { streamToFile, tooLarge } from './upload.ts';

const INPUT_OPTIONS = { noun: 'query parameter' };

/** The field's own schema, for the OpenAPI document (lists as the comma-separated text they travel as). */
function documented(operation: AnyOperation, name: string): z.ZodType {
  const field = fieldsOf(operation).find((f) => f.name === name)!;
  if (field.kind === 'list') {
    const choices = field.choices ? `; any of ${field.choices.join(', ')}` : '';
    const text = z.string().openapi({ description: `${field.description} (comma-separated${choices})` });
    return field.required ? text : text.optional();
  }
  let schema: z.ZodType = operation.input.shape[field.path[0]!] as z.ZodType;
  if (field.path.length > 1) {
    const inner = schema instanceof z.ZodOptional ? (schema.def.innerType as z.ZodType) : schema;
    schema = (inner as z.ZodObject).shape[field.path[1]!] as z.ZodType;
  }
  return schema;
}

function pathParams(operation: AnyOperation): string[] {
  return [...operation.http.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/** Fields an API client can give (not the CLI's own, not the upload's target). */
function apiFields(operation: AnyOperation) {
  return fieldsOf(operation).filter((f) => !f.cliOnly && f.name !== operation.http.upload?.into);
}

function register(app: OpenAPIHono, operation: AnyOperation): void {
  const { method, path: route, status = 200, upload } = operation.http;
  const inPath = pathParams(operation);
  const usesBody = (method === 'post' || method === 'patch') && !upload;
  const params = inPath.length > 0 ? z.object(Object.fromEntries(inPath.map((name) => [name, documented(operation, name)]))) : undefined;
  const others = apiFields(operation).filter((f) => !inPath.includes(f.name));
  const query = usesBody
    ? undefined
    : z.object({
        ...Object.fromEntries(others.map((f) => [f.name, documented(operation, f.name)])),
        ...(upload
          ? {
              filename: z.string().max(255).optional().openapi({ description: 'the file name: its extension picks the format, its stem the source' }),
            }
          : {}),
      });
  const bodyFields = Object.fromEntries(
    Object.entries(operation.input.shape).filter(([name]) => !inPath.includes(name) && !operation.cliOnly?.[name]),
  ) as z.ZodRawShape;
  const binary = { schema: { type: 'string' as const, format: 'binary' } };
  app.openAPIRegistry.registerPath({
    method,
    path: route,
    operationId: operationId(operation.name),
    summary: operation.summary,
    ...(operation.write ? { security: WRITE_SECURITY } : {}),
    request: {
      ...(params ? { params } : {}),
      ...(query ? { query } : {}),
      ...(usesBody ? { body: { content: { 'application/json': { schema: z.object(bodyFields) } } } } : {}),
      ...(upload
        ? {
            body: {
              required: true,
              content: { 'text/csv': binary, 'application/x-ndjson': binary, 'application/json': binary, 'application/octet-stream': binary },
            },
          }
        : {}),
    },
    responses: {
      [status]: {
        description: status === 204 ? 'Done' : 'The result',
        ...(status === 204 ? {} : { content: { 'application/json': { schema: z.any() } } }),
      },
      ...errorResponses({ write: operation.write, upload: Boolean(upload), unprocessable: operation.invalidStatus === 422, notFound: true }),
    },
  });
}

/** Query parameters as given: one value as text, a repeated one as a list. */
function queryValues(c: Context): GivenValues {
  return Object.fromEntries(Object.entries(c.req.queries()).map(([name, values]) => [name, values.length === 1 ? values[0]! : values]));
}

/** Refuses the CLI's own fields, named as unknown. */
function refuseCliOnly(operation: AnyOperation, given: GivenValues): void {
  const refused = Object.keys(given).filter((name) => operation.cliOnly?.[name] !== undefined || name === operation.http.upload?.into);
  if (refused.length > 0)
    throw invalidInput(
      refused.map((name) => ({ path: name, message: 'unknown query parameter' })),
      { what: 'options' },
    );
}

async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  if (!c.req.header('content-type')?.includes('json')) {
    throw new InvalidInputError('send the options as JSON', { status: 415, hint: 'Set content-type: application/json.' });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InvalidInputError(`the body is not valid JSON: ${(e as Error).message}`, { hint: 'Send a JSON object.' });
  }
}

/** A safe file name for the temporary copy, keeping the extension(s) that tell the format. */
function localName(filename: string | undefined): string {
  const base = path
    .basename(filename ?? '')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^\.+/, '');
  return base || 'upload';
}

/** Streams the request body to a temporary folder; runs `use` with its path; removes the folder. */
async function withUpload<T>(
  c: Context,
  config: ApiConfig,
  filename: string | undefined,
  use: (file: string, dir: string) => Promise<T>,
): Promise<T> {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > config.maxUploadBytes) throw tooLarge(config.maxUploadBytes);
  if (c.req.header('content-type')?.startsWith('multipart/')) {
    throw new InvalidInputError('send the file itself as the request body, not as a multipart form', {
      hint: 'e.g. curl --data-binary @postings.jsonl -H "content-type: application/x-ndjson" "URL/api/ingest?filename=postings.jsonl"',
    });
  }
  const dir = await mkdtemp(path.join(config.uploadDir, 'jobsight-upload-'));
  try {
    const file = path.join(dir, localName(filename));
    await streamToFile(c.req.raw.body, file, config.maxUploadBytes);
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface OperationRoutesOptions {
  context: OperationContext;
  config: ApiConfig;
  requireWrite: MiddlewareHandler;
}

/** Adds every operation's route and OpenAPI entry to `app`. */
export function addOperationRoutes(app: OpenAPIHono, operations: readonly AnyOperation[], options: OperationRoutesOptions): void {
  for (const operation of operations) {
    register(app, operation);
    const { method, path: route, status = 200, upload } = operation.http;
    const what = operation.what ?? 'options';
    const handler = async (c: Context) => {
      const fromPath: GivenValues = c.req.param();
      const query = queryValues(c);
      refuseCliOnly(operation, query);
      const run = async (input: Record<string, unknown>) => {
        const result = await runOperation(operation, options.context, input as never);
        const body = operation.reply ? await operation.reply(result, input as never) : result;
        return status === 204 ? c.body(null, 204) : c.json(body as object, status);
      };
      if (upload) {
        const { filename, ...rest } = query;
        if (Array.isArray(filename)) throw invalidInput([{ path: 'filename', message: 'given more than once; give it once' }], { what });
        // Checked before the upload streams in, so a bad option costs no upload.
        inputFromText(operation, { ...rest, ...fromPath }, { what, ...INPUT_OPTIONS, body: { [upload.into]: ['(upload)'] } });
        return withUpload(c, options.config, typeof filename === 'string' ? filename : undefined, async (file, dir) =>
          run(
            inputFromText(
              operation,
              { ...rest, ...fromPath },
              {
                what,
                ...INPUT_OPTIONS,
                body: { [upload.into]: [file], ...(upload.rejects ? { [upload.rejects]: path.join(dir, 'rejects.jsonl') } : {}) },
              },
            ),
          ),
        );
      }
      if (method === 'post' || method === 'patch') {
        if (Object.keys(query).length > 0) {
          throw invalidInput(
            Object.keys(query).map((name) => ({ path: name, message: 'unknown query parameter (options go in the JSON body)' })),
            { what },
          );
        }
        return run(inputFromJson(operation, await jsonBody(c), fromPath, { what, noun: 'body field' }));
      }
      return run(inputFromText(operation, { ...query, ...fromPath }, { what, ...INPUT_OPTIONS }));
    };
    const honoPath = route.replace(/\{(\w+)\}/g, ':$1');
    if (operation.write) app.on(method.toUpperCase(), honoPath, options.requireWrite, handler);
    else app.on(method.toUpperCase(), honoPath, handler);
  }
}
