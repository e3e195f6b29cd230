import path from 'node:path';
import { Command, Option } from 'commander';
import { JobsightError } from '../../errors.ts';
import { normalizePosting } from '../../ingest/normalize/normalize-posting.ts';
import { defaultThreads } from '../../ingest/cpu-pool.ts';
import { DEFAULT_BATCH_SIZE, ingestFiles, sourceNameFor, type IngestOptions } from '../../ingest/pipeline.ts';
import { createRejectWriter } from '../../ingest/rejects.ts';
import { INPUT_FORMATS } from '../../ingest/readers/detect-format.ts';
import { INPUT_ENCODINGS } from '../../ingest/readers/source.ts';
import { parseMapArgument, readMappingFile, type FieldMapping } from '../../ingest/readers/mapping-options.ts';
import { formatMappingDescription } from '../../ingest/readers/mapping.ts';
import { describeFileMapping, readPostings } from '../../ingest/readers/read-postings.ts';
import { summaryAddsUp, type IngestSummary } from '../../ingest/summary.ts';
import { applyDefaultIndex } from '../../search/default-index.ts';
import type { IndexBuildResult } from '../../search/indexes.ts';
import { globalOptions, withDatabase } from '../context.ts';
import { printFacts, printJson } from '../output.ts';
import { nonNegativeInt, positiveInt } from '../parse.ts';
import { createProgress } from '../progress.ts';

interface IngestFlags {
  source?: string;
  format?: IngestOptions['format'];
  delimiter?: string;
  encoding?: IngestOptions['encoding'];
  map?: string;
  mappingFile?: string;
  referenceDate?: string;
  currency?: string;
  taxonomy?: string;
  batchSize: number;
  rejectFile?: string;
  indexPolicy: IngestOptions['indexPolicy'];
  autoIndex: boolean;
  dryRun?: boolean;
  threads?: number;
  limit: number;
}

function referenceDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime())) {
    throw new JobsightError(`--reference-date takes a date as YYYY-MM-DD, got "${value}"`);
  }
  return date;
}

async function mappingFrom(flags: IngestFlags): Promise<FieldMapping | undefined> {
  const fromFile = flags.mappingFile ? await readMappingFile(flags.mappingFile) : {};
  const fromFlag = flags.map ? parseMapArgument(flags.map) : {};
  const mapping = { ...fromFile, ...fromFlag };
  return Object.keys(mapping).length > 0 ? mapping : undefined;
}

/** This very command line, quoted for a POSIX shell: an ingest that stops says to run it again. */
function resumeCommand(): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['jobsight', ...process.argv.slice(2)].map(quote).join(' ');
}

function defaultRejectFile(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.resolve(`jobsight-rejects-${stamp}.jsonl`);
}

/** `--dry-run`: the mapping chosen for each file and its first normalised rows; touches no database. */
async function dryRun(files: string[], flags: IngestFlags, json: boolean): Promise<void> {
  const mapping = await mappingFrom(flags);
  const read = { format: flags.format, delimiter: flags.delimiter, encoding: flags.encoding, mapping, onWarning: (m: string) => process.stderr.write(`warning: ${m}\n`) };
  const out = [];
  for (const file of files) {
    const description = await describeFileMapping(file, read);
    const rows = [];
    for await (const item of readPostings(file, read)) {
      if (rows.length >= flags.limit) break;
      rows.push(
        item.kind === 'error'
          ? { at: `${item.origin.file}:${item.origin.line}`, rejected: item.reason }
          : {
              at: `${item.origin.file}:${item.origin.line}`,
              ...normalizePosting(item.raw, {
                source: flags.source ?? sourceNameFor(file),
                referenceDate: referenceDate(flags.referenceDate) ?? new Date(),
                defaultCurrency: flags.currency,
              }),
            },
      );
    }
    out.push({ file, mapping: description, rows });
  }
  if (json) return printJson(out);
  for (const { file, mapping: description, rows } of out) {
    console.log(`${file}\nmapping:`);
    for (const line of description ? formatMappingDescription(description) : ['(no records)']) console.log(`  ${line}`);
    console.log(`first ${rows.length} normalised row(s):`);
    // Descriptions shortened for reading; --json shows them whole.
    const short = (_key: string, value: unknown) => (typeof value === 'string' && value.length > 300 ? `${value.slice(0, 300)}…` : value);
    for (const row of rows) console.log(JSON.stringify(row, short, 2));
  }
}

