/**
 * Settings every database session starts with. `hnsw.ef_search` at Jobsight's default, so a
 * search at that default plans and runs exactly as with `SET LOCAL` first, without the
 * transaction round trips (search/scan-settings.ts). Set for the session, before pgvector may
 * be loaded: PostgreSQL keeps it as a placeholder until pgvector defines the setting.
 */
import { DEFAULT_EF_SEARCH } from '../core/defaults.ts';

/** One statement, run once per connection (PGlite: once at open). */
export const SESSION_DEFAULTS_SQL = `set hnsw.ef_search = ${DEFAULT_EF_SEARCH}`;
