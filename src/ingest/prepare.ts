/**
 * The CPU-bound part of ingest, for one batch: normalise each record, extract its skills, hash
 * its text. Pure and synchronous, so it runs the same in a worker thread or inline.
 */
import { contentHash, embeddingText } from '../jobs/derived.ts';
import type { ValidJobInput } from '../core/posting.ts';
import { jobKey } from './load/staging.ts';
import { normalizePosting } from './normalize/normalize-posting.ts';
import type { RecordOrigin } from './raw-posting.ts';
import type { PostingItem } from './readers/read-postings.ts';
import type { SkillMatcher } from './skills/matcher.ts';

export interface PrepareOptions {
  source: string;
  /** Reference date for relative dates, as epoch ms (it crosses to worker threads). */
  referenceDate: number;
  defaultCurrency?: string;
}

export type Prepared =
  | { kind: 'rejected'; origin: RecordOrigin; field: string; reason: string }
  | {
      kind: 'job';
      origin: RecordOrigin;
      job: ValidJobInput;
      /** sha256 of `text`: equal hashes are exact duplicates. */
      hash: string;
      /** (source, external id) as one string; the external id defaults to the hash. */
      key: string;
      /** What the embedder gets. */
      text: string;
      skills: { name: string; category: string }[];
      /** Values cleaned, doubted or left out, each "field: why" (normalizePosting's flags). */
      flags: string[];
    };

export function prepareItems(items: readonly PostingItem[], options: PrepareOptions, skills: SkillMatcher): Prepared[] {
  const referenceDate = new Date(options.referenceDate);
  return items.map((item): Prepared => {
    if (item.kind === 'error') return { kind: 'rejected', origin: item.origin, field: '(record)', reason: item.reason };
    const result = normalizePosting(item.raw, { source: options.source, referenceDate, defaultCurrency: options.defaultCurrency });
    if (!result.ok) return { kind: 'rejected', origin: item.origin, field: result.field, reason: result.reason };
    const job = result.job as ValidJobInput;
    const hash = contentHash(job);
    return {
      kind: 'job',
      origin: item.origin,
      job,
      hash,
      key: jobKey(job.source, job.externalId ?? hash),
      text: embeddingText(job),
      skills: skills.match(job.title, job.description),
      flags: result.flags,
    };
  });
}
