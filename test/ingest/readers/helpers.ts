/** Shared by the reader tests: inline sources, temporary files, and collecting async items. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { HEAD_BYTES, type SourceInput } from '../../../src/ingest/readers/source.ts';

/** A SourceInput over inline text, as `openSource` would build for an uncompressed file. */
export function sourceFromText(file: string, text: string | Buffer): SourceInput {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  // Small chunks, so records and lines cross chunk boundaries as they do in real files.
  const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
  return { file, head: bytes.subarray(0, HEAD_BYTES), open: () => Readable.from(chunks) };
}

/** Everything an async iterable yields. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function temporaryFolder(): { dir: string; write(name: string, content: string | Buffer): string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobsight-readers-'));
  return {
    dir,
    write(name, content) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The shared real data set, beside the project root (see /work/shared/data/README.md). */
export const SHARED_DATA = path.resolve(import.meta.dirname, '../../../../shared/data');
