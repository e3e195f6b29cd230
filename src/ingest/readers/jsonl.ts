/**
 * JSON Lines (one JSON value per line, also called NDJSON), read line by line so a file of any
 * size uses the memory of its longest line. A broken line is reported and skipped; it never
 * stops the file.
 */
import readline from 'node:readline';
import type { RecordOrigin } from '../raw-posting.ts';
import { itemsFor } from './json-ld.ts';
import type { SourceInput, SourceItem } from './source.ts';

/**
 * Yields each line's posting(s) with the line number as origin. Blank lines are skipped. A line
 * that is not valid JSON yields an error item carrying the JSON parser's message; a line holding a
 * JSON-LD document with `@graph` yields each JobPosting in it, all with that line's number.
 *
 * @example
 *   for await (const item of readJsonLines(source)) {
 *     if (item.kind === 'error') console.warn(`${item.origin.file}:${item.origin.line}: ${item.reason}`);
 *   }
 */
export async function* readJsonLines(source: SourceInput): AsyncGenerator<SourceItem> {
  const input = source.open();
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      const text = lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line;
      if (text.trim() === '') continue;
      const origin: RecordOrigin = { file: source.file, line: lineNumber };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        yield { kind: 'error', origin, reason: `invalid JSON: ${(error as Error).message}; the line was skipped` };
        continue;
      }
      yield* itemsFor(value, origin);
    }
  } finally {
    // Closing readline leaves its input open; a caller that stops early must not leak the file.
    input.destroy();
  }
}
