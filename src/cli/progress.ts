/** A progress bar on a terminal (rate and ETA); silent when output is not a TTY or is JSON. */
import cliProgress from 'cli-progress';

export interface Progress {
  /** `done` of `total` units of work (rows, or bytes of input); `rows` processed so far, for the rate. */
  update(done: number, total: number, rows?: number): void;
  stop(): void;
}

export function createProgress(label: string, quiet = false): Progress {
  if (quiet || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    update(done, total, rows = done) {
      const rate = Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001));
      if (!running) {
        bar.start(total, done, { rate, rows });
        running = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { rate, rows });
      }
    },
    stop() {
      if (running) bar.stop();
    },
  };
}
