/**
 * Configuration, resolved once at start-up: a flag wins over the environment, which wins over
 * the default. Nothing else in the code reads process.env; it receives a `Config`.
 */
import path from 'node:path';
import { CONFIG_DEFAULTS, DEFAULT_DIMENSIONS, DEFAULT_EMBEDDER, MAX_DIMENSIONS } from './core/defaults.ts';
import { InvalidInputError } from './core/errors.ts';
import { wholeNumberFromText } from './core/validation.ts';

/** Embedded PostgreSQL (PGlite) in a local folder. */
export interface EmbeddedDatabaseConfig {
  kind: 'embedded';
  /** Jobsight's data folder; the database lives in `<dataDir>/pglite`. `memory://` keeps it in memory. */
  dataDir: string;
}

/** A PostgreSQL server with pgvector, through a node-postgres Pool. */
export interface ServerDatabaseConfig {
  kind: 'server';
  url: string;
  pool: {
    /** Most connections open at once (SQLAlchemy's pool_size + max_overflow). */
    max: number;
    /** Close a connection idle this long, in ms (0: never). */
    idleTimeoutMillis: number;
    /** Give up connecting after this long, in ms (0: wait forever). */
    connectionTimeoutMillis: number;
  };
  /**
   * Streaming replicas of `url` for operations that only read (searches, statistics, listings);
   * writes, ingest, migrations and index builds stay on `url` (db/replicas.ts). Empty: none.
   */
  readUrls?: string[];
  /** A replica further behind than this many seconds is skipped for reads (default CONFIG_DEFAULTS.maxReplicaLagSeconds). */
  maxReplicaLagSeconds?: number;
}

export type DatabaseConfig = EmbeddedDatabaseConfig | ServerDatabaseConfig;

/** A built-in offline embedder (semantic: word vectors + hashing; hash: hashing only), or an OpenAI-compatible HTTP service. */
export type EmbedderConfig =
  | { provider: 'semantic'; dimensions: number }
  | { provider: 'hash'; dimensions: number }
  | { provider: 'openai'; dimensions: number; baseUrl: string; model: string; apiKey?: string };

export interface Config {
  database: DatabaseConfig;
  embedder: EmbedderConfig;
  /**
   * Whether the embedder came from a flag or the environment. When it did not, a database
   * built with another built-in embedder keeps using that one (see db/embedder-record.ts).
   */
  embedderChosen: boolean;
}

/** What the CLI (or a caller) may set explicitly; anything unset falls back to env, then defaults. */
export interface ConfigOverrides {
  dataDir?: string;
  databaseUrl?: string;
  poolMax?: number;
  poolIdleTimeoutMs?: number;
  poolConnectionTimeoutMs?: number;
  /** --read-url, repeatable. */
  readUrl?: string[];
  maxReplicaLag?: number;
  embedder?: string;
  dimensions?: number;
  embedUrl?: string;
  embedModel?: string;
}

/** The defaults of the settings above (from core/defaults.ts). */
export const DEFAULTS = {
  dataDir: CONFIG_DEFAULTS.dataDir,
  poolMax: CONFIG_DEFAULTS.poolMax,
  poolIdleTimeoutMs: CONFIG_DEFAULTS.poolIdleTimeoutMs,
  poolConnectionTimeoutMs: CONFIG_DEFAULTS.poolConnectionTimeoutMs,
  maxReplicaLagSeconds: CONFIG_DEFAULTS.maxReplicaLagSeconds,
  embedder: DEFAULT_EMBEDDER,
  dimensions: DEFAULT_DIMENSIONS,
} as const;

/** The environment variables read, with what they set. */
export const ENVIRONMENT = {
  DATABASE_URL: 'PostgreSQL server URL; unset means the embedded database',
  JOBSIGHT_DATA_DIR: `embedded database folder (default ${DEFAULTS.dataDir})`,
  JOBSIGHT_POOL_MAX: `server connection pool size (default ${DEFAULTS.poolMax})`,
  JOBSIGHT_POOL_IDLE_TIMEOUT_MS: `close idle pooled connections after ms (default ${DEFAULTS.poolIdleTimeoutMs})`,
  JOBSIGHT_POOL_CONNECTION_TIMEOUT_MS: `give up connecting after ms (default ${DEFAULTS.poolConnectionTimeoutMs})`,
  JOBSIGHT_READ_URLS: 'comma-separated read replica URLs: searches and statistics read there, writes go to DATABASE_URL',
  JOBSIGHT_MAX_REPLICA_LAG: `skip a replica further behind than this many seconds (default ${DEFAULTS.maxReplicaLagSeconds})`,
  JOBSIGHT_EMBEDDER: `embedding provider: semantic, hash or openai (default ${DEFAULTS.embedder})`,
  JOBSIGHT_EMBED_DIMENSIONS: `embedding dimensions (default ${DEFAULTS.dimensions}; openai: the model's size)`,
  JOBSIGHT_EMBED_URL: 'openai: base URL of an OpenAI-compatible API (default https://api.openai.com/v1)',
  JOBSIGHT_EMBED_MODEL: 'openai: embedding model, e.g. text-embedding-3-small or nomic-embed-text',
  JOBSIGHT_EMBED_API_KEY: 'openai: API key (OPENAI_API_KEY is read too); never printed',
} as const;

type Env = Record<string, string | undefined>;

