/**
 * Fault suite: `jobsight serve` on a throwaway PostgreSQL that is restarted, then stopped, while
 * requests are in flight. Regression for issue 10 case 1: the server died with "Unhandled 'error'
 * event ... Connection terminated unexpectedly" from a checked-out pool client, and /api/health
 * answered 500 during the outage. Now it never exits, answers 503 with a hint while the database
 * is away, and serves again by itself once it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnJobsight, STACK_TRACE, type JobsightChild } from '../helpers/child.ts';
import { CAN_START_CLUSTERS, startThrowawayCluster, type ThrowawayCluster } from '../helpers/throwaway-cluster.ts';

const KEY = 'fault-suite-key-0123456789';
const headers = { 'content-type': 'application/json', authorization: `Bearer ${KEY}` };

/** Requests that hold a pooled connection in a transaction (writes, vector search) or not (list, health). */
function request(base: string, i: number): Promise<Response> {
  switch (i % 4) {
    case 0:
      return fetch(`${base}/api/jobs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          title: `Ward Nurse ${i}`,
          externalId: `load-${i}`,
          description: 'Night shifts on a surgical ward. '.repeat(20),
          company: 'Fault Trust',
        }),
      });
    case 1:
      return fetch(`${base}/api/search?q=surgical+ward+nurse&k=5&mode=vector`);
    case 2:
      return fetch(`${base}/api/search?q=nurse&k=5`);
    default:
      return fetch(`${base}/api/jobs?limit=5`);
  }
}

/** Runs `workers` request loops until `stop()`; records every status (0: the connection failed). */
function load(base: string, workers: number) {
  let running = true;
  let n = 0;
  const statuses: number[] = [];
  const bodies: string[] = [];
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const i = n++;
      try {
        const res = await request(base, i);
        statuses.push(res.status);
        bodies.push(await res.text());
      } catch {
        statuses.push(0);
      }
    }
  });
  return {
    statuses,
    bodies,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function healthUntil(base: string, status: number, timeoutMs = 30_000): Promise<{ status: number; body: any }> {
  const deadline = Date.now() + timeoutMs;
  let last = { status: 0, body: null as any };
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/api/health`);
      last = { status: res.status, body: await res.json() };
      if (last.status === status) return last;
    } catch {
      // not listening: keep polling
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`health never answered ${status}; last ${JSON.stringify(last)}`);
}

describe.skipIf(!CAN_START_CLUSTERS)(`[server] serve through database restarts${CAN_START_CLUSTERS ? '' : ' (no initdb/pg_ctl)'}`, () => {
  let cluster: ThrowawayCluster;
  let serve: JobsightChild;
  let base: string;
  beforeAll(async () => {
    cluster = await startThrowawayCluster();
    const url = await cluster.createDatabase('serve_faults');
    serve = spawnJobsight(['serve', '--port', '0', '--pool-max', '6', '--pool-connection-timeout-ms', '2000'], {
      ...process.env,
      DATABASE_URL: url,
      JOBSIGHT_API_KEY: KEY,
    });
    base = (await serve.waitFor(/web page\s+(http:\/\/\S+?)\/\s/))[1]!;
    for (let i = 0; i < 8; i++) expect((await request(base, i * 4)).status).toBe(201);
  });
  afterAll(async () => {
    if (serve?.running()) {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
    await cluster?.remove();
  });

  it('keeps serving through a restart with requests in flight, and recovers by itself', async () => {
    for (let round = 0; round < 3; round++) {
      const traffic = load(base, 6);
      await new Promise((r) => setTimeout(r, 600));
      await cluster.restart('fast');
      await new Promise((r) => setTimeout(r, 400));
      await traffic.stop();
      expect(serve.running(), `serve exited in round ${round}:\n${serve.stderr()}`).toBe(true);
      // Failures during the restart are 503s (or a 201/200 that made it), never a 500.
      expect(
        traffic.statuses.filter((s) => s >= 500 && s !== 503),
        traffic.bodies.join('\n').slice(0, 2000),
      ).toEqual([]);
      await healthUntil(base, 200);
    }
    expect(serve.stderr()).not.toMatch(STACK_TRACE);
  }, 180_000);

  it('answers 503 with a hint while the database is stopped, then 200 when it is back', async () => {
    await cluster.stop('fast');
    try {
      const down = await healthUntil(base, 503, 15_000);
      expect(down.body.error).toMatch(/database is not reachable/);
      expect(down.body.hint).toMatch(/retry/i);
      const search = await fetch(`${base}/api/search?q=nurse`);
      expect(search.status).toBe(503);
      expect(search.headers.get('retry-after')).toBe('5');
    } finally {
      await cluster.start();
    }
    const up = await healthUntil(base, 200);
    expect(up.body.status).toBe('ok');
    expect(serve.running()).toBe(true);
    expect(serve.stderr()).not.toMatch(STACK_TRACE);
  }, 120_000);
});
