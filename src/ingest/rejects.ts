/**
 * The reject file: one JSON line per record that was not loaded (`"outcome": "rejected"`) and
 * per value that was cleaned or left out of a loaded record (`"outcome": "flagged"`), with where
 * it was (file:line), which field and why, so a person can fix the input and run the ingest again.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { RecordOrigin } from './raw-posting.ts';

export interface RejectWriter {
  readonly path: string;
  readonly written: number;
  write(origin: RecordOrigin, field: string, reason: string, outcome?: 'rejected' | 'flagged'): void;
  close(): Promise<void>;
}

/** Writes rejects to `path`, creating the file only when there is a first reject. */
export function createRejectWriter(path: string): RejectWriter {
  let stream: WriteStream | undefined;
  let written = 0;
  return {
    path,
    get written() {
      return written;
    },
    write(origin, field, reason, outcome = 'rejected') {
      stream ??= createWriteStream(path, { flags: 'w' });
      stream.write(`${JSON.stringify({ at: `${origin.file}:${origin.line}`, outcome, field, reason })}\n`);
      written++;
    },
    async close() {
      if (!stream) return;
      stream.end();
      await finished(stream);
    },
  };
}
