/**
 * `ingest --dry-run`: the mapping chosen for each file and its first normalised rows, so a
 * person can check a new file before loading it. Touches no database.
 */
import { normalizePosting } from './normalize/normalize-posting.ts';
import { sourceNameFor } from './pipeline.ts';
import type { FieldMapping } from './readers/mapping-options.ts';
import { describeFileMapping, readPostings } from './readers/read-postings.ts';
import type { INPUT_FORMATS } from './readers/detect-format.ts';
import type { InputEncoding } from './readers/source.ts';

export interface DryRunOptions {
  format?: (typeof INPUT_FORMATS)[number];
  delimiter?: string;
  encoding?: InputEncoding;
  /** Told about a doubtful file (e.g. one that looks like Latin-1 read as UTF-8). */
  onWarning?: (message: string) => void;
  mapping?: FieldMapping;
  source?: string;
  referenceDate?: string;
  currency?: string;
  /** Rows shown per file. */
  limit: number;
}

export async function dryRun(files: readonly string[], options: DryRunOptions) {
  const read = {
    format: options.format,
    delimiter: options.delimiter,
    encoding: options.encoding,
    mapping: options.mapping,
    onWarning: options.onWarning,
  };
  const referenceDate = options.referenceDate ? new Date(`${options.referenceDate}T00:00:00Z`) : new Date();
  const out = [];
  for (const file of files) {
    const mapping = await describeFileMapping(file, read);
    const rows = [];
    for await (const item of readPostings(file, read)) {
      if (rows.length >= options.limit) break;
      const at = `${item.origin.file}:${item.origin.line}`;
      rows.push(
        item.kind === 'error'
          ? { at, rejected: item.reason }
          : {
              at,
              ...normalizePosting(item.raw, { source: options.source ?? sourceNameFor(file), referenceDate, defaultCurrency: options.currency }),
            },
      );
    }
    out.push({ file, mapping, rows });
  }
  return out;
}
