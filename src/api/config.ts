/**
 * The HTTP API's settings, resolved once at start-up like the rest of the configuration (a flag
 * wins over the environment, which wins over the default); nothing in src/api reads process.env.
 */
import { tmpdir } from 'node:os';
import { CONFIG_DEFAULTS } from '../core/defaults.ts';
import { wholeNumberFromText } from '../core/validation.ts';

export interface ApiConfig {
  /** Key that writes (adding, changing, deleting jobs, ingest) need. Unset: writes are refused. */
  apiKey?: string;
  /** Key that reads need as well. Unset: reads are open. The write key is accepted for reads too. */
  readKey?: string;
  /** Largest ingest upload, in bytes; larger ones get 413 while they stream in. */
  maxUploadBytes: number;
  /** Largest JSON body (jobs, resumes), in bytes; larger ones get 413. */
  maxBodyBytes: number;
  /** Where uploads are streamed before ingest; each gets a folder of its own, removed afterwards. */
  uploadDir: string;
}

export const API_DEFAULTS = {
  port: CONFIG_DEFAULTS.port,
  host: CONFIG_DEFAULTS.host,
  maxUploadBytes: CONFIG_DEFAULTS.maxUploadBytes,
  maxBodyBytes: CONFIG_DEFAULTS.maxBodyBytes,
} as const;

/** The environment variables `jobsight serve` reads, with what they set. */
export const API_ENVIRONMENT = {
  JOBSIGHT_API_KEY: 'key for writes (Authorization: Bearer KEY or x-api-key: KEY); unset: writes refused',
  JOBSIGHT_API_READ_KEY: 'if set, reads need this key (or the write key) too',
  JOBSIGHT_MAX_UPLOAD_BYTES: `largest ingest upload in bytes (default ${API_DEFAULTS.maxUploadBytes})`,
} as const;

type Env = Record<string, string | undefined>;

function bytesFrom(name: string, value: string | undefined, fallback: number): number {
  return value === undefined || value === '' ? fallback : wholeNumberFromText(name, value, 1);
}

/**
 * @example resolveApiConfig({}, { JOBSIGHT_API_KEY: 's3cret' }) // { apiKey: 's3cret', maxUploadBytes: 52428800, ... }
 */
export function resolveApiConfig(overrides: Partial<ApiConfig> = {}, env: Env = {}): ApiConfig {
  const apiKey = overrides.apiKey ?? (env.JOBSIGHT_API_KEY || undefined);
  const readKey = overrides.readKey ?? (env.JOBSIGHT_API_READ_KEY || undefined);
  return {
    ...(apiKey ? { apiKey } : {}),
    ...(readKey ? { readKey } : {}),
    maxUploadBytes: overrides.maxUploadBytes ?? bytesFrom('JOBSIGHT_MAX_UPLOAD_BYTES', env.JOBSIGHT_MAX_UPLOAD_BYTES, API_DEFAULTS.maxUploadBytes),
    maxBodyBytes: overrides.maxBodyBytes ?? API_DEFAULTS.maxBodyBytes,
    uploadDir: overrides.uploadDir ?? tmpdir(),
  };
}