function integerFrom(name: string, value: string | number | undefined, min: number, fallback: number, max?: number): number {
  if (value === undefined || value === '') return fallback;
  return wholeNumberFromText(name, value, min, max);
}

/**
 * @example
 * resolveConfig({ dataDir: '/tmp/js' }, process.env)
 * // { database: { kind: 'embedded', dataDir: '/tmp/js' }, embedder: { provider: 'semantic', dimensions: 384 }, embedderChosen: false }
 */
export function resolveConfig(overrides: ConfigOverrides = {}, env: Env = {}): Config {
  const url = overrides.databaseUrl ?? (env.DATABASE_URL || undefined);
  const database: DatabaseConfig = url
    ? {
        kind: 'server',
        url,
        pool: {
          max: integerFrom('pool size (--pool-max, JOBSIGHT_POOL_MAX)', overrides.poolMax ?? env.JOBSIGHT_POOL_MAX, 1, DEFAULTS.poolMax),
          idleTimeoutMillis: integerFrom(
            'idle timeout (--pool-idle-timeout, JOBSIGHT_POOL_IDLE_TIMEOUT_MS)',
            overrides.poolIdleTimeoutMs ?? env.JOBSIGHT_POOL_IDLE_TIMEOUT_MS,
            0,
            DEFAULTS.poolIdleTimeoutMs,
          ),
          connectionTimeoutMillis: integerFrom(
            'connection timeout (--pool-connection-timeout, JOBSIGHT_POOL_CONNECTION_TIMEOUT_MS)',
            overrides.poolConnectionTimeoutMs ?? env.JOBSIGHT_POOL_CONNECTION_TIMEOUT_MS,
            0,
            DEFAULTS.poolConnectionTimeoutMs,
          ),
        },
        readUrls: readUrlsFrom(overrides.readUrl, env.JOBSIGHT_READ_URLS),
        maxReplicaLagSeconds: integerFrom(
          'replica lag (--max-replica-lag, JOBSIGHT_MAX_REPLICA_LAG)',
          overrides.maxReplicaLag ?? env.JOBSIGHT_MAX_REPLICA_LAG,
          0,
          DEFAULTS.maxReplicaLagSeconds,
        ),
      }
    : { kind: 'embedded', dataDir: resolveDataDir(overrides.dataDir ?? env.JOBSIGHT_DATA_DIR ?? DEFAULTS.dataDir) };

  const providerGiven = overrides.embedder ?? (env.JOBSIGHT_EMBEDDER || undefined);
  const provider = providerGiven ?? DEFAULTS.embedder;
  const dimensionsGiven = overrides.dimensions ?? (env.JOBSIGHT_EMBED_DIMENSIONS || undefined);
  const dimensions = integerFrom(
    'embedding dimensions (--dimensions, JOBSIGHT_EMBED_DIMENSIONS)',
    dimensionsGiven,
    2,
    DEFAULTS.dimensions,
    MAX_DIMENSIONS,
  );
  const embedderChosen = providerGiven !== undefined || dimensionsGiven !== undefined;
  if (provider === 'hash' || provider === 'semantic') return { database, embedder: { provider, dimensions }, embedderChosen };
  if (provider !== 'openai') {
    throw new InvalidInputError(`unknown embedder "${provider}"`, { hint: 'available embedders: semantic, hash, openai' });
  }
  const model = overrides.embedModel ?? env.JOBSIGHT_EMBED_MODEL;
  if (!model || dimensionsGiven === undefined) {
    throw new InvalidInputError('the openai embedder needs a model and its dimensions', {
      hint: 'e.g. --embedder openai --embed-model text-embedding-3-small --dimensions 1536 (or JOBSIGHT_EMBED_MODEL and JOBSIGHT_EMBED_DIMENSIONS)',
    });
  }
  const apiKey = env.JOBSIGHT_EMBED_API_KEY || env.OPENAI_API_KEY || undefined;
  const baseUrl = overrides.embedUrl ?? env.JOBSIGHT_EMBED_URL ?? 'https://api.openai.com/v1';
  return { database, embedder: { provider, dimensions, baseUrl, model, ...(apiKey ? { apiKey } : {}) }, embedderChosen };
}

/** The replica URLs: the flags (repeatable, commas allowed too) win over JOBSIGHT_READ_URLS; each must be a postgres:// URL. */
function readUrlsFrom(flags: string[] | undefined, env: string | undefined): string[] {
  const given = flags?.length ? flags : env ? [env] : [];
  const urls = given
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  for (const url of urls) {
    let protocol = '';
    try {
      protocol = new URL(url).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
      throw new InvalidInputError(`the read replica URL ${JSON.stringify(redactUrl(url))} is not a postgres:// URL`, {
        hint: 'Give each replica as postgres://user@host:port/dbname (--read-url, repeatable, or JOBSIGHT_READ_URLS, comma-separated).',
      });
    }
  }
  return [...new Set(urls)];
}

/** A URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a valid URL)';
  }
}

function resolveDataDir(dir: string): string {
  return dir.startsWith('memory://') ? dir : path.resolve(dir);
}

/** The database's location for messages: the server URL without its password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'embedded') return `embedded PGlite in ${config.dataDir}`;
  const url = redactUrl(config.url);
  return url.startsWith('(') ? 'PostgreSQL server (DATABASE_URL is not a valid URL)' : `PostgreSQL server ${url}`;
}
