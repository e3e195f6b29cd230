/**
 * Streams a request body to a file, counting bytes as they arrive, so an upload is never held in
 * memory and one larger than the limit is cut off (413) as soon as it passes the limit, whether
 * or not it declared its length.
 */
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { JobsightError } from '../core/errors.ts';

export function tooLarge(limit: number): JobsightError {
  return new JobsightError(`the upload is larger than the limit of ${limit.toLocaleString('en')} bytes`, {
    hint: 'Split the file, or raise JOBSIGHT_MAX_UPLOAD_BYTES on the server. `jobsight ingest FILE` loads large files directly.',
    status: 413,
  });
}

/** Writes `body` to `file`; returns the byte count. Throws a 413 JobsightError past `limit` bytes. */
export async function streamToFile(body: ReadableStream<Uint8Array> | null, file: string, limit: number): Promise<number> {
  if (!body) throw new JobsightError('the upload is empty', { hint: 'Send the file as the request body, e.g. curl --data-binary @postings.jsonl' });
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > limit ? tooLarge(limit) : null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), counter, createWriteStream(file));
  if (bytes === 0)
    throw new JobsightError('the upload is empty', { hint: 'Send the file as the request body, e.g. curl --data-binary @postings.jsonl' });
  return bytes;
}
