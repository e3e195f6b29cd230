/**
 * OpenAICompatibleEmbedder against a real HTTP server on 127.0.0.1 (no other network): each test
 * scripts the server's answers and reads back the requests it received.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { JobsightError } from '../../src/core/errors.ts';
import { createEmbedder } from '../../src/embed/index.ts';
import { OpenAICompatibleEmbedder, type OpenAICompatibleOptions } from '../../src/embed/openai-compatible.ts';

const KEY = 'sk-test-secret-1234567890';
const DIMS = 4;

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: { model?: string; input: string[]; dimensions?: number; encoding_format?: string };
}
/** Answers request number `n` (0-based); may wait before answering. */
type Handler = (request: Received, response: ServerResponse, n: number) => void | Promise<void>;

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function startServer(handler: Handler): Promise<{ baseUrl: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { url: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
      received.push(request);
      void handler(request, res, received.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, received };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Text "t7" embeds as [8, 1, 0, 0] (not unit length: the embedder must normalise). */
function fakeVector(text: string, length = DIMS): number[] {
  const v = new Array<number>(length).fill(0);
  v[0] = Number(text.slice(1)) + 1;
  v[1] = 1;
  return v;
}

/** The OpenAI answer for a request, `data` in reverse order to check that `index` is honoured. */
function answer(request: Received, length = DIMS) {
  return { object: 'list', data: request.body.input.map((t, index) => ({ object: 'embedding', index, embedding: fakeVector(t, length) })).reverse() };
}

const ok: Handler = (request, res) => send(res, 200, answer(request));

function embedder(baseUrl: string, options: Partial<OpenAICompatibleOptions> = {}): OpenAICompatibleEmbedder {
  return new OpenAICompatibleEmbedder({
    baseUrl,
    model: 'test-embed',
    apiKey: KEY,
    dimensions: DIMS,
    minRetryDelayMs: 1,
    maxRetryDelayMs: 5,
    ...options,
  });
}

const texts = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);

/** Checks that `vectors[i]` is the unit-length fakeVector of "t{i}". */
function expectVectorsFor(vectors: Float32Array[], n: number): void {
  expect(vectors).toHaveLength(n);
  for (const [i, v] of vectors.entries()) {
    expect(v).toBeInstanceOf(Float32Array);
    expect(v).toHaveLength(DIMS);
    const norm = Math.hypot(i + 1, 1);
    expect(v[0]).toBeCloseTo((i + 1) / norm, 6);
    expect(v[1]).toBeCloseTo(1 / norm, 6);
  }
}

async function failure(promise: Promise<unknown>): Promise<JobsightError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JobsightError);
  return error as JobsightError;
}

