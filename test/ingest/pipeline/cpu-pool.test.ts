/**
 * The worker pool splits a batch's embedding across its workers (the step the next write waits
 * for); the vectors must be the embedder's own, in the texts' order. Its workers prepare postings
 * (skills included) from the taxonomy the main thread compiled, exactly as inline.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEmbedder } from '../../../src/embed/index.ts';
import { createCpuPool, type CpuPool } from '../../../src/ingest/cpu-pool.ts';
import { prepareItems } from '../../../src/ingest/prepare.ts';
import { type PostingItem, readPostings } from '../../../src/ingest/readers/read-postings.ts';
import { createSkillMatcher } from '../../../src/ingest/skills/matcher.ts';
import { loadTaxonomy } from '../../../src/ingest/skills/taxonomy.ts';
import { DATA_FILES } from '../../helpers/shared-data.ts';

const embedder = createEmbedder({ provider: 'semantic' });
// Enough texts for each of 2 workers to get a share of more than one.
const texts = Array.from({ length: 230 }, (_, i) => `Staff Nurse ${i}\nBand ${i % 9} ward, SQL and Excel ${i % 13 === 0 ? 'midwifery' : 'theatre'}`);
let pool: CpuPool;

beforeAll(async () => {
  pool = await createCpuPool({ threads: 2, embedder });
});
afterAll(() => pool.close());

it('embeds on 2 workers exactly what the embedder gives inline, in order', async () => {
  const [split, inline] = await Promise.all([pool.embed(texts), embedder.embed(texts)]);
  expect(split).toHaveLength(texts.length);
  for (const [i, v] of split.entries()) expect(Array.from(v), `text ${i}`).toEqual(Array.from(inline[i]!));
});

it('embeds a handful of texts (one share) and none', async () => {
  expect((await pool.embed(texts.slice(0, 3))).map((v) => Array.from(v))).toEqual(
    (await embedder.embed(texts.slice(0, 3))).map((v) => Array.from(v)),
  );
  expect(await pool.embed([])).toEqual([]);
});

it('prepares real postings on a worker exactly as inline, skills included', async () => {
  const items: PostingItem[] = [];
  for await (const item of readPostings(DATA_FILES.nhs)) if (items.push(item) >= 200) break;
  const options = { source: 'nhs', referenceDate: Date.parse('2020-11-30') };
  const inline = prepareItems(items, options, createSkillMatcher(await loadTaxonomy()));
  expect(inline.some((p) => p.kind === 'job' && p.skills.length > 3)).toBe(true);
  expect(await pool.prepare(items, options)).toEqual(inline);
});

it('prepares with the taxonomy it was given, after a pool with another one', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'jobsight-taxonomy-'));
  const taxonomyFile = path.join(dir, 'skills.json');
  await writeFile(taxonomyFile, JSON.stringify({ skills: [{ name: 'Zorblax', category: 'software-engineering' }] }));
  const item: PostingItem = { kind: 'posting', origin: { file: 'x', line: 1 }, raw: { title: 'Engineer', description: 'Zorblax and SQL' } };
  const options = { source: 'test', referenceDate: Date.parse('2020-11-30') };
  const skillsWith = async (file?: string) => {
    const inline = await createCpuPool({ threads: 0, embedder, taxonomyFile: file });
    const [prepared] = await inline.prepare([item], options);
    return prepared?.kind === 'job' ? prepared.skills.map((s) => s.name) : [];
  };
  expect(await skillsWith()).toEqual(['SQL']);
  expect(await skillsWith(taxonomyFile)).toEqual(['Zorblax', 'SQL']);
  expect(await skillsWith()).toEqual(['SQL']);
  await rm(dir, { recursive: true });
});
