/**
 * One error shape for every failure, `{ error, hint?, issues? }`, and the one place that picks
 * the status: a JobsightError by its kind (client 400 or more precise, not-found 404, conflict
 * 409, unavailable 503, internal 500), a lost or refused database connection 503 with a hint to
 * retry, hono's own refusals (malformed JSON, body too large) as they are, anything else a bare
 * 500 whose details go to the log only (hono's HTTPException / onError split).
 */
import { z } from '@hono/zod-openapi';
import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { connectionLostMessage, peopleError } from '../core/errors.ts';

export const ErrorSchema = z
  .object({
    error: z.string().openapi({ example: 'invalid options: k: must be a whole number from 1 to 1000 (got "0")' }),
    hint: z.string().optional().openapi({ example: 'Give some words to search for.' }),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Error');

export type ErrorBody = z.infer<typeof ErrorSchema>;

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/** The error responses of a route, for the OpenAPI document. */
export function errorResponses(options: { write?: boolean; upload?: boolean; unprocessable?: boolean; notFound?: boolean }) {
  return {
    400: error('Invalid input; `error` names each bad parameter and why'),
    ...(options.write ? { 401: error('Missing or wrong API key'), 403: error('Writes are disabled: the server has no JOBSIGHT_API_KEY') } : {}),
    ...(options.notFound ? { 404: error('No such job, skill or index') } : {}),
    ...(options.write ? { 409: error('Conflicts with what is stored (a duplicate key, an index that exists)') } : {}),
    ...(options.upload ? { 413: error('The upload is over the limit (JOBSIGHT_MAX_UPLOAD_BYTES)') } : {}),
    ...(options.unprocessable ? { 422: error('The job as changed is not valid') } : {}),
    500: error('Unexpected failure (details are in the server log)'),
    503: error('The database (or another service Jobsight needs) is not reachable; retry shortly'),
  };
}

export type Logger = (message: string, error?: unknown) => void;

/** The app's onError: known errors to their status, the rest logged and answered with a bare 500. */
export function errorHandler(log: Logger): ErrorHandler {
  return (thrown, c) => {
    const known = peopleError(thrown);
    if (known) {
      if (known.kind === 'internal') log(`${c.req.method} ${c.req.path}: ${known.message}`, thrown);
      if (known.kind === 'unavailable') {
        // One line per refused request while the database is away; the pool reconnects by itself.
        log(`${c.req.method} ${c.req.path}: unavailable: ${connectionLostMessage(thrown)}`);
        c.header('Retry-After', '5');
      }
      const body: ErrorBody = {
        error: known.message,
        ...(known.hint ? { hint: known.hint } : {}),
        ...(known.issues ? { issues: known.issues } : {}),
      };
      return c.json(body, known.status as ContentfulStatusCode);
    }
    if (thrown instanceof HTTPException) {
      // hono's own refusals: malformed JSON (400), unsupported media type (415), body too large (413).
      return c.json({ error: thrown.message || 'request refused' }, thrown.status);
    }
    log(`${c.req.method} ${c.req.path} failed`, thrown);
    return c.json({ error: 'internal error: the request failed unexpectedly', hint: 'The server log has the details.' }, 500);
  };
}