describe('OpenAICompatibleEmbedder', () => {
  it('splits texts into batches and keeps input order when batches are answered out of order', async () => {
    // The first batch is answered last; within each batch `data` comes back reversed.
    const server = await startServer(async (request, res, n) => {
      await new Promise((r) => setTimeout(r, (4 - n) * 10));
      ok(request, res, n);
    });
    const e = embedder(server.baseUrl, { batchSize: 3 });
    expect(e.name).toBe('openai:test-embed');
    expect(e.dimensions).toBe(DIMS);

    expectVectorsFor(await e.embed(texts(10)), 10);
    expect(server.received.map((r) => r.body.input.length).sort()).toEqual([1, 3, 3, 3]);
    expect(server.received.flatMap((r) => r.body.input).sort()).toEqual(texts(10).sort());
  });

  it('posts to {baseUrl}/embeddings with the bearer key, the model and encoding_format float', async () => {
    const server = await startServer(ok);
    await embedder(`${server.baseUrl}/`).embed(['t0', '']);
    const [request] = server.received;
    expect(request?.url).toBe('/v1/embeddings');
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers['api-key']).toBeUndefined();
    // OpenAI rejects empty strings, so an empty text goes out as a space.
    expect(request?.body).toEqual({ model: 'test-embed', input: ['t0', ' '], encoding_format: 'float' });
  });

  it('sends dimensions only when sendDimensions is set, and no Authorization without a key', async () => {
    const server = await startServer(ok);
    await embedder(server.baseUrl, { sendDimensions: true, apiKey: undefined }).embed(['t0']);
    expect(server.received[0]?.body.dimensions).toBe(DIMS);
    expect(server.received[0]?.headers.authorization).toBeUndefined();
  });

  it('uses the Azure URL form and api-key header when azureApiVersion is set', async () => {
    const server = await startServer(ok);
    const baseUrl = server.baseUrl.replace(/\/v1$/, '');
    await embedder(baseUrl, { model: 'my deployment', azureApiVersion: '2024-02-01' }).embed(['t0']);
    const [request] = server.received;
    expect(request?.url).toBe('/openai/deployments/my%20deployment/embeddings?api-version=2024-02-01');
    expect(request?.headers['api-key']).toBe(KEY);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body.model).toBeUndefined();
  });

  it('makes no request for no texts', async () => {
    const server = await startServer(ok);
    expect(await embedder(server.baseUrl).embed([])).toEqual([]);
    expect(server.received).toHaveLength(0);
  });

  it('never has more requests in flight than the concurrency limit, across concurrent embed calls', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let held: Array<() => void> = [];
    const release = () => {
      const waiting = held;
      held = [];
      for (const answerNow of waiting) answerNow();
    };
    // Hold requests until three are in flight, then a little longer so a fourth would show up.
    const server = await startServer((request, res, n) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      held.push(() => {
        inFlight--;
        ok(request, res, n);
      });
      setTimeout(release, inFlight >= 3 ? 20 : 2_000);
    });
    const e = embedder(server.baseUrl, { batchSize: 1, concurrency: 3 });
    const [a, b] = await Promise.all([e.embed(texts(6)), e.embed(texts(6))]);
    expectVectorsFor(a!, 6);
    expectVectorsFor(b!, 6);
    expect(server.received).toHaveLength(12);
    expect(maxInFlight).toBe(3);
  });

  it('retries 429 (Retry-After: 0) and then succeeds', async () => {
    const server = await startServer((request, res, n) =>
      n === 0 ? send(res, 429, { error: { message: 'Rate limit reached' } }, { 'retry-after': '0' }) : ok(request, res, n),
    );
    expectVectorsFor(await embedder(server.baseUrl).embed(texts(2)), 2);
    expect(server.received).toHaveLength(2);
  });

  it('caps a long Retry-After at maxRetryDelayMs (this test would time out otherwise)', async () => {
    const server = await startServer((request, res, n) => (n === 0 ? send(res, 503, 'busy', { 'retry-after': '3600' }) : ok(request, res, n)));
    expectVectorsFor(await embedder(server.baseUrl, { maxRetryDelayMs: 5 }).embed(texts(1)), 1);
  }, 10_000);

  it('retries 500 twice and then succeeds', async () => {
    const server = await startServer((request, res, n) => (n < 2 ? send(res, 500, { error: 'model crashed' }) : ok(request, res, n)));
    expectVectorsFor(await embedder(server.baseUrl).embed(texts(3)), 3);
    expect(server.received).toHaveLength(3);
  });

  it('gives up after maxRetries, naming the status, the server message and the attempts', async () => {
    const server = await startServer((_request, res) => send(res, 503, { error: { message: 'overloaded' } }));
    const error = await failure(embedder(server.baseUrl, { maxRetries: 2 }).embed(texts(1)));
    expect(server.received).toHaveLength(3);
    expect(error.message).toContain('HTTP 503: overloaded');
    expect(error.message).toContain('gave up after 3 attempt(s)');
    expect(error.status).toBe(502);
  });

  it('retries network errors and then explains that the server could not be reached', async () => {
    const server = await startServer(ok);
    const baseUrl = server.baseUrl;
    await Promise.all(servers.splice(0).map((s) => s.close()));
    const error = await failure(embedder(baseUrl, { maxRetries: 1 }).embed(texts(1)));
    expect(error.message).toMatch(/could not reach the embedding server at http:\/\/127\.0\.0\.1:\d+\/v1\/embeddings: ECONNREFUSED; gave up after 2/);
  });

  it('times out an attempt that gets no answer', async () => {
    const server = await startServer(() => undefined);
    const error = await failure(embedder(server.baseUrl, { timeoutMs: 50, maxRetries: 0 }).embed(texts(1)));
    expect(error.message).toContain('within 50 ms');
  });

  it('fails at once on 401 without retrying, and never shows the key', async () => {
    const server = await startServer((_request, res) =>
      send(res, 401, { error: { message: `Incorrect API key provided: ${KEY}`, code: 'invalid_api_key' } }),
    );
    const e = embedder(server.baseUrl);
    const error = await failure(e.embed(texts(1)));
    expect(server.received).toHaveLength(1);
    expect(error.message).toContain('the API key was refused (HTTP 401)');
    expect(`${error.message} ${error.hint} ${inspect(error, { depth: 5 })}`).not.toContain(KEY);
    expect(inspect(e, { depth: 5 }) + JSON.stringify(e)).not.toContain(KEY);
  });

  it("fails at once on 400 with the server's message, with a key the server echoed masked", async () => {
    const server = await startServer((_request, res) =>
      send(res, 400, { error: { message: `This model's maximum context length is 8192 tokens (key ${KEY})` } }),
    );
    const error = await failure(embedder(server.baseUrl).embed(texts(1)));
    expect(server.received).toHaveLength(1);
    expect(error.message).toContain("HTTP 400): This model's maximum context length is 8192 tokens (key ***)");
  });

  it('fails at once on 404 naming the URL', async () => {
    const server = await startServer((_request, res) => send(res, 404, '404 page not found'));
    const error = await failure(embedder(server.baseUrl).embed(texts(1)));
    expect(server.received).toHaveLength(1);
    expect(error.message).toContain(`model or URL not found: ${server.baseUrl}/embeddings`);
    expect(error.hint).toContain('/v1');
  });

  it('rejects vectors of the wrong length, naming the model, both lengths and --dimensions', async () => {
    const server = await startServer((request, res) => send(res, 200, answer(request, 3)));
    const error = await failure(embedder(server.baseUrl).embed(texts(2)));
    expect(error.message).toBe('embedding model "test-embed" returned vectors of 3 dimensions, but 4 were expected');
    expect(error.hint).toContain("set --dimensions to the model's size (3)");
    expect(server.received).toHaveLength(1);
  });

  it('rejects a wrong count, non-finite values and an answer without data', async () => {
    const cases: Array<[string, RegExp]> = [
      [JSON.stringify({ data: [{ index: 0, embedding: [1, 0, 0, 0] }] }), /returned 1 vectors for 2 texts/],
      ['{"data":[{"index":0,"embedding":[1e400,0,0,0]},{"index":1,"embedding":[1,0,0,0]}]}', /not a finite number at position 0: Infinity/],
      ['{"data":[{"index":0,"embedding":[null,0,0,0]},{"index":1,"embedding":[1,0,0,0]}]}', /not a finite number at position 0: null/],
      ['{"data":[{"index":0,"embedding":[0,0,0,0]},{"index":1,"embedding":[1,0,0,0]}]}', /a vector of zeros/],
      ['{"data":[{"index":0,"embedding":[1,0,0,0]},{"index":0,"embedding":[1,0,0,0]}]}', /repeated or out-of-range index "0"/],
      ['{"object":"list"}', /without a `data` list/],
      ['<html>gateway</html>', /not JSON: <html>gateway<\/html>/],
    ];
    for (const [body, message] of cases) {
      const server = await startServer((_request, res) => send(res, 200, body));
      const error = await failure(embedder(server.baseUrl).embed(texts(2)));
      expect(error.message).toMatch(message);
    }
  });

  it('rejects bad options with the value and what is allowed', () => {
    const base = { baseUrl: 'http://localhost:11434/v1', model: 'm', dimensions: 768 };
    expect(() => new OpenAICompatibleEmbedder({ ...base, baseUrl: 'localhost:11434' })).toThrow(
      'embedding base URL must be an http(s) URL, got "localhost:11434"',
    );
    expect(() => new OpenAICompatibleEmbedder({ ...base, dimensions: 0 })).toThrow(
      'embedding dimensions must be a whole number from 2 to 16000, got "0"',
    );
    expect(() => new OpenAICompatibleEmbedder({ ...base, batchSize: 5000 })).toThrow('batch size must be a whole number from 1 to 2048');
    expect(() => new OpenAICompatibleEmbedder({ ...base, model: ' ' })).toThrow('embedding model must be a name');
  });

  it('is built by createEmbedder for provider openai', async () => {
    const server = await startServer(ok);
    const e = createEmbedder({ provider: 'openai', baseUrl: server.baseUrl, model: 'nomic-embed-text', dimensions: DIMS, batchSize: undefined });
    expect(e).toBeInstanceOf(OpenAICompatibleEmbedder);
    expect(e.name).toBe('openai:nomic-embed-text');
    expectVectorsFor(await e.embed(texts(2)), 2);
  });
});
