/**
 * Settings every database session starts with. `hnsw.ef_search` at Jobsight's default, so a
 * search at that default plans and runs exactly as with `SET LOCAL` first, without the
 * transaction round trips (search/scan-settings.ts). PostgreSQL keeps it as a placeholder until
 * pgvector is loaded and defines the setting.
 */
import { DEFAULT_EF_SEARCH } from '../core/defaults.ts';

/** PGlite: one statement, run once at open. */
export const SESSION_DEFAULTS_SQL = `set hnsw.ef_search = ${DEFAULT_EF_SEARCH}`;

/** The server: command-line options sent in each connection's startup packet (no round trip). */
export const SESSION_DEFAULTS_OPTIONS = `-c hnsw.ef_search=${DEFAULT_EF_SEARCH}`;

/**
 * `url` with SESSION_DEFAULTS_OPTIONS added to its `options` parameter (node-postgres lets the
 * connection string's parameters win over the pool's, so they go into the URL itself). A URL
 * that does not parse is returned as given: node-postgres reports it.
 * @example withSessionDefaults('postgres://u@h/db') // 'postgres://u@h/db?options=-c+hnsw.ef_search%3D100'
 */
export function withSessionDefaults(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const given = parsed.searchParams.get('options');
  parsed.searchParams.set('options', given ? `${given} ${SESSION_DEFAULTS_OPTIONS}` : SESSION_DEFAULTS_OPTIONS);
  return parsed.toString();
}
