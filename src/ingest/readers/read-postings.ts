/**
 * The one entry point for `jobsight ingest FILE...`: any supported file in, RawPostings out,
 * streamed so memory stays flat. Per-record problems come out as error items beside the postings
 * (for the reject file); only whole-file problems throw.
 */
import type { RawPosting, RecordOrigin } from '../raw-posting.ts';
import { readCsv } from './csv.ts';
import { checkFormat, detectFormat, type InputFormat } from './detect-format.ts';
import { readJson } from './json.ts';
import { readJsonLines } from './jsonl.ts';
import { checkMapping, type FieldMapping } from './mapping-options.ts';
import { createRecordMapper, describeMapping, type MappingDescription } from './mapping.ts';
import { inputError, looksLikeLatin1, openSource, type InputEncoding, type SourceInput, type SourceItem } from './source.ts';

export interface ReadOptions {
  /** Overrides detection (the `--format` flag). */
  format?: InputFormat;
  /** Explicit target → source mapping (the `--map` flag or a mapping file); other targets map by name. */
  mapping?: FieldMapping;
  /** CSV/TSV field delimiter; sniffed from the header line when absent. */
  delimiter?: string;
  /** The files' character encoding; default utf-8. */
  encoding?: InputEncoding;
  /** Told about a whole-file doubt, such as a "UTF-8" file that looks like Latin-1. */
  onWarning?: (message: string) => void;
  /** Called once the file is open, with a way to follow progress through it (for a progress bar). */
  onOpen?: (progress: { size: number; bytesRead: () => number }) => void;
}

export type PostingItem = { kind: 'posting'; raw: RawPosting; origin: RecordOrigin } | { kind: 'error'; origin: RecordOrigin; reason: string };

/**
 * Streams the postings of one file: CSV, TSV, JSON Lines or JSON, each optionally gzipped, the
 * format taken from `options.format`, the extension, or the content.
 *
 * @example
 *   for await (const item of readPostings('jobs.csv.gz', { mapping: { title: 'Job Title' } })) {
 *     if (item.kind === 'posting') save(item.raw);
 *     else reject(`${item.origin.file}:${item.origin.line}: ${item.reason}`);
 *   }
 * @throws JobsightError (on the first iteration) when the file is missing or unreadable, its
 *   format cannot be told, the mapping is invalid, or the data breaks off (damaged gzip).
 */
export async function* readPostings(file: string, options: ReadOptions = {}): AsyncGenerator<PostingItem> {
  const mapping = checkMapping(options.mapping ?? {}, 'mapping');
  const source = await openSource(file, options.encoding);
  const format = detectFormat(file, source.head, options.format === undefined ? undefined : checkFormat(options.format));
  if ((options.encoding ?? 'utf-8') === 'utf-8' && looksLikeLatin1(source.head)) {
    options.onWarning?.(
      `${file}: this is not UTF-8 (it looks like Latin-1 or Windows-1252, where "£" is one byte): characters such as £ would be lost, and the rows holding them are flagged; ` +
        `ingest it with --encoding windows-1252`,
    );
  }
  options.onOpen?.({ size: source.size ?? 0, bytesRead: () => source.bytesRead?.() ?? 0 });
  const toPosting = createRecordMapper(mapping, { requireColumns: isTable(format), file });
  try {
    for await (const item of readItems(source, format, options)) {
      if (item.kind === 'error') yield item;
      else yield { kind: 'posting', raw: toPosting(item.record), origin: item.origin };
    }
  } catch (error) {
    throw inputError(file, error);
  }
}

/**
 * How the file's first record would be mapped, for `ingest --dry-run`; undefined for a file with
 * no records. Reads only up to the first record.
 *
 * @example
 *   const description = await describeFileMapping('glassdoor_jobs.csv');
 *   description?.unmapped; // ['(column 1)', 'Rating', 'Headquarters', ...]
 */
export async function describeFileMapping(file: string, options: ReadOptions = {}): Promise<MappingDescription | undefined> {
  const mapping = checkMapping(options.mapping ?? {}, 'mapping');
  const source = await openSource(file, options.encoding);
  const format = detectFormat(file, source.head, options.format === undefined ? undefined : checkFormat(options.format));
  try {
    for await (const item of readItems(source, format, options)) {
      if (item.kind === 'record') return describeMapping(item.record, mapping, { requireColumns: isTable(format), file });
    }
  } catch (error) {
    throw inputError(file, error);
  }
  return undefined;
}

function readItems(source: SourceInput, format: InputFormat, options: ReadOptions): AsyncGenerator<SourceItem> {
  switch (format) {
    case 'csv':
      return readCsv(source, { delimiter: options.delimiter });
    case 'tsv':
      return readCsv(source, { delimiter: options.delimiter ?? '\t' });
    case 'jsonl':
      return readJsonLines(source);
    case 'json':
      return readJson(source);
  }
}

function isTable(format: InputFormat): boolean {
  return format === 'csv' || format === 'tsv';
}
