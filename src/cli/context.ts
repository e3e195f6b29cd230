/**
 * What every command shares: the global options, the configuration resolved from them and the
 * environment (once, here), and an open database that is always closed afterwards.
 */
import type { Command } from 'commander';
import { resolveConfig, type Config, type ConfigOverrides } from '../config.ts';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { openConfiguredDatabase } from '../db/setup.ts';
import type { Embedder } from '../embed/embedder.ts';
import { createEmbedder } from '../embed/index.ts';

export interface GlobalOptions extends ConfigOverrides {
  json?: boolean;
  debug?: boolean;
}

export interface CommandContext {
  config: Config;
  embedder: Embedder;
  database: Database;
  json: boolean;
}

/** The global options as given to the root program (commander keeps them there). */
export function globalOptions(command: Command): GlobalOptions {
  let root = command;
  while (root.parent) root = root.parent;
  return { ...root.opts<GlobalOptions>(), ...command.opts<GlobalOptions>() };
}

export function configFrom(options: GlobalOptions): { config: Config; embedder: Embedder } {
  const config = resolveConfig(options, process.env);
  return { config, embedder: createEmbedder(config.embedder) };
}

/**
 * Runs `fn` against the configured database. `ready` (the default) initialises a brand-new
 * database and checks schema and embedder; `raw` only opens it (for `db` commands).
 */
export async function withDatabase<T>(command: Command, fn: (ctx: CommandContext) => Promise<T>, mode: 'ready' | 'raw' = 'ready'): Promise<T> {
  const options = globalOptions(command);
  const config = resolveConfig(options, process.env);
  const { database, embedder } =
    mode === 'ready'
      ? await openConfiguredDatabase(config, (line) => process.stderr.write(`${line}\n`))
      : { database: await openDatabase(config.database), embedder: createEmbedder(config.embedder) };
  try {
    return await fn({ config, embedder, database, json: Boolean(options.json) });
  } finally {
    await database.close();
  }
}
