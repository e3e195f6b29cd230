import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { ApiConfig } from './config.ts';

/** What the routes share: one database (one pool, or the one PGlite) for every request. */
export interface ApiDeps {
  database: Database;
  embedder: Embedder;
  config: ApiConfig;
  /** The write-key guard, placed on every route that changes data. */
  requireWrite: MiddlewareHandler;
}

/** The OpenAPI security requirement of write routes. */
export const WRITE_SECURITY: Record<string, string[]>[] = [{ ApiKey: [] }, { Bearer: [] }];
