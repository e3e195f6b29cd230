/**
 * A local OpenAI-compatible `POST /v1/embeddings` server (node:http on a free loopback port) that
 * behaves like a hosted provider on a bad day: slow, failing some requests with 500, refusing
 * others with 429 and `Retry-After`, and answering 400 for texts it will never take. Its vectors
 * are the hashing embedder's, so a stored vector can be checked against the text it came from.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEmbedder } from '../../src/embed/index.ts';

export interface FakeProviderOptions {
  dimensions?: number;
  /** Wait before each answer, in ms. */
  delayMs?: number;
  /** Every n-th request (1-based) answers 500. */
  failEvery?: number;
  /** Every n-th request answers 429 with `Retry-After: 1` (checked before failEvery). */
  rateLimitEvery?: number;
  /** A request with a text matching this answers 400, as a provider does for input it cannot take. */
  refuse?: RegExp;
  /**
   * Answer cheap vectors (from the text's length) instead of the hashing embedder's: for measuring
   * the queue, where hashing long texts in this process would add its own CPU time to the delay.
   */
  cheapVectors?: boolean;
  /** Called with the texts of a request before it is answered 200 (e.g. to change a posting meanwhile). */
  beforeAnswer?: (texts: string[]) => Promise<void> | void;
}

export interface FakeProvider {
  baseUrl: string;
  /** Requests received, by the status they got. */
  statuses: number[];
  /** Every text answered with a vector (200), in order: a text embedded twice appears twice. */
  answered: string[];
  close(): Promise<void>;
}

export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const embedder = createEmbedder({ provider: 'hash', dimensions: options.dimensions ?? 384 });
  const statuses: number[] = [];
  const answered: string[] = [];
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const n = ++requests;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { input: string[] };
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        statuses.push(status);
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      };
      if (options.delayMs) await sleep(options.delayMs);
      if (options.rateLimitEvery && n % options.rateLimitEvery === 0) {
        return send(429, { error: { message: 'Rate limit reached for requests' } }, { 'retry-after': '1' });
      }
      if (options.failEvery && n % options.failEvery === 0) return send(500, { error: { message: 'The server had an error' } });
      if (options.refuse && body.input.some((t) => options.refuse!.test(t))) {
        return send(400, { error: { message: "This model's maximum context length is 8192 tokens" } });
      }
      await options.beforeAnswer?.(body.input);
      const dims = options.dimensions ?? 384;
      const vectors = options.cheapVectors
        ? body.input.map((t) => Float32Array.from({ length: dims }, (_, d) => ((t.length + d * 31) % 97) + 1))
        : await embedder.embed(body.input);
      answered.push(...body.input);
      send(200, { object: 'list', data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: Array.from(v) })) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    statuses,
    answered,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
