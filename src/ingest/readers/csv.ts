/**
 * CSV and TSV, streamed through csv-parse: a BOM is dropped, quoted fields may span lines, the
 * first record is the header, and a row that does not fit (wrong field count, broken quoting)
 * becomes an error item while the rest of the file goes on. A quote that is never closed is
 * reported on the line where its row starts, and reading resumes on the line after it.
 */
import readline from 'node:readline';
import { pipeline, Transform } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import { JobsightError } from '../../core/errors.ts';
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
  const delimiter = options.delimiter ?? sniffDelimiter(source.head.toString('utf8'));
  let header: string[] | undefined;
  // Lines of the file already read: a segment after a broken quote starts after them.
  let skip = 0;
  const toItem = (record: string[], line: number): SourceItem => {
    if (record.length !== header!.length) {
      return {
        kind: 'error',
        origin: { file: source.file, line },
        reason: `row has ${record.length} fields but the header has ${header!.length}; check the delimiter and the quoting of this row`,
      };
    }
    const values: Record<string, string> = {};
    for (const [i, name] of header!.entries()) values[name] = record[i] ?? '';
    return { kind: 'record', record: values, origin: { file: source.file, line } };
  };
  for (;;) {
    let resumeAfter: number | undefined;
    // A row spanning lines is held until the next one reads well: if the next is broken, the
    // held row's quote may be the one never closed (it swallowed rows until some later quote).
    let held: { record: string[]; line: number } | undefined;
    for await (const event of readSegment(source, delimiter, skip)) {
      if (event.kind === 'record' && header === undefined) {
        header = columnNames(event.record);
        continue;
      }
      const item = event.kind === 'record' ? toItem(event.record, event.line) : event.kind === 'error' ? event.item : undefined;
      if (held && (item === undefined || item.kind === 'record' || !swallowedRows(held.record, header!.length, delimiter))) {
        yield toItem(held.record, held.line);
        held = undefined;
      }
      if (held) {
        // The held row holds whole rows in a field and the row after it is broken: the held row's quote was never closed.
        yield { kind: 'error', origin: { file: source.file, line: held.line }, reason: UNCLOSED_REASON };
        resumeAfter = held.line;
        held = undefined;
        break;
      }
      if (event.kind === 'unclosed') {
        yield { kind: 'error', origin: { file: source.file, line: event.line }, reason: UNCLOSED_REASON };
        resumeAfter = event.line;
        break;
      }
      if (event.kind === 'record' && event.endLine > event.line && item!.kind === 'record') held = { record: event.record, line: event.line };
      else yield item!;
    }
    if (held) yield toItem(held.record, held.line);
    if (resumeAfter === undefined) return;
    if (header === undefined) {
      throw new JobsightError(`${source.file}:${resumeAfter}: the header line opens a quote that is never closed`, {
        hint: 'Fix the quoting of the first line.',
      });
    }
    skip = resumeAfter;
  }
}

/** Whether a field of `record` holds a line that reads as a whole row of `columns` fields. */
function swallowedRows(record: string[], columns: number, delimiter: string): boolean {
  return record.some((field) => /[\r\n]/.test(field) && field.split(/\r?\n|\r/).some((line) => line.split(delimiter).length === columns));
}

const UNCLOSED_REASON =
  'a quoted field starts on this row and is never closed, so it swallowed the rows after it; the row was skipped and reading resumed on the next line (check the quotes in this row)';

type SegmentEvent =
  | { kind: 'record'; record: string[]; line: number; endLine: number }
  | { kind: 'error'; item: SourceItem }
  /** A quote opened on `line` runs to the end of the file: the caller reads again from the next line. */
  | { kind: 'unclosed'; line: number };

/**
 * Parses the file from line `skip + 1` on. A quote that is never closed makes csv-parse take
 * everything after it as one field and complain only at the end of the file; then this yields
 * `unclosed` with the line where that row started, found by reading the lines after the last
 * good row (csv-parse's error says only where the file ended).
 */
async function* readSegment(source: SourceInput, delimiter: string, skip: number): AsyncGenerator<SegmentEvent> {
  const file = source.file;
  const skipped: SourceItem[] = [];
  const lines = new LineCounter();
  let unclosed = false;
  let lastEnd = skip;
  const parser = parse({
    bom: skip === 0,
    delimiter,
    info: true,
    // We compare each row with the header ourselves, to report it instead of stopping.
    relax_column_count: true,
    // Scraped text has stray quotes inside unquoted fields (`5" screen`); keep them as text.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error?.code === 'CSV_QUOTE_NOT_CLOSED') {
        unclosed = true;
        return undefined;
      }
      const line = skip + lines.correct(typeof error?.lines === 'number' ? error.lines : 0);
      if (error) skipped.push({ kind: 'error', origin: { file, line }, reason: csvReason(error) });
      return undefined;
    },
  });
  const rows = pipeline(skip === 0 ? source.open() : pipeline(source.open(), skipLines(skip), () => {}), parser, () => {}) as AsyncIterable<{
    record: string[];
    info: Info;
  }>;
  for await (const { record, info } of rows) {
    const line = skip + lines.startOf(record, info.lines);
    for (const item of takeSkippedBefore(skipped, line)) yield { kind: 'error', item };
    lastEnd = skip + lines.correct(info.lines);
    yield { kind: 'record', record, line, endLine: lastEnd };
  }
  for (const item of skipped) yield { kind: 'error', item };
  if (unclosed) yield { kind: 'unclosed', line: await firstNonBlankLineAfter(source, lastEnd) };
}

/** Drops the first `count` lines of a byte stream. */
function skipLines(count: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (seen >= count) return done(null, chunk);
      let at = 0;
      while (seen < count) {
        const newline = chunk.indexOf(0x0a, at);
        if (newline === -1) return done();
        seen++;
        at = newline + 1;
      }
      done(null, chunk.subarray(at));
    },
  });
}

/** The number of the first line after `line` that holds more than whitespace (where the next row starts). */
async function firstNonBlankLineAfter(source: SourceInput, line: number): Promise<number> {
  const input = pipeline(source.open(), skipLines(line), () => {});
  const reader = readline.createInterface({ input, crlfDelay: Infinity });
  let n = line;
  try {
    for await (const text of reader) {
      n++;
      if (text.trim() !== '') return n;
    }
  } finally {
    input.destroy();
  }
  return line + 1;
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
