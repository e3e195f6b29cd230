/**
 * Opening an input file: the checks a person needs a clear message for (missing file, folder,
 * no permission, broken gzip), transparent gzip, and the first bytes for format sniffing.
 * Readers never touch the file system themselves; they receive a `SourceInput`, which tests
 * build from inline text.
 */
import fs from 'node:fs';
import { pipeline, Transform, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { JobsightError } from '../../core/errors.ts';
import type { RecordOrigin } from '../raw-posting.ts';

/** One record as a reader found it: CSV gives `Record<string, string>`, JSON gives parsed objects. */
export type SourceRecord = Record<string, unknown>;

/** What every reader yields: a record with its origin, or a per-record problem that must not stop the file. */
export type SourceItem = { kind: 'record'; record: SourceRecord; origin: RecordOrigin } | { kind: 'error'; origin: RecordOrigin; reason: string };

/** A readable input: its name (for origins), its first bytes, and a way to (re)open it. */
export interface SourceInput {
  /** The path as the user gave it; it appears in every origin. */
  file: string;
  /** Up to `HEAD_BYTES` of the decompressed content, for sniffing; never the whole file. */
  head: Buffer;
  /** A fresh stream of the decompressed bytes. The JSON reader may open twice (see json.ts). */
  open(): Readable;
  /** The file's size on disk (compressed, for gzip), and how much of it the last opened stream has read. */
  size?: number;
  bytesRead?(): number;
}

/**
 * How much of a file format sniffing sees. 64 KiB holds the header and several rows of any CSV
 * we have met, and several NHS JSON-LD lines (about 4 KiB each), while staying cheap to read.
 */
export const HEAD_BYTES = 64 * 1024;

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** Encodings `--encoding` takes. `latin1` is read as Windows-1252, its superset (as browsers do). */
export const INPUT_ENCODINGS = ['utf-8', 'latin1', 'windows-1252'] as const;
export type InputEncoding = (typeof INPUT_ENCODINGS)[number];

/**
 * Turns another encoding's bytes into UTF-8, so every reader sees UTF-8 whatever the file was.
 * TextDecoder in streaming mode keeps a character split across two chunks whole.
 */
function toUtf8(encoding: InputEncoding): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), 'utf8'));
    },
  });
}

/**
 * Whether text said to be UTF-8 is not: the head has byte sequences UTF-8 cannot have. A Latin-1
 * or Windows-1252 export (`£` is the single byte A3) fails this at its first accented letter or
 * pound sign; the last 3 bytes are ignored, as the head may end inside a character.
 *
 * @example looksLikeLatin1(Buffer.from([0xa3, 0x33, 0x30])) // true: "£30" in Latin-1
 */
export function looksLikeLatin1(head: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
    return false;
  } catch {
    return true;
  }
}

/** True when the bytes start with the gzip magic number (1f 8b), whatever the file is called. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/**
 * Checks that `file` can be read and returns a `SourceInput` for it, gunzipping when the content
 * is gzip (by magic number, so `jobs.csv.gz` and a gzipped `jobs.csv` both work).
 *
 * @example
 *   const source = await openSource('../shared/data/glassdoor-ds-2020/glassdoor_jobs.csv');
 *   source.head.subarray(0, 10).toString(); // ',Job Title'
 */
export async function openSource(file: string, encoding: InputEncoding = 'utf-8'): Promise<SourceInput> {
  const size = await checkReadable(file);
  const gzip = isGzip(await readBytes(file, GZIP_MAGIC.length));
  let current: fs.ReadStream | undefined;
  const open = (): Readable => {
    const raw = fs.createReadStream(file);
    current = raw;
    const stages: NodeJS.ReadWriteStream[] = [...(gzip ? [zlib.createGunzip()] : []), ...(encoding === 'utf-8' ? [] : [toUtf8(encoding)])];
    return stages.length === 0 ? raw : (pipeline([raw, ...stages], () => {}) as unknown as Readable);
  };
  let head: Buffer;
  try {
    head = await readHead(open());
  } catch (error) {
    throw inputError(file, error);
  }
  return { file, head, open, size, bytesRead: () => current?.bytesRead ?? 0 };
}

/**
 * Wraps a failure while streaming `file` (I/O, a truncated or corrupt gzip) in an error that
 * names the file and says what to do. Parse problems inside records never come here.
 */
export function inputError(file: string, error: unknown): JobsightError {
  if (error instanceof JobsightError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new JobsightError(`${file}: the gzip data is damaged (${message})`, {
      hint: 'Check that the download finished (gzip -t FILE), or ingest the uncompressed file.',
      cause: error,
    });
  }
  return new JobsightError(`${file}: reading failed: ${message}`, {
    hint: 'Check that the file is complete and readable, then run the command again.',
    cause: error,
  });
}

async function checkReadable(file: string): Promise<number> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
    await fs.promises.access(file, fs.constants.R_OK);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') {
      throw new JobsightError(`${file}: no such file`, {
        hint: `Check the path; relative paths start from ${process.cwd()}.`,
        cause: error,
      });
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new JobsightError(`${file}: no permission to read this file`, {
        hint: 'Make the file readable (chmod +r) or copy it somewhere you can read.',
        cause: error,
      });
    }
    throw inputError(file, error);
  }
  if (stat.isDirectory()) {
    throw new JobsightError(`${file}: is a folder, not a file`, {
      hint: 'Name the files inside it, e.g. `jobsight ingest data/*.csv`.',
    });
  }
  return stat.size;
}

async function readBytes(file: string, count: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The first `HEAD_BYTES` of a stream; the stream is closed afterwards. */
async function readHead(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= HEAD_BYTES) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
}
