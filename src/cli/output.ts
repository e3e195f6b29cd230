/** Printing results: a readable table on a terminal, or JSON for scripts (--json). */
import Table from 'cli-table3';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints rows as a table; `columns` maps a header to how a cell is read from a row. */
export function printTable<T>(rows: readonly T[], columns: Record<string, (row: T) => unknown>): void {
  // Colours only on a terminal, so piped output stays plain text.
  const colour = Boolean(process.stdout.isTTY);
  const table = new Table({ head: Object.keys(columns), style: colour ? { head: ['cyan'] } : { head: [], border: [] }, wordWrap: true });
  for (const row of rows) table.push(Object.values(columns).map((cell) => formatCell(cell(row))));
  process.stdout.write(`${table.toString()}\n`);
}

/** Prints "key: value" pairs, aligned. */
export function printFacts(facts: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(facts).map((k) => k.length));
  for (const [key, value] of Object.entries(facts)) {
    process.stdout.write(`${`${key}:`.padEnd(width + 2)}${formatCell(value)}\n`);
  }
}

export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().replace('T', ' ').slice(0, 19);
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(3);
  return String(value);
}

export function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** "£38,890–£44,503 / year" from a job's salary fields. */
export function formatSalary(job: {
  salaryMin: number | null;
  salaryMax: number | null;
  salaryCurrency: string | null;
  salaryPeriod: string | null;
}): string {
  if (job.salaryMin === null && job.salaryMax === null) return '';
  const fmt = (n: number | null) =>
    n === null ? '?' : new Intl.NumberFormat('en', { style: 'currency', currency: job.salaryCurrency ?? 'XXX', maximumFractionDigits: 0 }).format(n);
  const range = job.salaryMin === job.salaryMax ? fmt(job.salaryMin) : `${fmt(job.salaryMin)}–${fmt(job.salaryMax)}`;
  return job.salaryPeriod ? `${range} / ${job.salaryPeriod}` : range;
}
