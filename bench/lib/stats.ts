/**
 * Pure statistics the benchmark reports: percentiles, recall, and the median of repeated runs.
 * No timing here, so the test suite can check them exactly.
 */

/**
 * The p-th percentile (0..100) of `values` by linear interpolation between closest ranks
 * (the method of numpy's default and most spreadsheets), so p50 of [1, 2, 3, 4] is 2.5.
 * @example percentile([10, 20, 30], 95) // 29
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** @example median([3, 1, 2]) // 2 */
export const median = (values: readonly number[]): number => percentile(values, 50);

export const mean = (values: readonly number[]): number => {
  if (values.length === 0) throw new RangeError('mean of no values');
  return values.reduce((a, b) => a + b, 0) / values.length;
};

/**
 * Recall@k that counts ties as found: a returned hit counts when its distance is at most the
 * exact k-th distance plus `epsilon`, so of several rows at the same distance as the k-th, any
 * one is as right as another. Generated postings are templated and the NHS set has repeats, so
 * exact ties are common and an id comparison would penalise whichever system breaks them
 * differently. Distances must come from one computation for every system (the benchmark
 * recomputes them with the exact scan's SQL expression). The divisor is min(k, |truth|), since
 * a selective filter can leave fewer than k rows, and finding them all is recall 1; an empty truth
 * (nothing matches) is recall 1: there was nothing to miss.
 * @example recallWithTies([0.1, 0.3, 0.3], [0.1, 0.2, 0.3], 3) // 1: the 0.3s tie with the 3rd
 * @example recallWithTies([0.1, 0.4], [0.1, 0.2], 2) // 0.5
 */
export function recallWithTies(foundDistances: readonly number[], truthDistances: readonly number[], k: number, epsilon = 1e-9): number {
  const expected = Math.min(k, truthDistances.length);
  if (expected === 0) return 1;
  const limit = Math.max(...truthDistances.slice(0, expected)) + epsilon;
  let hits = 0;
  for (const d of foundDistances.slice(0, k)) if (d <= limit) hits++;
  return Math.min(hits, expected) / expected;
}

/** Latency summary of one pass over the queries, in milliseconds; QPS is sequential (one client). */
export type LatencySummary = {
  p50: number;
  p95: number;
  qps: number;
};

export function summarize(latenciesMs: readonly number[]): LatencySummary {
  return { p50: percentile(latenciesMs, 50), p95: percentile(latenciesMs, 95), qps: 1000 / mean(latenciesMs) };
}

/** The median of each field over repeated passes: the figure the report shows. */
export function medianOf<T extends { [key: string]: number }>(runs: readonly T[]): T {
  if (runs.length === 0) throw new RangeError('median of no runs');
  const out: Record<string, number> = {};
  for (const key of Object.keys(runs[0]!)) out[key] = median(runs.map((r) => r[key] as number));
  return out as T;
}

/** b / a, or null when either is missing or a is 0: ratios in the report are "x times". */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || a === 0) return null;
  return b / a;
}
