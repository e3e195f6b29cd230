/**
 * The API and web page on a Node HTTP server, with a graceful close: stop accepting
 * connections, let requests in flight finish, then close the database.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { connectionLostMessage, isUnavailable } from '../core/errors.ts';
import type { Database } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { createApp } from './app.ts';
import { API_DEFAULTS, resolveApiConfig, type ApiConfig } from './config.ts';
import type { Logger } from './errors.ts';

export interface ServerOptions {
  database: Database;
  embedder: Embedder;
  /** 0 picks a free port. Default 8080. */
  port?: number;
  /** Default 127.0.0.1 (this machine only); 0.0.0.0 listens on every interface. */
  host?: string;
  /** The write key; without it (and without config.apiKey) writes are refused. */
  apiKey?: string;
  /** Other API settings (read key, limits); defaults as resolveApiConfig gives them. */
  config?: Partial<ApiConfig>;
  /** Close the database in close(). Default true; false when the caller owns it. */
  closeDatabase?: boolean;
  /**
   * Keep the process alive through an unhandled rejection or 'error' event (logged instead);
   * `jobsight serve` sets it, as the process is the server's own. Default false (tests, embedders).
   */
  processGuards?: boolean;
  log?: Logger;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  /** Stops accepting, waits for requests in flight (up to graceMs, default 10 s), closes the database. */
  close(graceMs?: number): Promise<void>;
}

/**
 * @example
 * const server = await startServer({ database, embedder, port: 0, apiKey: 's3cret' });
 * await fetch(`${server.url}/api/search?q=nurse`);
 * await server.close();
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const config = resolveApiConfig({ ...options.config, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
  const app = createApp({ database: options.database, embedder: options.embedder, config, log: options.log });
  const host = options.host ?? API_DEFAULTS.host;
  const server = serve({ fetch: app.fetch, port: options.port ?? API_DEFAULTS.port, hostname: host });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  const unguard = options.processGuards ? guardProcess(options.log ?? ((m, e) => console.error(`jobsight serve: ${m}`, e ?? ''))) : () => {};

  let closing: Promise<void> | undefined;
  async function close(graceMs = 10_000): Promise<void> {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // close() waits for every connection to end; idle keep-alive ones would hold it open.
      // Drop them now and as in-flight requests finish; cut whatever is left after the grace period.
      const http = server as import('node:http').Server;
      http.closeIdleConnections();
      const sweep = setInterval(() => http.closeIdleConnections(), 100);
      const deadline = setTimeout(() => http.closeAllConnections(), graceMs);
      try {
        await closed;
      } finally {
        clearInterval(sweep);
        clearTimeout(deadline);
      }
      if (options.closeDatabase ?? true) await options.database.close();
      unguard();
    })();
    return closing;
  }
  return { url: `http://${shownHost}:${port}`, port, close };
}

/**
 * A server process outlives any one failure: a database connection dropping outside a request
 * (node-postgres emits 'error'), a promise nobody awaited rejecting. Node's default for both is
 * to exit, taking every other request down; here each is logged in one line and the server goes
 * on (requests that hit the database get 503 until it is back). Returns the undo.
 */
export function guardProcess(log: Logger): () => void {
  const onRejection = (reason: unknown) => log(`unhandled rejection (kept serving): ${describe(reason)}`);
  const onException = (error: Error) => log(`uncaught error (kept serving): ${describe(error)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}

function describe(error: unknown): string {
  return isUnavailable(error)
    ? `database connection lost: ${connectionLostMessage(error)}`
    : error instanceof Error
      ? `${error.name}: ${error.message}`
      : String(error);
}
