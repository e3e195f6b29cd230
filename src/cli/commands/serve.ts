/**
 * `jobsight serve`: the HTTP API and web page on the configured database (embedded by default),
 * open until SIGINT or SIGTERM, then closed gracefully: requests in flight finish first.
 */
import { Command } from 'commander';
import { API_DEFAULTS, API_ENVIRONMENT, resolveApiConfig } from '../../api/config.ts';
import { startServer } from '../../api/server.ts';
import { withDatabase } from '../context.ts';
import { wholeNumberFlag } from '../parse.ts';

interface ServeFlags {
  port: number;
  host: string;
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
        console.log('Press Ctrl+C to stop.');
        const signal = await untilSignal();
        console.log(`${signal}: finishing requests in flight, then closing the database`);
        await server.close();
      }),
    );
}
