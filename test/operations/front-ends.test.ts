/**
 * The CLI and the HTTP API list the same operations under the same names with the same options:
 * the commander tree of `jobsight` is compared with /openapi.json. Names map mechanically: a
 * command path `stats co-skills` is the operationId `statsCoSkills`; a flag `--salary-min` is the
 * parameter or body field `salaryMin`; `filters` is one JSON object in a body and flat in flags
 * and query strings. Only the fields an operation declares `cliOnly` (and an upload's file name)
 * differ.
 */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { resolveApiConfig } from '../../src/api/config.ts';
import { buildProgram, LOCAL_COMMANDS } from '../../src/cli/program.ts';
import type { Database } from '../../src/db/database.ts';
import { OPERATIONS } from '../../src/operations/index.ts';
import { operationId } from '../../src/operations/operation.ts';
import { testEmbedder } from '../helpers/engines.ts';

interface OpenApiOperation {
  operationId: string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, { properties?: object }> } }> };
}

async function apiOperations(): Promise<Map<string, Set<string>>> {
  const app = createApp({ database: {} as Database, embedder: testEmbedder, config: resolveApiConfig({}) });
  const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, OpenApiOperation>> };
  const found = new Map<string, Set<string>>();
  for (const methods of Object.values(doc.paths)) {
    for (const op of Object.values(methods)) {
      const names = new Set((op.parameters ?? []).map((p) => p.name));
      const properties = op.requestBody?.content['application/json']?.schema.properties ?? {};
      // A nested object (filters) travels flat in flags: compare its fields.
      for (const [name, schema] of Object.entries(properties)) {
        for (const inner of schema.properties ? Object.keys(schema.properties) : [name]) names.add(inner);
      }
      found.set(op.operationId, names);
    }
  }
  return found;
}

/** Leaf commands of the program, by their path (`index create hnsw`), and operations with commands under them (`dupes`, `dupes list`). */
function leafCommands(command: Command, prefix: string[] = []): Map<string, Command> {
  const leaves = new Map<string, Command>();
  for (const sub of command.commands) {
    const path = [...prefix, sub.name()];
    if (sub.commands.length === 0 || OPERATIONS.some((op) => op.name === path.join(' '))) leaves.set(path.join(' '), sub);
    for (const [name, leaf] of leafCommands(sub, path)) leaves.set(name, leaf);
  }
  return leaves;
}

/** What the command takes: its options by name (`--salary-min` → salaryMin) and its arguments by the field they fill. */
function cliNames(name: string, command: Command): Set<string> {
  const operation = OPERATIONS.find((op) => op.name === name)!;
  const args = (operation.args ?? []).map((a) => (typeof a === 'string' ? a : a[0]));
  expect(command.registeredArguments).toHaveLength(args.length);
  return new Set([...command.options.map((o) => o.attributeName()), ...args]);
}

describe('the CLI and the API', () => {
  it('list the same operations under the same names', async () => {
    const api = await apiOperations();
    const cli = leafCommands(buildProgram());
    const cliOperations = [...cli.keys()].filter((name) => !LOCAL_COMMANDS.includes(name));
    expect(cliOperations.map(operationId).sort()).toEqual([...api.keys()].filter((id) => id !== 'health').sort());
    expect(cliOperations.sort()).toEqual(OPERATIONS.map((op) => op.name).sort());
    expect(cliOperations).toContain('stats co-skills');
    expect(api.has('statsCoSkills')).toBe(true);
  });

  it('give every operation the same options, save those declared for one front end', async () => {
    const api = await apiOperations();
    const cli = leafCommands(buildProgram());
    for (const operation of OPERATIONS) {
      const cliOnly = new Set(Object.keys(operation.cliOnly ?? {}));
      const upload = operation.http.upload;
      const fromCli = [...cliNames(operation.name, cli.get(operation.name)!)].filter((n) => !cliOnly.has(n) && n !== upload?.into);
      const fromApi = [...api.get(operationId(operation.name))!].filter((n) => !(upload && n === 'filename'));
      expect(fromCli.sort(), operation.name).toEqual(fromApi.sort());
    }
  });

  it('would notice an option that only one front end has', async () => {
    const api = await apiOperations();
    const search = cliNames('search', leafCommands(buildProgram()).get('search')!);
    search.add('only-in-the-cli');
    expect([...search].sort()).not.toEqual([...api.get('search')!].sort());
  });

  it('name the statistics alike: stats skills is GET /api/stats/skills', async () => {
    const app = createApp({ database: {} as Database, embedder: testEmbedder, config: resolveApiConfig({}) });
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const name of ['skills', 'trends', 'salaries', 'remote', 'employers', 'months', 'co-skills']) {
      expect(doc.paths[`/api/stats/${name}`], name).toBeDefined();
    }
  });
});
