/**
 * A JSON document holding postings, streamed with stream-json so memory stays flat however many
 * postings it holds. Three shapes:
 *   - a top-level array of postings (or of JSON-LD documents), streamed element by element;
 *   - a JSON-LD document whose `@graph` lists the postings, streamed node by node;
 *   - a single posting object.
 *
 * Origins: stream-json does not track lines, so `origin.line` is the element's 1-based position
 * in the array (in `@graph` for JSON-LD), and 1 for a single object. A syntax error is reported
 * with its real line, found by stream-json's verifier.
 */
import { type Readable, pipeline } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import { verifier } from 'stream-json/utils/verifier.js';
import { JobsightError } from '../../core/errors.ts';
import { graphNodeItems, itemsFor } from './json-ld.ts';
import type { SourceInput, SourceItem } from './source.ts';

type KeyedValue = { key: number; value: unknown };

/**
 * Yields the postings of a JSON file. Objects whose `@type` is something else are reported as
 * error items (in `@graph` they are skipped silently: JSON-LD puts them there on purpose).
 *
 * A document `{ ... }` is read twice when its `@graph` yields no posting (or it has none): once
 * looking for `@graph`, once assembling the whole object. That second pass holds the one object in
 * memory, which is what a single-posting file is.
 *
 * @example
 *   // jobs.json: [{"title": "Nurse", ...}, {"title": "GP", ...}]
 *   for await (const item of readJson(source)) console.log(item.origin.line); // 1, 2
 */
export async function* readJson(source: SourceInput): AsyncGenerator<SourceItem> {
  const start = source.head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()[0];
  if (start === undefined) return;
  if (start !== '[' && start !== '{') {
    throw new JobsightError(`${source.file}: not JSON (it starts with ${JSON.stringify(start)}, not [ or {)`, {
      hint: 'Pass the right --format (csv, tsv, jsonl), or fix the file.',
    });
  }
  let read = 0;
  try {
    if (start === '[') {
      for await (const { key, value } of stream(source, streamArray.asStream())) {
        read += 1;
        yield* itemsFor(value, { file: source.file, line: key + 1 });
      }
      return;
    }
    let postings = 0;
    try {
      for await (const { key, value } of stream(source, pick.asStream({ filter: '@graph' }), streamArray.asStream())) {
        read += 1;
        for (const item of graphNodeItems(value, { file: source.file, line: key + 1 })) {
          postings += 1;
          yield item;
        }
      }
    } catch (error) {
      // "@graph" may be a single object rather than an array; the whole-object pass handles it.
      if (read > 0) throw error;
    }
    // No @graph, or one without postings: the whole-object pass yields the object or says why not.
    if (postings > 0) return;
    for await (const { value } of stream(source, streamValues.asStream())) {
      yield* itemsFor(value, { file: source.file, line: 1 });
    }
  } catch (error) {
    const syntax = await locateSyntaxError(source);
    if (!syntax) throw error;
    yield {
      kind: 'error',
      origin: { file: source.file, line: syntax.line },
      reason: `invalid JSON at column ${syntax.pos}: ${syntax.message}; reading stopped here, after ${read} element(s)`,
    };
  }
}

/** The file's tokens through the given stream-json stages, as `{ key, value }` items. */
function stream(source: SourceInput, ...stages: NodeJS.ReadWriteStream[]): AsyncIterable<KeyedValue> {
  const tokens = parser.asStream({ packValues: true, streamValues: false });
  return pipeline([source.open(), tokens, ...stages], () => {}) as unknown as Readable & AsyncIterable<KeyedValue>;
}

/** Where the file's first JSON syntax error is, or undefined when the JSON is well formed. */
async function locateSyntaxError(source: SourceInput): Promise<{ line: number; pos: number; message: string } | undefined> {
  try {
    await pipelineAsync(source.open(), verifier.asStream(), async (output: AsyncIterable<unknown>) => {
      for await (const _ of output);
    });
    return undefined;
  } catch (error) {
    const { line, pos, message } = error as { line?: unknown; pos?: unknown; message?: string };
    if (typeof line !== 'number') return undefined;
    // The verifier's message repeats the position: "ERROR at 11285 (118, 16): Verifier cannot parse input: expected ':'".
    const reason = (message ?? 'syntax error').replace(/^ERROR at \d+ \(\d+, \d+\): (Verifier cannot parse input: )?/, '');
    return { line, pos: typeof pos === 'number' ? pos : 0, message: reason };
  }
}
