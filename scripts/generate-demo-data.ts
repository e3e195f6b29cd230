/**
 * Writes generated postings as JSON Lines: the shipped demo data set (`demo/postings.jsonl`,
 * 1,500 postings, seed 42) by default, or a benchmark-sized set with other options.
 *
 *   npx tsx scripts/generate-demo-data.ts                       # regenerate demo/postings.jsonl
 *   npx tsx scripts/generate-demo-data.ts --count 1000000 --seed 7 --out /tmp/1m.jsonl
 *
 * Output is streamed (about 1 MB of lines in memory at a time, writes paused while the stream
 * drains), so a million postings need no more memory than a thousand.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { JobInput } from '../src/core/posting.ts';
import { generatePostings } from '../src/demo/generate-postings.ts';

const DEFAULTS = {
  /** The shipped demo set: big enough for interesting analytics, small enough to ship (~2.4 MB). */
  count: 1500,
  seed: 42,
  out: resolve(dirname(fileURLToPath(import.meta.url)), '../demo/postings.jsonl'),
};

/**
 * Keys in the order they are written, so the file diffs cleanly when the vocabulary changes.
 * The generator already yields this order; writing through the list keeps it true if it ever
 * stops doing so.
 */
const KEY_ORDER: readonly (keyof JobInput)[] = [
  'source',
  'externalId',
  'title',
  'description',
  'company',
  'city',
  'region',
  'country',
  'remoteMode',
  'employmentType',
  'salaryMin',
  'salaryMax',
  'salaryCurrency',
  'salaryPeriod',
  'postedAt',
  'expiresAt',
  'url',
];

function toLine(posting: JobInput): string {
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (posting[key] !== undefined) ordered[key] = posting[key];
  return `${JSON.stringify(ordered)}\n`;
}

function parseOptions(argv: string[]): { count: number; seed: number; out: string } {
  const { values } = parseArgs({
    args: argv,
    options: { count: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const integer = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${text}"`);
    return n;
  };
  return {
    count: integer('count', values.count, DEFAULTS.count),
    seed: integer('seed', values.seed, DEFAULTS.seed),
    out: values.out === undefined ? DEFAULTS.out : resolve(values.out),
  };
}

async function main(): Promise<void> {
  const { count, seed, out } = parseOptions(process.argv.slice(2));
  await mkdir(dirname(out), { recursive: true });
  const file = createWriteStream(out);
  const started = performance.now();
  let bytes = 0;
  // Lines are written in chunks of about 1 MB: one write call per line costs more than generating it.
  let chunk = '';
  const flush = async () => {
    bytes += Buffer.byteLength(chunk);
    if (!file.write(chunk)) await once(file, 'drain');
    chunk = '';
  };
  for (const posting of generatePostings({ count, seed })) {
    chunk += toLine(posting);
    if (chunk.length >= 1_000_000) await flush();
  }
  await flush();
  file.end();
  await once(file, 'finish');
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Wrote ${count.toLocaleString('en-US')} postings (seed ${seed}) to ${out}: ` +
      `${(bytes / 1e6).toFixed(2)} MB in ${seconds.toFixed(1)} s (${Math.round(count / seconds).toLocaleString('en-US')} postings/s)`,
  );
}

main().catch((error: unknown) => {
  console.error(`generate-demo-data: ${error instanceof Error ? error.message : String(error)}`);
  console.error('Usage: npx tsx scripts/generate-demo-data.ts [--count N] [--seed S] [--out FILE]');
  process.exitCode = 1;
});
