/**
 * Embeddings from any server that speaks OpenAI's `POST /embeddings`: OpenAI, Azure OpenAI,
 * Ollama (`/v1`), vLLM, TEI's OpenAI route, LM Studio. Texts go out in batches, a few at a time,
 * with retries for rate limits and server hiccups; vectors come back checked and unit length.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit, { type LimitFunction } from 'p-limit';
import pRetry from 'p-retry';
import type { Embedder } from './embedder.ts';
import { JobsightError } from '../core/errors.ts';

export interface OpenAICompatibleOptions {
  /** API root: `https://api.openai.com/v1`, `http://localhost:11434/v1` (Ollama); Azure: `https://NAME.openai.azure.com`. */
  baseUrl: string;
  /** Model name, e.g. `text-embedding-3-small` or `nomic-embed-text`; on Azure, the deployment name. */
  model: string;
  /** Sent as `Authorization: Bearer KEY` (Azure: `api-key: KEY`); never shown in messages. */
  apiKey?: string;
  /** Vector length the database column gets; every vector returned must have exactly this many numbers, e.g. 1536. */
  dimensions: number;
  /** Ask the model to shorten its vectors to `dimensions` (OpenAI text-embedding-3 only), e.g. `true`. Default false. */
  sendDimensions?: boolean;
  /** Texts per request, 1 to 2048 (OpenAI's limit), e.g. 64. */
  batchSize?: number;
  /** Requests in flight at once, shared by all `embed` calls on this embedder, e.g. 4. */
  concurrency?: number;
  /** Retries of a request after 429, 5xx, network errors and timeouts, e.g. 5. */
  maxRetries?: number;
  /** Give up on one attempt after this many ms, e.g. 60000. */
  timeoutMs?: number;
  /** Use Azure's URL form `{baseUrl}/openai/deployments/{model}/embeddings?api-version=...`, e.g. `2024-02-01`. */
  azureApiVersion?: string;
  /** First retry delay in ms, doubled on each retry, e.g. 500 (tests use 1). */
  minRetryDelayMs?: number;
  /** Longest wait before one retry, in ms, also the cap on a server's `Retry-After`, e.g. 30000. */
  maxRetryDelayMs?: number;
}

export const OPENAI_COMPATIBLE_DEFAULTS = {
  sendDimensions: false,
  batchSize: 64,
  concurrency: 4,
  maxRetries: 5,
  timeoutMs: 60_000,
  minRetryDelayMs: 500,
  maxRetryDelayMs: 30_000,
} as const;

// pgvector's `vector` type holds at most 16,000 dimensions; OpenAI takes at most 2048 inputs a request.
const MAX_DIMENSIONS = 16_000;
const MAX_BATCH_SIZE = 2048;
// Upstream failures are the server's fault, not the caller's: the HTTP API answers 502.
const UPSTREAM_STATUS = 502;

/** A failure worth another attempt (429, 5xx, network error, timeout), with the server's `Retry-After`. */
class TransientError extends JobsightError {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    cause?: unknown,
  ) {
    super(message, { status: UPSTREAM_STATUS, cause });
  }
}

/**
 * @example
 * const embedder = new OpenAICompatibleEmbedder({
 *   baseUrl: 'https://api.openai.com/v1', model: 'text-embedding-3-small', apiKey: key, dimensions: 1536,
 * });
 * const [v] = await embedder.embed(['senior data engineer, London']); // v.length === 1536, unit norm
 */
export class OpenAICompatibleEmbedder implements Embedder {
  // The same model gives the same vectors on any host, so the host is not part of the name.
  readonly name: string;
  readonly dimensions: number;
  // Private fields: the key stays out of `console.log(embedder)` and JSON.
  readonly #apiKey: string | undefined;
  readonly #options: Required<Omit<OpenAICompatibleOptions, 'apiKey' | 'azureApiVersion'>> & { azure: boolean };
  readonly #url: string;
  readonly #limit: LimitFunction;

