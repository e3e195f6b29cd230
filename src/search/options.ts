/**
 * The options every search shares, as zod schemas with their defaults and limits: the query
 * text, how many hits, the distance metric and the per-query index settings. Each search's own
 * options schema is built from these, and the operations (src/operations) reuse them, so the
 * library, the CLI and the API refuse the same input with the same words.
 */
import { DEFAULT_EF_SEARCH, DEFAULT_K, DEFAULT_METRIC, MAX_EF_SEARCH, MAX_K, MAX_PROBES, MAX_QUERY_CHARS } from '../core/defaults.ts';
import { choice, longText, wholeNumber } from '../core/validation.ts';

export const METRICS = ['cosine', 'l2', 'ip'] as const;
export type Metric = (typeof METRICS)[number];

/** What to look for; text search understands "quoted phrases", OR and -term. */
export const searchText = () => longText(MAX_QUERY_CHARS);

/** How many hits, 1 to MAX_K. */
export const hitCount = () => wholeNumber(1, MAX_K).default(DEFAULT_K).describe(`how many results (1 to ${MAX_K})`);

export const metric = () => choice(METRICS).default(DEFAULT_METRIC).describe('vector distance');

/** Per-query index settings (scan-settings.ts applies them). */
export const efSearch = () =>
  wholeNumber(1, MAX_EF_SEARCH).describe(`HNSW ef_search for this query (default ${DEFAULT_EF_SEARCH}; pgvector's own is 40)`);
export const probes = () => wholeNumber(1, MAX_PROBES).describe('IVFFlat lists scanned for this query (pgvector default 1)');

/** The scan settings every vector search takes, as one shape to spread into an options schema. */
export const scanOptions = () => ({ efSearch: efSearch().optional(), probes: probes().optional() });

export type ScanOptions = { efSearch?: number; probes?: number };
