/**
 * Which reader a file needs: an explicit `--format` wins, then the file name's extension, then
 * the content's first bytes. Also picks the CSV delimiter by counting candidates in the header.
 */
import path from 'node:path';
import { JobsightError } from '../../core/errors.ts';
import { isGzip } from './source.ts';

/** The formats `jobsight ingest` reads; `tsv` is CSV with a tab delimiter. */
export const INPUT_FORMATS = ['csv', 'tsv', 'jsonl', 'json'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** Delimiters considered when none is given, in the order that breaks ties. */
export const CSV_DELIMITERS = [',', '\t', ';', '|'] as const;

const EXTENSIONS: Record<string, InputFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.jsonld': 'json',
};

/**
 * The format a file name promises, ignoring a trailing `.gz`; undefined when it promises none.
 *
 * @example
 *   formatFromExtension('jobs.ndjson.gz'); // 'jsonl'
 *   formatFromExtension('jobs.txt');       // undefined
 */
export function formatFromExtension(file: string): InputFormat | undefined {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  return EXTENSIONS[path.extname(name)];
}

/**
 * Guesses the format from the first (decompressed) bytes: `[` is a JSON array; `{` is JSONL when
 * the first line holds a whole JSON value (or is too long to tell), else pretty-printed JSON;
 * other text is CSV, or TSV when tabs outnumber the other delimiters in the header line.
 * Undefined for binary content (a NUL byte, a ZIP or an Excel file).
 *
 * @example
 *   sniffFormat(Buffer.from('{"title":"Nurse"}\n{"title":"GP"}\n')); // 'jsonl'
 *   sniffFormat(Buffer.from('title\tcompany\nNurse\tNHS\n'));         // 'tsv'
 */
export function sniffFormat(head: Buffer): InputFormat | undefined {
  if (head.includes(0) || isGzip(head)) return undefined;
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) return 'json';
  if (trimmed.startsWith('{')) return looksLikeJsonLines(trimmed) ? 'jsonl' : 'json';
  return sniffDelimiter(text) === '\t' ? 'tsv' : 'csv';
}

/**
 * The delimiter of the header line: whichever of `, \t ; |` occurs most often outside quotes in
 * the first record (ties go to the earlier one in that list; none at all gives `,`, a one-column
 * file).
 *
 * @example
 *   sniffDelimiter('title;company;"city; region"\n'); // ';'
 */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: string = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/**
 * The format to read `file` with. An explicit format always wins. A `.json` name whose content
 * is plainly JSON Lines (two lines that each start with `{`, the first a whole value) is read as
 * JSONL, because exports often name JSON Lines `.json`.
 *
 * @example
 *   detectFormat('jobs.csv.gz', head);         // 'csv'
 *   detectFormat('export', head);              // from the content
 *   detectFormat('export.txt', head, 'tsv');   // 'tsv'
 * @throws JobsightError when neither the name nor the content tells, saying to pass --format.
 */
export function detectFormat(file: string, head: Buffer, explicit?: InputFormat): InputFormat {
  if (explicit !== undefined) return checkFormat(explicit);
  const byName = formatFromExtension(file);
  if (byName === 'json' && sniffFormat(head) === 'jsonl' && countObjectLines(head) >= 2) return 'jsonl';
  if (byName) return byName;
  if (head.length === 0) return 'csv'; // an empty file: any reader yields nothing
  const byContent = sniffFormat(head);
  if (byContent) return byContent;
  const what = head[0] === 0x50 && head[1] === 0x4b ? 'a ZIP archive (an Excel .xlsx?)' : 'not text';
  throw new JobsightError(`${file}: cannot tell the format; the content is ${what}`, {
    hint: 'Save it as CSV, JSON or JSON Lines (optionally gzipped), or pass --format csv|tsv|jsonl|json.',
  });
}

/**
 * Validates a format name from outside (a flag, an API caller).
 *
 * @example checkFormat('jsonl'); // 'jsonl'
 * @throws JobsightError listing the allowed formats.
 */
export function checkFormat(format: string): InputFormat {
  if ((INPUT_FORMATS as readonly string[]).includes(format)) return format as InputFormat;
  throw new JobsightError(`Unknown input format "${format}"`, {
    hint: `Use one of: ${INPUT_FORMATS.join(', ')}.`,
  });
}

function looksLikeJsonLines(text: string): boolean {
  const newline = text.indexOf('\n');
  if (newline === -1) return true; // one long line, or a head cut mid-line: JSONL reads it either way
  try {
    JSON.parse(text.slice(0, newline));
    return true;
  } catch {
    return false;
  }
}

function countObjectLines(head: Buffer): number {
  return head
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('{')).length;
}