  constructor(options: OpenAICompatibleOptions) {
    const o = { ...OPENAI_COMPATIBLE_DEFAULTS, ...withoutUndefined(options) };
    const url = parseBaseUrl(o.baseUrl);
    if (typeof o.model !== 'string' || o.model.trim() === '') {
      throw new JobsightError(`embedding model must be a name, got "${String(o.model)}"`, { hint: 'e.g. text-embedding-3-small' });
    }
    checkInteger('embedding dimensions', o.dimensions, 2, MAX_DIMENSIONS, "set --dimensions to the model's vector size, e.g. 1536");
    checkInteger('embedding batch size', o.batchSize, 1, MAX_BATCH_SIZE);
    checkInteger('embedding concurrency', o.concurrency, 1, 64);
    checkInteger('embedding retries', o.maxRetries, 0, 100);
    checkInteger('embedding timeout (ms)', o.timeoutMs, 1, 3_600_000);
    checkInteger('first retry delay (ms)', o.minRetryDelayMs, 0, 3_600_000);
    checkInteger('longest retry delay (ms)', o.maxRetryDelayMs, 0, 3_600_000);
    const azure = o.azureApiVersion !== undefined;
    url.pathname = url.pathname.replace(/\/+$/, '') + (azure ? `/openai/deployments/${encodeURIComponent(o.model)}/embeddings` : '/embeddings');
    if (azure) url.searchParams.set('api-version', String(o.azureApiVersion));

    this.name = `openai:${o.model}`;
    this.dimensions = o.dimensions;
    const { apiKey, azureApiVersion: _version, ...rest } = o;
    this.#apiKey = apiKey || undefined;
    this.#options = { ...rest, azure };
    this.#url = url.toString();
    this.#limit = pLimit(o.concurrency);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const batches: string[][] = [];
    for (let i = 0; i < texts.length; i += this.#options.batchSize) batches.push(texts.slice(i, i + this.#options.batchSize));
    // Once one batch has failed the whole call has, so batches still queued or in flight stop.
    const stop = new AbortController();
    try {
      const results = await Promise.all(batches.map((batch) => this.#limit(() => this.#embedWithRetries(batch, stop.signal))));
      return results.flat();
    } catch (error) {
      stop.abort();
      throw error;
    }
  }

  async #embedWithRetries(texts: string[], stop: AbortSignal): Promise<Float32Array[]> {
    const { maxRetries, minRetryDelayMs, maxRetryDelayMs } = this.#options;
    let attempts = 0;
    try {
      return await pRetry(
        () => {
          attempts++;
          return this.#request(texts, stop);
        },
        {
          retries: maxRetries,
          minTimeout: minRetryDelayMs,
          maxTimeout: maxRetryDelayMs,
          // Jitter, so that parallel batches refused together do not come back together.
          randomize: true,
          signal: stop,
          shouldRetry: ({ error }) => error instanceof TransientError,
          // p-retry waits its own backoff afterwards; wait here only for what Retry-After asks beyond it.
          onFailedAttempt: async ({ error, retriesConsumed, retriesLeft }) => {
            if (!(error instanceof TransientError) || error.retryAfterMs === undefined || retriesLeft === 0) return;
            const backoff = Math.min(minRetryDelayMs * 2 ** retriesConsumed, maxRetryDelayMs);
            const extra = Math.min(error.retryAfterMs, maxRetryDelayMs) - backoff;
            if (extra > 0) await sleep(extra, undefined, { signal: stop });
          },
        },
      );
    } catch (error) {
      if (!(error instanceof TransientError)) throw error;
      throw new JobsightError(`${error.message}; gave up after ${attempts} attempt(s)`, {
        status: UPSTREAM_STATUS,
        cause: error,
        hint: 'check that the embedding server is up; if it is rate limiting, lower the concurrency or batch size, or try again later',
      });
    }
  }

  async #request(texts: string[], stop: AbortSignal): Promise<Float32Array[]> {
    const { model, dimensions, sendDimensions, timeoutMs, azure } = this.#options;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.#apiKey) headers[azure ? 'api-key' : 'authorization'] = azure ? this.#apiKey : `Bearer ${this.#apiKey}`;
    const body = {
      // Azure takes the model from the deployment in the URL.
      ...(azure ? {} : { model }),
      // OpenAI rejects empty strings ("input cannot be an empty string"); a blank text embeds the same as "".
      input: texts.map((text) => (text === '' ? ' ' : text)),
      ...(sendDimensions ? { dimensions } : {}),
      encoding_format: 'float',
    };
    const timeout = AbortSignal.timeout(timeoutMs);
    const where = displayUrl(this.#url);
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.#url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.any([stop, timeout]),
      });
      text = await response.text();
    } catch (error) {
      if (stop.aborted) throw error;
      if (timeout.aborted) throw new TransientError(`no answer from the embedding server at ${where} within ${timeoutMs} ms`, undefined, error);
      throw new TransientError(`could not reach the embedding server at ${where}: ${describeFetchError(error)}`, undefined, error);
    }
    if (!response.ok) throw this.#httpError(response, text, where);
    return checkVectors(parseJson(text, where), texts.length, dimensions, model, sendDimensions);
  }

  #httpError(response: Response, body: string, where: string): JobsightError {
    const { status } = response;
    const serverMessage = this.#redact(serverMessageOf(body));
    if (status === 429 || status >= 500) {
      const retryAfter = retryAfterMs(response.headers);
      return new TransientError(`the embedding server at ${where} answered HTTP ${status}: ${serverMessage}`, retryAfter);
    }
    if (status === 401) {
      return new JobsightError(`embedding request to ${where} failed: the API key was refused (HTTP 401)`, {
        status: UPSTREAM_STATUS,
        hint: this.#apiKey ? 'check the API key for this server (keys are never shown in messages)' : 'this server needs an API key; none was given',
      });
    }
    if (status === 404) {
      return new JobsightError(`model or URL not found: ${where} (HTTP 404, model "${this.#options.model}")`, {
        status: UPSTREAM_STATUS,
        hint: this.#options.azure
          ? 'check the Azure resource URL (https://NAME.openai.azure.com) and that the model name is a deployment of it'
          : 'check the base URL (it usually ends in /v1, e.g. http://localhost:11434/v1) and the model name',
      });
    }
    return new JobsightError(`embedding request to ${where} was rejected (HTTP ${status}): ${serverMessage}`, {
      status: UPSTREAM_STATUS,
      hint:
        status === 413
          ? 'the request was too large; lower the batch size'
          : "the server's message says what it did not accept (a text longer than the model's input limit, or `dimensions` sent to a model that cannot shorten its vectors)",
    });
  }

  /** Servers sometimes echo the key back ("Incorrect API key provided: sk-..."). */
  #redact(message: string): string {
    return this.#apiKey ? message.split(this.#apiKey).join('***') : message;
  }
}

