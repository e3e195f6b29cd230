/**
 * The corpus statistics SIF needs, computed once from real job postings by
 * `scripts/sif-statistics.ts` and shipped in `sif-statistics.json`: each word's probability p(w)
 * in postings and the common component (first principal direction) of posting vectors. They are
 * fixed, versioned with the embedder's name, so a posting's vector never changes as the user's
 * own data grows.
 */
import { readFileSync } from 'node:fs';

export interface SifStatistics {
  /** Part of the embedder's name: a new table is a new name. */
  name: string;
  /** SIF's smoothing constant: a word weighs a / (a + p(w)). */
  a: number;
  /** p(w) for words common enough that their weight is below ~0.998; any other word weighs ~1. */
  probabilities: Map<string, number>;
  /** Unit vector removed from every sentence vector (100 numbers). */
  commonComponent: Float64Array;
}

/** The JSON file's shape. */
export interface SifStatisticsFile {
  name: string;
  source: string;
  a: number;
  commonComponent: number[];
  probabilities: Record<string, number>;
}

export function parseStatistics(file: SifStatisticsFile): SifStatistics {
  return {
    name: file.name,
    a: file.a,
    probabilities: new Map(Object.entries(file.probabilities)),
    commonComponent: Float64Array.from(file.commonComponent),
  };
}

export const STATISTICS_FILE = new URL('./sif-statistics.json', import.meta.url);

export const SIF_STATISTICS: SifStatistics = parseStatistics(JSON.parse(readFileSync(STATISTICS_FILE, 'utf8')) as SifStatisticsFile);
