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
