/**
 * Fills a ChromaDB collection with real postings, shaped as people store them in Chroma: the
 * description as the document, other columns as metadata under their own names, and vectors from
 * Jobsight's default embedder (so `import chroma` can keep them). For trying `jobsight import chroma`.
 *
 *   npx chroma run --path .chroma --port 8000 &
 *   npx tsx scripts/chroma-sample-collection.ts --url http://127.0.0.1:8000 --collection glassdoor
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { chromaClient } from '../src/importers/chroma.ts';
import { createEmbedder } from '../src/embed/index.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:8000' },
    collection: { type: 'string', default: 'glassdoor' },
    file: { type: 'string', default: path.resolve(import.meta.dirname, '../../shared/data/glassdoor-ds-2020/glassdoor_jobs.csv') },
    embedder: { type: 'string', default: 'semantic' },
  },
});

const rows = parse(await readFile(args.file, 'utf8'), { columns: true }) as Record<string, string>[];
const embedder = createEmbedder({ provider: args.embedder === 'hash' ? 'hash' : 'semantic' });
await embedder.ready?.();
const client = chromaClient(args.url);
await client.deleteCollection({ name: args.collection }).catch(() => {});
const collection = await client.createCollection({ name: args.collection, embeddingFunction: null, metadata: { embedder: embedder.name } });
const BATCH = 500;
for (let i = 0; i < rows.length; i += BATCH) {
  const batch = rows.slice(i, i + BATCH);
  // Embedded as Jobsight embeds a posting: title, employer, place, description.
  const texts = batch.map((r) => [r['Job Title'], r['Company Name']?.split('\n')[0], r.Location, r['Job Description']].filter(Boolean).join('\n'));
  const vectors = await embedder.embed(texts);
  await collection.add({
    ids: batch.map((r, j) => `gd-${r[''] ?? i + j}`),
    documents: batch.map((r) => r['Job Description'] ?? ''),
    embeddings: vectors.map((v) => Array.from(v)),
    metadatas: batch.map((r) => ({
      job_title: r['Job Title'] ?? '',
      company: r['Company Name'] ?? '',
      location: r.Location ?? '',
      salary: r['Salary Estimate'] ?? '',
    })),
  });
}
console.log(
  `${args.collection}: ${await collection.count()} records with ${embedder.name} vectors (${embedder.dimensions} dimensions) at ${args.url}`,
);