function printSummary(summary: IngestSummary, built: IndexBuildResult | null): void {
  const rate = summary.seconds > 0 ? Math.round(summary.read / summary.seconds) : 0;
  printFacts({
    read: summary.read,
    inserted: summary.inserted,
    updated: summary.updated,
    unchanged: summary.unchanged,
    duplicates: summary.duplicates,
    rejected: summary.rejected,
    flagged: `${summary.flagged} (loaded with ${summary.flaggedValues} value(s) cleaned or left out; listed in the reject file)`,
    'salaries flagged': `${summary.salariesFlagged} (loaded, kept out of annualised figures)`,
    embedded: summary.embedded,
    time: `${summary.seconds.toFixed(1)} s (${rate.toLocaleString('en-US')} rows/s)`,
    ...(summary.indexesRebuilt.length ? { 'indexes rebuilt': summary.indexesRebuilt } : {}),
    ...(built ? { 'index created': `${built.name} in ${(built.milliseconds / 1000).toFixed(1)} s (the table outgrew exact search)` } : {}),
    ...(summary.rejectFile ? { 'reject file': summary.rejectFile } : {}),
  });
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('load job postings from CSV, TSV, JSON Lines or JSON / schema.org JobPosting files (optionally .gz)')
    .argument('<files...>', 'files to load')
    .option('--source <name>', 'source name stored with each posting (default: the file name)')
    .addOption(new Option('--format <format>', 'file format (default: from the extension or content)').choices(INPUT_FORMATS))
    .option('--delimiter <char>', 'CSV field delimiter (default: detected)')
    .addOption(new Option('--encoding <name>', 'character encoding of the files (latin1 is read as its superset windows-1252)').choices(INPUT_ENCODINGS).default('utf-8'))
    .option('--map <pairs>', 'explicit field mapping, e.g. "title=Job Title,company=Employer"')
    .option('--mapping-file <file>', 'JSON mapping file, e.g. {"title": "Job Title"}')
    .option('--reference-date <date>', 'date relative dates ("30+ days ago") count back from (default: today)')
    .option('--currency <code>', 'currency of salaries without one, e.g. USD')
    .option('--taxonomy <file>', 'your own skills taxonomy (JSON), added to the built-in one')
    .option('--batch-size <n>', 'postings per transaction', positiveInt('--batch-size', 100_000), DEFAULT_BATCH_SIZE)
    .option('--reject-file <file>', 'where rejected records go (default: ./jobsight-rejects-<time>.jsonl, only if any)')
    .addOption(
      new Option('--index-policy <policy>', 'vector indexes during the load: auto drops and rebuilds them for large loads')
        .choices(['auto', 'keep', 'rebuild'])
        .default('auto'),
    )
    .option('--no-auto-index', 'do not build the default HNSW index when the table outgrows exact search (see `index auto`)')
    .option('--threads <n>', `worker threads for parsing, skills and embedding; 0: none (default ${defaultThreads()}, one per core; none for inputs under 1 MB)`, nonNegativeInt('--threads'))
    .option('--dry-run', 'show the mapping and the first normalised rows; load nothing')
    .option('--limit <n>', 'rows shown by --dry-run', positiveInt('--limit', 1000), 3)
    .action(async (files: string[], flags: IngestFlags, command: Command) => {
      const json = Boolean(globalOptions(command).json);
      if (flags.dryRun) return dryRun(files, flags, json);
      const mapping = await mappingFrom(flags);
      await withDatabase(command, async ({ database, embedder }) => {
        const progress = createProgress('ingesting', json);
        const rejects = createRejectWriter(flags.rejectFile ?? defaultRejectFile());
        // Per-file progress, summed: bytes drive the bar (row counts are unknown until read).
        const perFile = new Map<string, { bytes: number; size: number; rows: number }>();
        const sum = (key: 'bytes' | 'size' | 'rows') => [...perFile.values()].reduce((a, p) => a + p[key], 0);
        const summary = await ingestFiles({ database, embedder, rejects, taxonomyFile: flags.taxonomy }, files, {
          source: flags.source,
          format: flags.format,
          delimiter: flags.delimiter,
          encoding: flags.encoding,
          mapping,
          referenceDate: referenceDate(flags.referenceDate),
          defaultCurrency: flags.currency,
          batchSize: flags.batchSize,
          indexPolicy: flags.indexPolicy,
          threads: flags.threads,
          resumeCommand: resumeCommand(),
          onRetry: ({ attempt, reason }) => process.stderr.write(`database connection lost (${reason}); retrying the batch (attempt ${attempt + 1})\n`),
          onProgress: (p) => {
            perFile.set(p.file, { bytes: p.bytesRead, size: p.totalBytes, rows: p.rows });
            progress.update(sum('bytes'), sum('size'), sum('rows'));
          },
        });
        progress.stop();
        for (const warning of summary.warnings) process.stderr.write(`warning: ${warning}\n`);
        if (!summaryAddsUp(summary)) throw new Error(`ingest summary does not add up: ${JSON.stringify(summary)}`);
        if (flags.autoIndex && !json) process.stderr.write('checking the default index policy (a first HNSW build can take minutes)...\n');
        const built = flags.autoIndex ? await applyDefaultIndex(database) : null;
        if (json) return printJson({ ...summary, indexCreated: built?.name ?? null });
        printSummary(summary, built);
      });
    });
}
