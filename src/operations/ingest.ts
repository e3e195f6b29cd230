/**
 * Ingest: files of postings in, the summary out, with the default index policy applied after
 * the load (so `POST /api/ingest` builds the index as `jobsight ingest` does). `--dry-run` shows
 * the mapping and the first normalised rows of each file and touches no database.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_BATCH_SIZE, DEFAULT_DRY_RUN_ROWS, MAX_BATCH_SIZE, MAX_DRY_RUN_ROWS } from '../core/defaults.ts';
import { InternalError, InvalidInputError } from '../core/errors.ts';
import { choice, isoDate, text, wholeNumber } from '../core/validation.ts';
import { type FindDuplicatesResult, findDuplicates, readClusterState } from '../dupes/index.ts';
import { type IndexBuildResult, applyDefaultIndex } from '../indexes/index.ts';
import { ingestFiles } from '../ingest/pipeline.ts';
import { type FieldMapping, parseMapArgument, readMappingFile } from '../ingest/readers/mapping-options.ts';
import { INPUT_FORMATS } from '../ingest/readers/detect-format.ts';
import { INPUT_ENCODINGS } from '../ingest/readers/source.ts';
import { createRejectWriter } from '../ingest/rejects.ts';
import { summaryAddsUp } from '../ingest/summary.ts';
import { dryRun } from '../ingest/dry-run.ts';
import { pendingCount } from '../embed-queue/index.ts';
import { isDistributed } from '../search/scan-settings.ts';
import { defineOperation } from './operation.ts';

const LOCAL_FILE = 'a file on the machine running the command';

export const IngestInput = z.strictObject({
  files: z.array(text(4096)).min(1, 'needs at least one file').describe('files to load'),
  source: text(100).optional().describe('source name stored with each posting (default: the file name)'),
  format: choice(INPUT_FORMATS).optional().describe('file format (default: from the extension or content)'),
  delimiter: z.string().min(1).max(1).optional().describe('CSV field delimiter (default: detected)'),
  encoding: choice(INPUT_ENCODINGS)
    .default('utf-8')
    .describe('character encoding of the files (latin1 is read as its superset windows-1252); a UTF-8 file that looks like Latin-1 is warned about'),
  map: text(2000).optional().describe('explicit field mapping, e.g. "title=Job Title,company=Employer"'),
  mappingFile: text(4096).optional().describe('JSON mapping file, e.g. {"title": "Job Title"}'),
  referenceDate: isoDate().optional().describe('date relative dates ("30+ days ago") count back from (default: today)'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD or GBP')
    .optional()
    .describe('currency of salaries without one, e.g. USD'),
  taxonomy: text(4096).optional().describe('your own skills taxonomy (JSON), added to the built-in one'),
  batchSize: wholeNumber(1, MAX_BATCH_SIZE).default(DEFAULT_BATCH_SIZE).describe('postings per transaction'),
  rejectFile: text(4096).optional().describe('where rejected records go (default: ./jobsight-rejects-<time>.jsonl, only if any)'),
  indexPolicy: choice(['auto', 'keep', 'rebuild'])
    .default('auto')
    .describe('vector indexes during the load: auto drops and rebuilds them for large loads'),
  autoIndex: z.boolean().default(true).describe('build the default HNSW index when the table outgrows exact search (see `index auto`)'),
  embed: choice(['now', 'later'])
    .default('now')
    .describe('now: embed each batch as it loads; later: load at COPY speed and queue the postings for `jobsight embed` (or `serve`)'),
  threads: wholeNumber(0, 256)
    .optional()
    .describe('worker threads for parsing, skills and embedding; 0: none (default: one per core; none for an input of about two batches or less)'),
  dedupe: z.boolean().default(true).describe('add the new postings to the near-duplicate clusters, when postings have been clustered (`dupes`)'),
  dryRun: z.boolean().default(false).describe('show the mapping and the first normalised rows; load nothing'),
  limit: wholeNumber(1, MAX_DRY_RUN_ROWS).default(DEFAULT_DRY_RUN_ROWS).describe('rows shown by dryRun'),
});
export type IngestInput = z.output<typeof IngestInput>;

function defaultRejectFile(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.resolve(`jobsight-rejects-${stamp}.jsonl`);
}

export const ingestOperation = defineOperation({
  name: 'ingest',
  summary: 'load job postings from CSV, TSV, JSON Lines or JSON / schema.org JobPosting files (optionally .gz)',
  input: IngestInput,
  args: [['files', 'files']],
  cliOnly: {
    mappingFile: LOCAL_FILE,
    taxonomy: LOCAL_FILE,
    rejectFile: 'the API returns the first rejects in its reply',
    threads: 'worker threads of the server are its own to size',
  },
  write: true,
  http: { method: 'post', path: '/api/ingest', upload: { into: 'files', rejects: 'rejectFile' } },
  needsDatabase: (input) => !input.dryRun,
  async run({ database, embedder, progress, note, rerunCommand }, input) {
    if (input.dryRun) {
      const onWarning = (message: string) => note?.(`warning: ${message}`);
      return { dryRun: await dryRun(input.files, { ...input, mapping: await mappingOf(input), onWarning }) };
    }
    if (input.embed === 'later' && (await isDistributed(database.db))) {
      // The queue is filled by triggers that Citus does not allow (see db/citus.ts).
      throw new InvalidInputError('--embed later needs the embedding queue, which a Citus-distributed database does not keep', {
        hint: 'Ingest with embeddings now (the default), or on a single PostgreSQL server.',
      });
    }
    const rejects = createRejectWriter(input.rejectFile ?? defaultRejectFile());
    // Per-file progress, summed: bytes drive the bar (row counts are unknown until read).
    const perFile = new Map<string, { bytes: number; size: number; rows: number }>();
    const sum = (key: 'bytes' | 'size' | 'rows') => [...perFile.values()].reduce((a, p) => a + p[key], 0);
    const summary = await ingestFiles({ database, embedder, rejects, taxonomyFile: input.taxonomy }, input.files, {
      source: input.source,
      format: input.format,
      delimiter: input.delimiter,
      encoding: input.encoding,
      mapping: await mappingOf(input),
      referenceDate: input.referenceDate ? new Date(`${input.referenceDate}T00:00:00Z`) : undefined,
      defaultCurrency: input.currency,
      batchSize: input.batchSize,
      indexPolicy: input.indexPolicy,
      threads: input.threads,
      embed: input.embed,
      resumeCommand: rerunCommand,
      onRetry: ({ attempt, reason }) => note?.(`database connection lost (${reason}); retrying the batch (attempt ${attempt + 1})`),
      onProgress: (p) => {
        perFile.set(p.file, { bytes: p.bytesRead, size: p.totalBytes, rows: p.rows });
        progress?.(sum('bytes'), sum('size'), sum('rows'));
      },
    });
    for (const warning of summary.warnings) note?.(`warning: ${warning}`);
    if (!summaryAddsUp(summary)) throw new InternalError(`ingest summary does not add up: ${JSON.stringify(summary)}`);
    let built: IndexBuildResult | null = null;
    if (input.autoIndex) {
      note?.('checking the default index policy (a first HNSW build can take minutes)...');
      built = await applyDefaultIndex(database);
    }
    const queued = input.embed === 'later' ? { embeddingQueue: await pendingCount(database.db) } : {};
    if (queued.embeddingQueue)
      note?.(`${queued.embeddingQueue} posting(s) wait in the embedding queue: run \`jobsight embed\` (or \`jobsight serve\`) to embed them`);
    // New postings join the near-duplicate clusters, once someone has clustered (`jobsight dupes`):
    // only the postings this load added or changed are examined, each a few index lookups.
    let nearDuplicates: FindDuplicatesResult | null = null;
    if (input.dedupe && (await readClusterState(database.db))) {
      note?.('adding the new postings to the near-duplicate clusters...');
      nearDuplicates = await findDuplicates(database, {});
    }
    return { ...summary, ...queued, indexCreated: built?.name ?? null, indexBuild: built, nearDuplicates };
  },
  // Over the API the file is an upload in a temporary folder: name it as the client did, and
  // send the first rejected records back instead of a path on the server.
  async reply(result, input) {
    const shown = (text: string) => text.replaceAll(path.dirname(input.files[0]!) + path.sep, '');
    if ('dryRun' in result) return JSON.parse(shown(JSON.stringify(result)));
    const { files: _files, rejectFile, indexesDropped: _dropped, indexesRebuilt: _rebuilt, indexBuild: _build, nearDuplicates, ...counts } = result;
    const lines = rejectFile ? (await readFile(rejectFile, 'utf8').catch(() => '')).split('\n').filter(Boolean) : [];
    return {
      ...counts,
      nearDuplicates: nearDuplicates && { examined: nearDuplicates.examined, clusters: nearDuplicates.clusters, clustered: nearDuplicates.clustered },
      rejects: lines.slice(0, MAX_REJECTS_SHOWN).map((line) => JSON.parse(shown(line)) as { at: string; field: string; reason: string }),
    };
  },
});

const MAX_REJECTS_SHOWN = 100;

/** The field mapping from mappingFile and map (the latter wins), or undefined for the automatic one. */
export async function mappingOf(input: Pick<IngestInput, 'map' | 'mappingFile'>): Promise<FieldMapping | undefined> {
  const mapping = { ...(input.mappingFile ? await readMappingFile(input.mappingFile) : {}), ...(input.map ? parseMapArgument(input.map) : {}) };
  return Object.keys(mapping).length > 0 ? mapping : undefined;
}
