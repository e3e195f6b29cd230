/**
 * Timing loops shared by the measurements: a warm-up pass, then repeated timed passes, each
 * summarised on its own; the report shows the median of the passes.
 */
import { medianOf, summarize, type LatencySummary } from './stats.ts';

/** Milliseconds `fn` took, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

export interface PassResult<R> {
  /** Median over the timed passes of each pass's p50, p95 and QPS. */
  latency: LatencySummary;
  /** What each query returned in the last pass (for recall). */
  results: R[];
}

/**
 * Runs `query` over every input once to warm up, then `passes` timed passes in sequence
 * (one client), and summarises each pass.
 */
export async function queryPasses<Q, R>(inputs: readonly Q[], passes: number, query: (input: Q) => Promise<R>): Promise<PassResult<R>> {
  for (const input of inputs) await query(input);
  const summaries: LatencySummary[] = [];
  let results: R[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const latencies: number[] = [];
    results = [];
    for (const input of inputs) {
      const { ms, result } = await timed(() => query(input));
      latencies.push(ms);
      results.push(result);
    }
    summaries.push(summarize(latencies));
  }
  return { latency: medianOf(summaries), results };
}

/**
 * Like queryPasses for several systems at once, interleaved: for each input every system runs
 * in turn (the order rotating from one input to the next), so drift in the machine's load
 * (other processes on 2 cores) falls on every system alike instead of on whichever ran last.
 * One untimed warm-up pass of every system first, unless `warmUp` is false (exact scans of a
 * million rows take seconds each and read the whole table anyway).
 * @example const { bare, jobsight } = await interleavedPasses(queries, 3, { bare: runBare, jobsight: runJobsight });
 */
export async function interleavedPasses<Q, R, S extends string>(
  inputs: readonly Q[],
  passes: number,
  systems: Record<S, (input: Q) => Promise<R>>,
  { warmUp = true }: { warmUp?: boolean } = {},
): Promise<Record<S, PassResult<R>>> {
  const names = Object.keys(systems) as S[];
  const rotation = (i: number) => names.map((_, j) => names[(i + j) % names.length]!);
  if (warmUp) for (const [i, input] of inputs.entries()) for (const name of rotation(i)) await systems[name](input);
  const summaries = Object.fromEntries(names.map((n) => [n, [] as LatencySummary[]])) as Record<S, LatencySummary[]>;
  const results = Object.fromEntries(names.map((n) => [n, [] as R[]])) as Record<S, R[]>;
  for (let pass = 0; pass < passes; pass++) {
    const latencies = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<S, number[]>;
    for (const name of names) results[name] = [];
    for (const [i, input] of inputs.entries()) {
      for (const name of rotation(i + pass)) {
        const { ms, result } = await timed(() => systems[name](input));
        latencies[name].push(ms);
        results[name].push(result);
      }
    }
    for (const name of names) summaries[name].push(summarize(latencies[name]));
  }
  return Object.fromEntries(names.map((n) => [n, { latency: medianOf(summaries[n]), results: results[n] }])) as Record<S, PassResult<R>>;
}
