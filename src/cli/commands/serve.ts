/**
 * `jobsight serve`: the HTTP API and web page on the configured database (embedded by default),
 * open until SIGINT or SIGTERM, then closed gracefully: requests in flight finish first.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from 'commander';
import { API_DEFAULTS, API_ENVIRONMENT, resolveApiConfig } from '../../api/config.ts';
import { startServer } from '../../api/server.ts';
import { EMBED_QUEUE_DEFAULTS, MAX_EMBED_QUEUE_WORKERS } from '../../core/defaults.ts';
import { causeMessage } from '../../core/errors.ts';
import type { Database } from '../../db/database.ts';
import type { Embedder } from '../../embed/embedder.ts';
import { pendingCount, runEmbedWorkers } from '../../embed-queue/index.ts';
import { withDatabase } from '../context.ts';
import { wholeNumberFlag } from '../parse.ts';

interface ServeFlags {
  port: number;
  host: string;
  embedWorkers: number;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the HTTP API (/api/..., documented at /openapi.json) and the web page')
    .option('--port <n>', `port to listen on (0: any free port)`, wholeNumberFlag('--port', 0, 65_535), API_DEFAULTS.port)
    .option('--host <host>', 'address to listen on (0.0.0.0: every interface)', API_DEFAULTS.host)
    .option(
      '--embed-workers <n>',
      'workers embedding queued postings (ingest --embed later, changed texts) while serving; 0: none (run `jobsight embed` instead)',
      wholeNumberFlag('--embed-workers', 0, MAX_EMBED_QUEUE_WORKERS),
      EMBED_QUEUE_DEFAULTS.workers,
    )
    .addHelpText(
      'after',
      `\nEnvironment:\n${Object.entries(API_ENVIRONMENT)
        .map(([name, what]) => `  ${name.padEnd(28)}${what}`)
        .join('\n')}`,
    )
    .action(async (flags: ServeFlags, command: Command) =>
      withDatabase(command, async ({ database, embedder }) => {
        const config = resolveApiConfig({}, process.env);
        const server = await startServer({
          database,
          embedder,
          port: flags.port,
          host: flags.host,
          config,
          closeDatabase: false,
          processGuards: true,
        });
        console.log(`Jobsight on ${database.location}`);
        console.log(`  web page   ${server.url}/`);
        console.log(`  API        ${server.url}/api/search?q=data+analyst  (documented at ${server.url}/openapi.json)`);
        console.log(`  writes     ${config.apiKey ? 'need the API key (JOBSIGHT_API_KEY)' : 'disabled: set JOBSIGHT_API_KEY to allow them'}`);
        const embedding = startEmbedWorkers(database, embedder, flags.embedWorkers);
        console.log('Press Ctrl+C to stop.');
        const signal = await untilSignal();
        console.log(`${signal}: finishing requests in flight and the embedding batch in hand, then closing the database`);
        await Promise.all([server.close(), embedding.stop()]);
      }),
    );
}

/**
 * Workers that embed queued postings while the server runs, so postings ingested with
 * `--embed later` (also through the API) get their vectors without another command; an idle
 * worker costs one indexed query every few seconds. Failures are logged, never fatal to serving.
 */
const EMBED_RESTART_MS = 5000;

function startEmbedWorkers(database: Database, embedder: Embedder, workers: number): { stop(): Promise<void> } {
  if (workers === 0) return { stop: async () => {} };
  const controller = new AbortController();
  const running = (async () => {
    const pending = await pendingCount(database.db).catch(() => 0);
    console.log(`  embedding  ${workers} worker(s) with ${embedder.name}; ${pending.toLocaleString('en-US')} posting(s) in the queue`);
    while (!controller.signal.aborted) {
      try {
        await runEmbedWorkers(database, embedder, {
          watch: true,
          workers,
          signal: controller.signal,
          onBatch: (e) => {
            if (e.error)
              console.error(`embedding: a batch of ${e.claimed} failed (${e.error})${e.gaveUp ? `; gave up on ${e.gaveUp}` : '; to be retried'}`);
          },
        });
      } catch (error) {
        // The database went away for longer than the retries: serving goes on, and so do the workers once it is back.
        console.error(`embedding workers paused: ${causeMessage(error)}; starting again in ${EMBED_RESTART_MS / 1000} s`);
        await sleep(EMBED_RESTART_MS, undefined, { signal: controller.signal }).catch(() => {});
      }
    }
  })();
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}
