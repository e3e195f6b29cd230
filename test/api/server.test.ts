/**
 * startServer over real HTTP: a port of its own, keys over the wire, and a graceful close that
 * lets a request in flight finish before the database closes. Also concurrent reads and writes
 * on PGlite, which has one connection: its own locks queue the queries and transactions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import type { Database } from '../../src/db/database.ts';
import { openTestDatabase, testEmbedder } from '../helpers/engines.ts';
import { API_KEY } from './client.ts';

describe('[pglite] startServer', () => {
  let database: Database;
  let server: RunningServer;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    server = await startServer({ database, embedder: testEmbedder, port: 0, apiKey: API_KEY, log: () => {} });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('listens on a free port and serves the API and the page', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect((await fetch(`${server.url}/vendor/chart.umd.min.js`)).status).toBe(200);
    expect((await fetch(`${server.url}/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('runs concurrent writes and searches on the one embedded connection', async () => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` };
    const writes = Array.from({ length: 12 }, (_, i) =>
      fetch(`${server.url}/api/jobs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ title: `Staff Nurse ${i}`, externalId: `c-${i}`, country: 'GB', skills: ['Nursing'] }),
      }),
    );
    const reads = Array.from({ length: 12 }, (_, i) => fetch(`${server.url}/api/search?q=nurse&k=5${i % 2 ? '&country=GB' : ''}`));
    const replies = await Promise.all([...writes, ...reads]);
    expect(replies.map((r) => r.status)).toEqual([...Array(12).fill(201), ...Array(12).fill(200)]);
    const { jobs } = (await (await fetch(`${server.url}/api/health`)).json()) as { jobs: number };
    expect(jobs).toBe(12);
  });

  it('finishes a request in flight on close, then refuses connections and closes the database', async () => {
    const other = await openTestDatabase('pglite');
    const closing = await startServer({ database: other, embedder: testEmbedder, port: 0, apiKey: API_KEY });
    const body = new TextEncoder().encode(JSON.stringify({ resume: 'Registered nurse with ten years on surgical wards. '.repeat(200) }));
    let sentHalf!: () => void;
    const halfSent = new Promise<void>((resolve) => (sentHalf = resolve));
    // The body trickles in: the request is surely in flight when close() is called.
    const slowBody = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(body.subarray(0, 100));
        sentHalf();
        await new Promise((resolve) => setTimeout(resolve, 500));
        controller.enqueue(body.subarray(100));
        controller.close();
      },
    });
    const inFlight = fetch(`${closing.url}/api/match`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: slowBody,
      duplex: 'half',
    } as RequestInit);
    await halfSent;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = closing.close();
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    await closed;
    await expect(fetch(`${closing.url}/api/health`)).rejects.toThrow();
    await expect(other.db.execute('select 1' as never)).rejects.toThrow();
  });
});
