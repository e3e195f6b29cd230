/**
 * `jobsight import chroma`: copies a ChromaDB collection (documents, metadata, embeddings) into
 * jobs, page by page. Each record goes through the same normalisation, skills and loader as
 * `ingest` (a metadata key maps to a posting field by name, as a CSV column does, or by `--map`);
 * the document is the description. Source `chroma:<collection>`, external id the Chroma id, so a
 * run that stopped is resumed by running it again: ids already imported are skipped before their
 * documents and vectors are even fetched.
 *
 * Vectors: the collection's are kept when their dimension is the database's (searches then compare
 * queries embedded by Jobsight's embedder with them: that is right only if it is the same model,
 * which Jobsight cannot check, so the summary names both); otherwise, or with `reembed`, the
 * documents are embedded again with the active embedder.
 */
import { ChromaClient, ChromaNotFoundError, type Collection } from 'chromadb';
import { sql } from 'drizzle-orm';
import { DEFAULT_CHROMA_PAGE } from '../core/defaults.ts';
import { causeMessage, JobsightError } from '../core/errors.ts';
import { queryRows, type Database } from '../db/database.ts';
import { embeddingColumnDimensions, readEmbedderRecord } from '../db/embedder-record.ts';
import { settings } from '../db/schema.ts';
import type { Embedder } from '../embed/embedder.ts';
import { type Candidate, type EmbedNowOrLater, writeBatch } from '../ingest/load/write-batch.ts';
import { prepareItems } from '../ingest/prepare.ts';
import { createRecordMapper } from '../ingest/readers/mapping.ts';
import type { FieldMapping } from '../ingest/readers/mapping-options.ts';
import type { PostingItem } from '../ingest/readers/read-postings.ts';
import type { SourceRecord } from '../ingest/readers/source.ts';
import { createSkillMatcher } from '../ingest/skills/matcher.ts';
import { loadTaxonomy } from '../ingest/skills/taxonomy.ts';

export interface ChromaImportOptions {
  /** The Chroma server, e.g. `http://127.0.0.1:8000`. */
  url: string;
  collection: string;
  /** Posting field → metadata key; `description` defaults to the document. */
  mapping?: FieldMapping;
  /** Embed the documents again with the active embedder instead of keeping the collection's vectors. */
  reembed?: boolean;
  /** `later`: store no vectors, leave the postings in the embedding queue (with reembed, or when the dimensions differ). */
  embedLater?: boolean;
  /** Records per page fetched from Chroma and per transaction. */
  pageSize?: number;
  /** Relative dates in metadata count back from this date (default today). */
  referenceDate?: Date;
  taxonomyFile?: string;
  onProgress?: (done: number, total: number) => void;
  note?: (message: string) => void;
}

export interface ChromaImportSummary {
  url: string;
  collection: string;
  source: string;
  /** Records in the collection. */
  read: number;
  imported: number;
  /** Imported by an earlier run (same Chroma id). */
  skipped: number;
  /** The same text as a posting already stored (under another id or source): not stored twice. */
  duplicates: number;
  /** Records that cannot be a posting (no title, no document...), with the first reasons. */
  failed: number;
  failures: { id: string; reason: string }[];
  /** What became of the vectors. */
  embeddings: 'kept' | 'reembedded' | 'queued';
  collectionDimensions: number | null;
  /** The embedding function Chroma records for the collection, if any. */
  collectionEmbedder: string | null;
  databaseEmbedder: string | null;
  seconds: number;
}

const MAX_FAILURES_SHOWN = 20;

/** A Chroma client for `url` (http or https, any port). */
export function chromaClient(url: string): ChromaClient {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new JobsightError(`not a URL: "${url}"`, { hint: 'Give the Chroma server as http://HOST:PORT, e.g. http://127.0.0.1:8000' });
  }
  const ssl = parsed.protocol === 'https:';
  return new ChromaClient({ host: parsed.hostname, port: Number(parsed.port || (ssl ? 443 : 80)), ssl });
}

async function openCollection(client: ChromaClient, url: string, name: string): Promise<Collection> {
  try {
    // No embedding function: Jobsight never asks Chroma to embed; vectors come with the records.
    return await client.getCollection({ name, embeddingFunction: undefined });
  } catch (error) {
    const message = causeMessage(error);
    if (error instanceof ChromaNotFoundError || /does not exist|not found/i.test(message)) {
      const names = await client.listCollections().then(
        (cs) => cs.map((c) => c.name),
        () => [],
      );
      throw new JobsightError(`Chroma at ${url} has no collection "${name}"`, {
        status: 404,
        hint: names.length ? `Its collections: ${names.slice(0, 20).join(', ')}` : 'It has no collections.',
      });
    }
    throw new JobsightError(`could not reach Chroma at ${url}: ${message}`, {
      status: 503,
      hint: 'Check the URL and that the server runs (chroma run --port 8000); then run the same command again: it resumes.',
    });
  }
}

