/**
 * Loads the demo postings shipped in demo/postings.jsonl (made by scripts/generate-demo-data.ts)
 * through the jobs library, in batches that are each one transaction. Loading again adds only
 * what is missing, so an interrupted demo resumes.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { JobsightError } from '../core/errors.ts';
import { addJobs } from '../jobs/repository.ts';
import { upsertSkills } from '../jobs/skills.ts';
import { createSkillMatcher } from '../ingest/skills/matcher.ts';
import { loadTaxonomy } from '../ingest/skills/taxonomy.ts';

export const DEMO_FILE = fileURLToPath(new URL('../../demo/postings.jsonl', import.meta.url));
const BATCH = 250;

export interface DemoLoadResult {
  inFile: number;
  alreadyLoaded: number;
  added: number;
}

interface DemoPosting {
  externalId: string;
  title: string;
  description: string;
}

async function readDemoFile(file: string): Promise<DemoPosting[]> {
  const postings: DemoPosting[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    try {
      postings.push(JSON.parse(text) as DemoPosting);
    } catch (e) {
      throw new JobsightError(`${file}:${line}: not valid JSON (${(e as Error).message})`, {
        hint: 'Regenerate the demo data: npx tsx scripts/generate-demo-data.ts',
      });
    }
  }
  return postings;
}

export async function loadDemo(
  db: Db,
  embedder: Embedder,
  onProgress?: (done: number, total: number) => void,
  file = DEMO_FILE,
): Promise<DemoLoadResult> {
  const postings = await readDemoFile(file);
  const existing = new Set((await queryRows<{ id: string }>(db, sql`select external_id as id from jobs where source = 'demo'`)).map((r) => r.id));
  const missing = postings.filter((p) => !existing.has(p.externalId));
  // The demo file names no skills; they are extracted from the text as ingest does.
  const matcher = createSkillMatcher(await loadTaxonomy());
  for (let i = 0; i < missing.length; i += BATCH) {
    const batch = missing.slice(i, i + BATCH).map((p) => ({ ...p, matched: matcher.match(p.title, p.description) }));
    await upsertSkills(
      db,
      batch.flatMap((p) => p.matched),
    );
    await addJobs(
      db,
      embedder,
      batch.map(({ matched, ...p }) => ({ ...p, skills: matched.map((m) => m.name) })),
    );
    onProgress?.(Math.min(i + BATCH, missing.length), missing.length);
  }
  return { inFile: postings.length, alreadyLoaded: postings.length - missing.length, added: missing.length };
}
