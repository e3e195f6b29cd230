/**
 * API keys. Writes always need one: a server started without JOBSIGHT_API_KEY refuses them (403)
 * rather than leaving them open. Reads are open unless JOBSIGHT_API_READ_KEY is set.
 *
 * A key comes as `Authorization: Bearer KEY` or `x-api-key: KEY`. Keys are compared through
 * their SHA-256 digests with timingSafeEqual, so the time taken says nothing about the key (not
 * even its length).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { ApiConfig } from './config.ts';
import type { ErrorBody } from './errors.ts';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** True when `given` equals one of `keys`, in time independent of their contents. */
export function matchesKey(given: string | undefined, keys: readonly (string | undefined)[]): boolean {
  if (given === undefined) return false;
  const g = digest(given);
  let match = false;
  for (const key of keys) if (key !== undefined && timingSafeEqual(g, digest(key))) match = true;
  return match;
}

/** The key a request presents, if any. */
export function presentedKey(c: Context): string | undefined {
  const authorization = c.req.header('authorization');
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  return bearer || c.req.header('x-api-key')?.trim() || undefined;
}

function unauthorized(c: Context, what: string) {
  c.header('WWW-Authenticate', 'Bearer realm="jobsight"');
  const body: ErrorBody = {
    error: presentedKey(c) === undefined ? `${what} need an API key` : 'the API key is not valid',
    hint: 'Send it as "Authorization: Bearer KEY" or "x-api-key: KEY".',
  };
  return c.json(body, 401);
}

/** Guards a write route. */
export function requireWriteKey(config: Pick<ApiConfig, 'apiKey'>): MiddlewareHandler {
  return async (c, next) => {
    if (!config.apiKey) {
      const body: ErrorBody = {
        error: 'writes are disabled on this server: it has no API key configured',
        hint: 'Restart the server with JOBSIGHT_API_KEY set to a secret, then send it as "Authorization: Bearer KEY".',
      };
      return c.json(body, 403);
    }
    if (!matchesKey(presentedKey(c), [config.apiKey])) return unauthorized(c, 'writes');
    await next();
  };
}

/** Guards reads when a read key is configured; otherwise lets every read through. */
export function requireReadKey(config: Pick<ApiConfig, 'apiKey' | 'readKey'>): MiddlewareHandler {
  return async (c, next) => {
    if (config.readKey && !matchesKey(presentedKey(c), [config.readKey, config.apiKey])) return unauthorized(c, 'reads');
    await next();
  };
}
