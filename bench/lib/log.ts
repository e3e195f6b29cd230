/** Progress lines go to stderr, so stdout stays free for the final table. */
const started = performance.now();

export function progress(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}

/** Seconds since the benchmark started. */
export const elapsedSeconds = (): number => (performance.now() - started) / 1000;
