/**
 * CSV and TSV, streamed through csv-parse: a BOM is dropped, quoted fields may span lines, the
 * first record is the header, and a row that does not fit (wrong field count, broken quoting)
 * becomes an error item while the rest of the file goes on.
 */
import { pipeline } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import { sniffDelimiter } from './detect-format.ts';
import type { SourceInput, SourceItem } from './source.ts';

export interface CsvOptions {
  /** Field delimiter; when absent, sniffed from the header line among `, \t ; |`. */
  delimiter?: string;
}

/**
 * Yields `{ kind: 'record', record, origin }` per data row, `record` keyed by the header's column
 * names. An empty header cell becomes `(column N)` and a repeated name `Name (2)`, so no value is
 * lost. `origin.line` is the physical line where the row starts.
 *
 * @example
 *   for await (const item of readCsv(source)) {
 *     if (item.kind === 'record') console.log(item.origin.line, item.record['Job Title']);
 *   }
 */
export async function* readCsv(source: SourceInput, options: CsvOptions = {}): AsyncGenerator<SourceItem> {
  const file = source.file;
  const skipped: SourceItem[] = [];
  const lines = new LineCounter();
  const parser = parse({
    bom: true,
    delimiter: options.delimiter ?? sniffDelimiter(source.head.toString('utf8')),
    info: true,
    // We compare each row with the header ourselves, to report it instead of stopping.
    relax_column_count: true,
    // Scraped text has stray quotes inside unquoted fields (`5" screen`); keep them as text.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const line = lines.correct(typeof error?.lines === 'number' ? error.lines : 0);
      if (error) skipped.push({ kind: 'error', origin: { file, line }, reason: csvReason(error) });
      return undefined;
    },
  });
  const rows = pipeline(source.open(), parser, () => {}) as AsyncIterable<{ record: string[]; info: Info }>;

  let header: string[] | undefined;
  for await (const { record, info } of rows) {
    const line = lines.startOf(record, info.lines);
    yield* takeSkippedBefore(skipped, line);
    if (header === undefined) {
      header = columnNames(record);
      continue;
    }
    if (record.length !== header.length) {
      yield {
        kind: 'error',
        origin: { file, line },
        reason: `row has ${record.length} fields but the header has ${header.length}; check the delimiter and the quoting of this row`,
      };
      continue;
    }
    const values: Record<string, string> = {};
    for (const [i, name] of header.entries()) values[name] = record[i] ?? '';
    yield { kind: 'record', record: values, origin: { file, line } };
  }
  yield* skipped;
}

/**
 * csv-parse's `info.lines` is the line where a record ends, and it counts a CRLF inside a quoted
 * field as two lines (a CRLF between records as one). We undo that drift, then step back over the
 * line breaks inside the row to find the line where it starts.
 */
class LineCounter {
  private crlfInFields = 0;

  startOf(fields: string[], parserEndLine: number): number {
    let breaks = 0;
    for (const field of fields) {
      breaks += countMatches(field, /\r\n|\r|\n/g);
      this.crlfInFields += countMatches(field, /\r\n/g);
    }
    return parserEndLine - this.crlfInFields - breaks;
  }

  correct(parserLine: number): number {
    return parserLine - this.crlfInFields;
  }
}

function countMatches(text: string, pattern: RegExp): number {
  if (!text.includes('\n') && !text.includes('\r')) return 0;
  return text.match(pattern)?.length ?? 0;
}

function* takeSkippedBefore(skipped: SourceItem[], line: number): Generator<SourceItem> {
  while (skipped.length > 0 && (skipped[0]?.origin.line ?? Infinity) < line) yield skipped.shift()!;
}

function columnNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, i) => {
    const name = raw.trim() === '' ? `(column ${i + 1})` : raw;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}

/** csv-parse's message without its own line number, which our origin replaces. */
function csvReason(error: CsvError): string {
  return `${error.message.replace(/ (at|on) line \d+/, '')}; the row was skipped`;
}
