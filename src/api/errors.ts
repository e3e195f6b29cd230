/**
 * One error shape for every failure, `{ error, hint?, issues? }`, and the one place that picks
 * the status: a JobsightError carries its own (400 unless it says otherwise, NotFoundError 404),
 * a failed validation is 400 with each problem named, and anything else is a bare 500 whose
 * details go to the log only (hono's HTTPException / onError split).
 */
import { z } from '@hono/zod-openapi';
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { connectionLostMessage, isConnectionLost } from '../db/connection-errors.ts';
import { JobsightError, pgErrorCode } from '../errors.ts';

export const ErrorSchema = z
  .object({
    error: z.string().openapi({ example: 'k must be a whole number from 1 to 1000, got 0' }),
    hint: z.string().optional().openapi({ example: 'Give some words to search for.' }),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Error');

export type ErrorBody = z.infer<typeof ErrorSchema>;

/** The error responses most routes can give, for the OpenAPI document. */
export const errorResponses = {
  400: { description: 'Invalid input; `error` says which parameter and why', content: { 'application/json': { schema: ErrorSchema } } },
  500: { description: 'Unexpected failure (details are in the server log)', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const notFoundResponse = {
  404: { description: 'No such job', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const authResponses = {
  401: { description: 'Missing or wrong API key', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Writes are disabled: the server has no JOBSIGHT_API_KEY', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export type Logger = (message: string, error?: unknown) => void;

const WHERE: Record<string, string> = { query: 'query parameter', param: 'path parameter', json: 'body field', form: 'form field', header: 'header' };

/** A zod failure as a message naming each bad field and the value it got. */
export function validationBody(error: ZodError, target: string, input?: unknown): ErrorBody {
  const where = WHERE[target] ?? target;
  const issues = error.issues.flatMap((issue) => {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: at ? `${at}.${key}` : key, message: `unknown ${where} (see /openapi.json for the names)` }));
    }
    const value = issue.path.reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined), input);
    const got = value === undefined ? '' : ` (got ${JSON.stringify(value)?.slice(0, 100)})`;
    return [{ path: at || `(${target})`, message: `${issue.message}${got}` }];
  });
  return {
    error: `invalid ${where}${issues.length > 1 ? 's' : ''}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
  };
}

/** For OpenAPIHono's defaultHook: every route's validation failure becomes a 400 with this body. */
export function validationHook(result: { success: boolean; error?: unknown; data?: unknown; target: string }, c: Context) {
  if (!result.success) return c.json(validationBody(result.error as ZodError, result.target, result.data), 400);
  return undefined;
}

/** The app's onError: known errors to their status, the rest logged and answered with a bare 500. */
export function errorHandler(log: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof JobsightError) {
      const body: ErrorBody = { error: error.message, ...(error.hint ? { hint: error.hint } : {}) };
      return c.json(body, error.status as ContentfulStatusCode);
    }
    if (error instanceof HTTPException) {
      // hono's own refusals: malformed JSON (400), unsupported media type (415), body too large (413).
      return c.json({ error: error.message || 'request refused' }, error.status);
    }
    // The database restarting or away: the client may retry; the pool reconnects by itself.
    if (isConnectionLost(error)) {
      log(`${c.req.method} ${c.req.path}: database unavailable: ${connectionLostMessage(error)}`);
      c.header('Retry-After', '5');
      return c.json({ error: 'the database is not reachable right now', hint: 'It may be restarting: retry in a few seconds (GET /api/health answers 200 again when it is back).' }, 503);
    }
    // PostgreSQL cannot store NUL (0x00) in text: 22021 character_not_in_repertoire.
    if (pgErrorCode(error) === '22021') {
      return c.json({ error: 'a text value contains a NUL character (\\u0000), which cannot be stored or searched', hint: 'Remove NUL characters (%00) from the request.' }, 400);
    }
    log(`${c.req.method} ${c.req.path} failed`, error);
    return c.json({ error: 'internal error: the request failed unexpectedly', hint: 'The server log has the details.' }, 500);
  };
}
