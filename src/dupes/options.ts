/** The options of near-duplicate clustering, with their defaults and limits (core/defaults.ts). */
import { z } from 'zod';
import {
  DEFAULT_DUPES_LIST,
  DEFAULT_DUPES_MAX_DISTANCE,
  DEFAULT_DUPES_NEIGHBOURS,
  DEFAULT_DUPES_SIMILARITY,
  MAX_DUPES_NEIGHBOURS,
  MAX_LIST_LIMIT,
} from '../core/defaults.ts';
import { nonNegativeNumber, wholeNumber } from '../core/validation.ts';

/**
 * How two postings are judged the same job: near by embedding, then alike in text. Each is
 * optional: a run without it keeps what the last run used (state.ts), else the default.
 */
export const CLUSTER_FIELDS = {
  similarity: nonNegativeNumber(1)
    .optional()
    .describe(
      `trigram similarity of title + description (0 to 1) that confirms two postings as one job (default ${DEFAULT_DUPES_SIMILARITY}, or the last run's)`,
    ),
  maxDistance: nonNegativeNumber(2)
    .optional()
    .describe(
      `cosine distance within which a neighbour is a candidate; the similarity decides (default ${DEFAULT_DUPES_MAX_DISTANCE}, or the last run's)`,
    ),
  neighbours: wholeNumber(1, MAX_DUPES_NEIGHBOURS)
    .optional()
    .describe(`nearest postings examined per posting, 1 to ${MAX_DUPES_NEIGHBOURS} (default ${DEFAULT_DUPES_NEIGHBOURS}, or the last run's)`),
};

export interface ClusterOptions {
  similarity: number;
  maxDistance: number;
  neighbours: number;
}

export const CLUSTER_DEFAULTS: ClusterOptions = {
  similarity: DEFAULT_DUPES_SIMILARITY,
  maxDistance: DEFAULT_DUPES_MAX_DISTANCE,
  neighbours: DEFAULT_DUPES_NEIGHBOURS,
};

export const FindDuplicatesOptions = z.strictObject({
  ...CLUSTER_FIELDS,
  rebuild: z.boolean().default(false).describe('forget the clusters and examine every posting again (else only postings changed since the last run)'),
});
export type FindDuplicatesInput = z.input<typeof FindDuplicatesOptions>;

export const listLimit = () =>
  wholeNumber(1, MAX_LIST_LIMIT).default(DEFAULT_DUPES_LIST).describe(`clusters listed, largest first (1 to ${MAX_LIST_LIMIT})`);