export async function importChroma(database: Database, embedder: Embedder, options: ChromaImportOptions): Promise<ChromaImportSummary> {
  const started = performance.now();
  const { db } = database;
  const client = chromaClient(options.url);
  const collection = await openCollection(client, options.url, options.collection);
  const source = `chroma:${options.collection}`;
  const pageSize = options.pageSize ?? DEFAULT_CHROMA_PAGE;
  const total = await collection.count();
  const databaseDimensions = await embeddingColumnDimensions(db);
  const recorded = await readEmbedderRecord(db);
  const [sample] = (await collection.get({ limit: 1, include: ['embeddings'] })).embeddings;
  const collectionDimensions = sample?.length ?? null;
  const collectionEmbedder = embeddingFunctionName(collection);
  const keep = !options.reembed && collectionDimensions !== null && collectionDimensions === databaseDimensions;
  if (!options.reembed && collectionDimensions !== null && !keep) {
    options.note?.(
      `the collection's vectors have ${collectionDimensions} dimensions and the database's ${databaseDimensions}: embedding the documents again with ${embedder.name}`,
    );
  }
  const embeddings: ChromaImportSummary['embeddings'] = keep ? 'kept' : options.embedLater ? 'queued' : 'reembedded';
  const embed: EmbedNowOrLater = options.embedLater ? 'later' : (texts) => embedder.embed(texts);

  const matcher = createSkillMatcher(await loadTaxonomy(options.taxonomyFile));
  const toPosting = createRecordMapper({ description: DOCUMENT_KEY, ...options.mapping });
  const referenceDate = (options.referenceDate ?? new Date()).getTime();
  const summary: ChromaImportSummary = {
    url: options.url,
    collection: options.collection,
    source,
    read: 0,
    imported: 0,
    skipped: 0,
    duplicates: 0,
    failed: 0,
    failures: [],
    embeddings,
    collectionDimensions,
    collectionEmbedder,
    databaseEmbedder: recorded ? `${recorded.name} (${recorded.dimensions})` : null,
    seconds: 0,
  };

  for (let offset = 0; offset < total; offset += pageSize) {
    const { ids } = await collection.get({ limit: pageSize, offset, include: [] });
    if (ids.length === 0) break;
    summary.read += ids.length;
    const done = await importedIds(db, source, ids);
    summary.skipped += done.size;
    const wanted = ids.filter((id) => !done.has(id));
    if (wanted.length > 0) {
      const page = await collection.get({ ids: wanted, include: keep ? ['documents', 'metadatas', 'embeddings'] : ['documents', 'metadatas'] });
      const items: PostingItem[] = page.ids.map((id, i) => ({
        kind: 'posting',
        origin: { file: source, line: offset + ids.indexOf(id) + 1 },
        raw: withTitle({ ...toPosting(recordOf(page.metadatas[i] ?? null, page.documents[i] ?? null)), externalId: id }, page.documents[i] ?? null),
      }));
      const prepared = prepareItems(items, { source, referenceDate }, matcher);
      const vectors = new Map<string, Float32Array>();
      const candidates: Candidate[] = [];
      const seen = new Set<string>();
      for (const [i, p] of prepared.entries()) {
        if (p.kind === 'rejected') {
          summary.failed++;
          if (summary.failures.length < MAX_FAILURES_SHOWN) summary.failures.push({ id: page.ids[i]!, reason: `${p.field}: ${p.reason}` });
          continue;
        }
        if (seen.has(p.hash)) {
          summary.duplicates++;
          continue;
        }
        seen.add(p.hash);
        candidates.push(p);
        const vector = keep ? page.embeddings[i] : undefined;
        if (vector) vectors.set(p.key, unitLength(vector));
      }
      const outcome = await writeBatch(database, embed, candidates, vectors);
      summary.imported += outcome.inserted + outcome.updated + outcome.unchanged;
      summary.duplicates += outcome.duplicates;
    }
    options.onProgress?.(Math.min(offset + ids.length, total), total);
  }
  await recordImport(database, summary);
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** The key the document is found under in a record; not a metadata key anyone would use. */
const DOCUMENT_KEY = '(document)';

function recordOf(metadata: Record<string, unknown> | null, document: string | null): SourceRecord {
  const record: Record<string, unknown> = { ...(metadata ?? {}) };
  if (document !== null) record[DOCUMENT_KEY] = document;
  return record as SourceRecord;
}

/** A collection without titles in its metadata: the document's first line is the title, as a reader would take it. */
function withTitle<T extends { title?: string }>(raw: T, document: string | null): T {
  if (raw.title || !document) return raw;
  const first = document.trim().split('\n', 1)[0]!.trim();
  return first ? { ...raw, title: first.slice(0, 200) } : raw;
}

/** Jobsight's vectors are unit length (its distance operators assume it); Chroma's need not be. */
function unitLength(values: readonly number[]): Float32Array {
  const norm = Math.sqrt(values.reduce((a, x) => a + x * x, 0));
  return Float32Array.from(values, (x) => (norm > 0 ? x / norm : x));
}

async function importedIds(db: Database['db'], source: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select external_id as id from jobs where source = ${source} and external_id = any(${sql.param([...ids])}::text[])`,
  );
  return new Set(rows.map((r) => r.id));
}

/** The embedding function Chroma recorded for the collection, else an `embedder` (or `embedding_model`) key of its metadata. */
function embeddingFunctionName(collection: Collection): string | null {
  const ef = (collection.configuration as { embeddingFunction?: { name?: string } | null } | undefined)?.embeddingFunction;
  const meta = collection.metadata as Record<string, unknown> | undefined;
  const named = ef?.name ?? meta?.embedder ?? meta?.embedding_model;
  return typeof named === 'string' ? named : null;
}

/** Where the postings of `chroma:<collection>` came from and what their vectors are, in jobsight_settings. */
async function recordImport(database: Database, s: ChromaImportSummary): Promise<void> {
  const value = {
    url: s.url,
    collection: s.collection,
    embeddings: s.embeddings,
    collectionDimensions: s.collectionDimensions,
    collectionEmbedder: s.collectionEmbedder,
    databaseEmbedder: s.databaseEmbedder,
    importedAt: new Date().toISOString(),
  };
  await database.db
    .insert(settings)
    .values({ key: `import:${s.source}`, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
}
