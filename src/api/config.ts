/**
 * The HTTP API's settings, resolved once at start-up like the rest of the configuration (a flag
 * wins over the environment, which wins over the default); nothing in src/api reads process.env.
 */
import { tmpdir } from 'node:os';
import { JobsightError } from '../core/errors.ts';

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
  port: 8080,
  host: '127.0.0.1',
  maxUploadBytes: 50 * 1024 * 1024,
  // A resume or a long posting is tens of kB; a megabyte leaves room and still bounds memory.
  maxBodyBytes: 1024 * 1024,
} as const;

/** The environment variables `jobsight serve` reads, with what they set. */
export const API_ENVIRONMENT = {
  JOBSIGHT_API_KEY: 'key for writes (Authorization: Bearer KEY or x-api-key: KEY); unset: writes refused',
  JOBSIGHT_API_READ_KEY: 'if set, reads need this key (or the write key) too',
  JOBSIGHT_MAX_UPLOAD_BYTES: `largest ingest upload in bytes (default ${API_DEFAULTS.maxUploadBytes})`,
} as const;

type Env = Record<string, string | undefined>;

function bytesFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new JobsightError(`${name} must be a whole number of bytes of at least 1, got "${value}"`);
  return n;
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
