/**
 * Runs Jobsight's HTTP API in its own process for the concurrency measurement, so the load
 * generator (autocannon, in the benchmark process) does not share the server's event loop.
 * Prints one JSON line: { url } when listening, { error } when the API cannot start.
 *
 *   node --import tsx bench/api-child.ts DATABASE_URL
 */
import { resolveConfig } from '../src/config.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { createEmbedder } from '../src/embed/index.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: api-child.ts DATABASE_URL');

interface ApiServer {
  url: string;
  close(): Promise<void>;
}
type StartServer = (options: { database: unknown; embedder: unknown; port: number; host: string; apiKey?: string }) => Promise<ApiServer>;

try {
  // Written against the API's announced signature; src/api/server.ts is built by another change.
  const api = (await import('../src/api/server.ts' as string)) as { startServer?: StartServer };
  if (typeof api.startServer !== 'function') throw new Error('src/api/server.ts exports no startServer');
  const config = resolveConfig({ databaseUrl: url, poolMax: 20 });
  if (config.database.kind !== 'server') throw new Error('unreachable');
  const database = await openPostgres(config.database);
  const embedder = createEmbedder({ provider: 'semantic' });
  const server = await api.startServer({ database, embedder, port: 0, host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.on('SIGTERM', () => {
    void server
      .close()
      .then(() => database.close())
      .finally(() => process.exit(0));
  });
} catch (e) {
  process.stdout.write(`${JSON.stringify({ error: (e as Error).message })}\n`);
  process.exit(0);
}