/** Checks the `{ data: [{ embedding, index }] }` answer and returns the vectors in input order, unit length. */
function checkVectors(json: unknown, count: number, dimensions: number, model: string, sendDimensions: boolean): Float32Array[] {
  const data = (json as { data?: unknown } | null)?.data;
  const bad = (what: string, hint?: string) => new JobsightError(`embedding model "${model}" returned ${what}`, { status: UPSTREAM_STATUS, hint });
  if (!Array.isArray(data)) throw bad('an answer without a `data` list', 'is the base URL an OpenAI-compatible API (ending in /v1)?');
  if (data.length !== count) throw bad(`${data.length} vectors for ${count} texts`);
  const vectors = new Array<Float32Array | undefined>(count);
  for (const [position, item] of data.entries()) {
    const { embedding, index = position } = (item ?? {}) as { embedding?: unknown; index?: unknown };
    if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= count || vectors[index as number]) {
      throw bad(`a missing, repeated or out-of-range index "${String(index)}"`);
    }
    if (!Array.isArray(embedding)) throw bad(`an embedding that is not a list of numbers (${typeof embedding})`);
    if (embedding.length !== dimensions) {
      const hint =
        `set --dimensions to the model's size (${embedding.length}); the database column is created with that length` +
        (sendDimensions ? '' : '. Models that can shorten their vectors (OpenAI text-embedding-3) can be asked to with sendDimensions');
      throw bad(`vectors of ${embedding.length} dimensions, but ${dimensions} were expected`, hint);
    }
    vectors[index as number] = normalise(embedding, bad);
  }
  return vectors as Float32Array[];
}

function normalise(values: unknown[], bad: (what: string) => Error): Float32Array {
  let sum = 0;
  for (const [i, x] of values.entries()) {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw bad(`a value that is not a finite number at position ${i}: ${String(x)}`);
    sum += x * x;
  }
  // pgvector's cosine distance to a zero vector is NaN; a zero vector means a broken model.
  if (sum === 0) throw bad('a vector of zeros');
  const scale = 1 / Math.sqrt(sum);
  return Float32Array.from(values as number[], (x) => x * scale);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JobsightError(`the embedding server at ${where} answered with something that is not JSON: ${text.slice(0, 200)}`, {
      status: UPSTREAM_STATUS,
      cause: error,
      hint: 'is the base URL an OpenAI-compatible API (ending in /v1)?',
    });
  }
}

/** The error text of OpenAI (`{error:{message}}`), Ollama and TEI (`{error}`), vLLM (`{message}`), FastAPI (`{detail}`). */
function serverMessageOf(body: string): string {
  try {
    const json = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown; detail?: unknown };
    const message = typeof json.error === 'string' ? json.error : (json.error?.message ?? json.message ?? json.detail);
    if (message !== undefined) return typeof message === 'string' ? message : JSON.stringify(message);
  } catch {
    // Not JSON: show the start of the text.
  }
  return body.trim().slice(0, 300) || '(empty answer)';
}

/** `Retry-After` in seconds or as an HTTP date; Azure also sends `retry-after-ms`. */
function retryAfterMs(headers: Headers): number | undefined {
  const ms = Number(headers.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function parseBaseUrl(baseUrl: unknown): URL {
  let url: URL | undefined;
  try {
    url = new URL(String(baseUrl));
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new JobsightError(`embedding base URL must be an http(s) URL, got "${displayUrl(String(baseUrl))}"`, {
      hint: 'e.g. https://api.openai.com/v1 or http://localhost:11434/v1',
    });
  }
  return url;
}

/** The URL for messages, without a password. */
function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//***@');
  }
}

function checkInteger(name: string, value: unknown, min: number, max: number, hint?: string): void {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw new JobsightError(`${name} must be a whole number from ${min} to ${max}, got "${String(value)}"`, { hint });
  }
}

/** So that `{ batchSize: undefined }` falls back to the default instead of overriding it. */
function withoutUndefined<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as T;
}
