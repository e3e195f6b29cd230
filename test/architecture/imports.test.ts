/**
 * The import rules of ARCHITECTURE.md: each folder of src/ imports only from the folders below
 * it, so the layers cannot form a cycle (db and jobs once imported each other) and the library
 * never reaches up into the operations or the front ends.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Folder (or top-level file) of src/ → what it may import besides itself. Keep in step with ARCHITECTURE.md. */
const ALLOWED: Record<string, string[]> = {
  core: [],
  'config.ts': ['core'],
  embed: ['core'],
  db: ['core', 'config.ts', 'embed'],
  jobs: ['core', 'db', 'embed'],
  dupes: ['core', 'db'],
  ingest: ['core', 'db', 'embed', 'jobs'],
  'embed-queue': ['core', 'db', 'embed', 'jobs'],
  importers: ['core', 'db', 'embed', 'jobs', 'ingest'],
  search: ['core', 'db', 'embed', 'jobs', 'ingest'],
  indexes: ['core', 'db', 'search'],
  analytics: ['core', 'db', 'embed', 'search'],
  demo: ['core', 'db', 'embed', 'jobs', 'ingest', 'search'],
  eval: ['core', 'db', 'embed', 'search'],
  operations: ['core', 'db', 'embed', 'jobs', 'dupes', 'ingest', 'embed-queue', 'importers', 'search', 'indexes', 'analytics', 'eval'],
  api: ['core', 'config.ts', 'db', 'embed', 'jobs', 'operations'],
  cli: [
    'core',
    'config.ts',
    'db',
    'embed',
    'jobs',
    'dupes',
    'ingest',
    'embed-queue',
    'importers',
    'search',
    'indexes',
    'analytics',
    'demo',
    'eval',
    'operations',
    'api',
  ],
};

const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** `src/db/schema.ts` → `db`; `src/config.ts` → `config.ts`. */
function layerOf(file: string): string {
  return file.split('/')[1]!;
}

/** Every import that breaks the rules, as `from → to`. */
function violations(files: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [file, source] of files) {
    const layer = layerOf(file);
    for (const match of source.matchAll(IMPORT)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), (match[1] ?? match[2])!));
      if (!target.startsWith('src/')) continue;
      const to = layerOf(target);
      const allowed = ALLOWED[layer];
      if (to !== layer && !allowed?.includes(to)) found.push(`${file} → ${target} (${layer} may not import ${to})`);
    }
  }
  return found;
}

function sourceFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(ts|js)$/.test(entry.name)) continue;
    const file = path.posix.join(entry.parentPath.replaceAll(path.sep, '/'), entry.name);
    files.set(file, readFileSync(file, 'utf8'));
  }
  return files;
}

describe('import rules', () => {
  it('hold for every file in src/', () => {
    const files = sourceFiles('src');
    expect(files.size).toBeGreaterThan(100);
    expect(violations(files)).toEqual([]);
  });

  it('every folder of src/ has a rule', () => {
    const layers = new Set([...sourceFiles('src').keys()].map(layerOf));
    layers.delete('web'); // static files served as they are; they import only each other
    expect([...layers].filter((l) => !(l in ALLOWED))).toEqual([]);
  });

  it('catch an import that goes up a layer or forms a cycle', () => {
    const broken = new Map([
      ['src/db/schema.ts', "import { addJob } from '../jobs/repository.ts';"],
      ['src/search/vector.ts', "import type { AnyOperation } from '../operations/operation.ts';\nimport { z } from 'zod';"],
      ['src/core/errors.ts', "export { x } from '../db/database.ts';"],
      ['src/jobs/repository.ts', "import { companies } from '../db/schema.ts';"],
    ]);
    expect(violations(broken)).toEqual([
      'src/db/schema.ts → src/jobs/repository.ts (db may not import jobs)',
      'src/search/vector.ts → src/operations/operation.ts (search may not import operations)',
      'src/core/errors.ts → src/db/database.ts (core may not import db)',
    ]);
  });
});
