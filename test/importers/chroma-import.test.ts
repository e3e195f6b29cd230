/**
 * `import chroma` against a real Chroma server (`chroma run`, the binary the chromadb package
 * ships, started on a free port like the bench's; skipped, saying why, if it cannot start), with
 * a collection made from real Glassdoor postings: documents, metadata under their own key names,
 * and vectors of the database's dimension (kept) or of another (re-embedded).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { startChroma, type ChromaServer } from '../../bench/lib/chroma.ts';
import { queryRows } from '../../src/db/database.ts';
import { importChroma } from '../../src/importers/chroma.ts';
import { describeEngines, testEmbedder } from '../helpers/engines.ts';
import { DATA_FILES } from '../helpers/shared-data.ts';

let chroma: ChromaServer | null = null;
let cannotStart = '';
try {
  chroma = await startChroma();
} catch (error) {
  cannotStart = (error as Error).message;
}
afterAll(async () => {
  await chroma?.stop();
});

const ROWS = 300;
const rows = (parse(await readFile(DATA_FILES.glassdoor, 'utf8'), { columns: true }) as Record<string, string>[]).slice(0, ROWS);

/** A collection of the Glassdoor rows: the description as document, other columns as metadata, plus two records that are no posting. */
async function makeCollection(name: string, vectors: (texts: string[]) => Promise<number[][]>): Promise<void> {
  await chroma!.client.deleteCollection({ name }).catch(() => {});
  const collection = await chroma!.client.createCollection({ name, embeddingFunction: null });
  const documents = rows.map((r) => r['Job Description']!);
  const embeddings = await vectors(documents);
  await collection.add({
    ids: rows.map((r) => `gd-${r['']}`),
    documents,
    embeddings,
    metadatas: rows.map((r) => ({ job_title: r['Job Title']!, company: r['Company Name']!, location: r.Location!, salary: r['Salary Estimate']! })),
  });
  await collection.add({
    ids: ['empty-1', 'empty-2'],
    embeddings: [embeddings[0]!, embeddings[1]!],
    metadatas: [{ note: 'no text' }, { note: 'none' }],
  });
}

if (!chroma) {
  describe.skip(`import chroma (the Chroma server could not start: ${cannotStart})`, () => {
    it('imports a collection', () => {});
  });
} else {
  describeEngines('import chroma', ({ database }) => {
    const url = () => chroma!.url;
    it('copies documents, metadata and kept vectors; a second run skips what is there, a partial one resumes', async () => {
      const { db } = database();
      await makeCollection('glassdoor', async (texts) => (await testEmbedder.embed(texts)).map((v) => Array.from(v, (x) => x * 3)));
      const first = await importChroma(database(), testEmbedder, {
        url: url(),
        collection: 'glassdoor',
        mapping: { title: 'job_title' },
        pageSize: 64,
      });
      expect(first).toMatchObject({ read: ROWS + 2, skipped: 0, failed: 2, embeddings: 'kept', collectionDimensions: 384 });
      expect(first.failures.map((f) => f.id).sort()).toEqual(['empty-1', 'empty-2']);
      expect(first.failures[0]!.reason).toMatch(/title/);
      // The Glassdoor file repeats some postings word for word: those are counted, not stored twice.
      expect(first.imported + first.duplicates + first.failed).toBe(first.read);
      expect(first.duplicates).toBeGreaterThan(0);

      const [stored] = await queryRows<{ n: number; titled: number; companies: number; salaries: number; withVector: number }>(
        db,
        sql`select count(*)::int as n, count(*) filter (where title = 'Data Scientist')::int as titled,
                   count(company_id)::int as companies, count(salary_annual_min)::int as salaries, count(embedding)::int as "withVector"
            from jobs where source = 'chroma:glassdoor'`,
      );
      expect(stored).toMatchObject({ n: first.imported, withVector: first.imported });
      expect(stored!.titled).toBeGreaterThan(50);
      expect(stored!.companies).toBe(first.imported);
      // Glassdoor's salary estimates are missing (-1) for some postings.
      expect(stored!.salaries).toBeGreaterThan(first.imported * 0.7);
      // Kept means Chroma's vector (scaled ×3 there), brought to unit length: the hashing vector of the document.
      const [one] = await queryRows<{ externalId: string; embedding: string; description: string }>(
        db,
        sql`select external_id as "externalId", embedding::text as embedding, description from jobs where source = 'chroma:glassdoor' order by id limit 1`,
      );
      const [expected] = await testEmbedder.embed([rows.find((r) => `gd-${r['']}` === one!.externalId)!['Job Description']!]);
      const vector = JSON.parse(one!.embedding) as number[];
      expect(Math.max(...vector.map((x, i) => Math.abs(x - expected![i]!)))).toBeLessThan(1e-5);
      expect(await queryRows(db, sql`select 1 from embedding_queue`)).toEqual([]);
      const [record] = await queryRows<{ value: { embeddings: string; collectionDimensions: number } }>(
        db,
        sql`select value from jobsight_settings where key = 'import:chroma:glassdoor'`,
      );
      expect(record!.value).toMatchObject({ embeddings: 'kept', collectionDimensions: 384 });

      const again = await importChroma(database(), testEmbedder, { url: url(), collection: 'glassdoor', mapping: { title: 'job_title' } });
      expect(again).toMatchObject({ read: ROWS + 2, imported: 0, skipped: first.imported, failed: 2 });

      await db.execute(
        sql`delete from jobs where source = 'chroma:glassdoor' and id in (select id from jobs where source = 'chroma:glassdoor' order by id desc limit 40)`,
      );
      const resumed = await importChroma(database(), testEmbedder, { url: url(), collection: 'glassdoor', mapping: { title: 'job_title' } });
      expect(resumed).toMatchObject({ imported: 40, skipped: first.imported - 40 });
    });

    it("re-embeds when the collection's dimension is not the database's, or when asked", async () => {
      const { db } = database();
      await makeCollection('glassdoor-8d', async (texts) => texts.map((_, i) => Array.from({ length: 8 }, (__, d) => ((i + 1) * (d + 1)) % 7)));
      const notes: string[] = [];
      const summary = await importChroma(database(), testEmbedder, {
        url: url(),
        collection: 'glassdoor-8d',
        mapping: { title: 'job_title' },
        note: (m) => notes.push(m),
      });
      expect(summary).toMatchObject({ embeddings: 'reembedded', collectionDimensions: 8 });
      expect(notes.join('\n')).toMatch(/8 dimensions and the database's 384/);
      // Same texts as the first collection: stored once, as duplicates of the chroma:glassdoor postings.
      expect(summary.duplicates).toBeGreaterThan(ROWS * 0.9);

      await makeCollection('glassdoor-later', async (texts) => (await testEmbedder.embed(texts)).map((v) => Array.from(v)));
      await db.execute(sql`truncate jobs cascade`);
      const later = await importChroma(database(), testEmbedder, {
        url: url(),
        collection: 'glassdoor-later',
        mapping: { title: 'job_title' },
        reembed: true,
        embedLater: true,
      });
      expect(later).toMatchObject({ embeddings: 'queued' });
      const [queue] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from embedding_queue`);
      expect(queue!.n).toBe(later.imported);
    });

    it('names the collections there are when the one asked for is not', async () => {
      await expect(importChroma(database(), testEmbedder, { url: url(), collection: 'no-such' })).rejects.toThrow(/no collection "no-such"/);
    });
  });
}
