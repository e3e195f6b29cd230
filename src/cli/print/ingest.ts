/** How an ingest summary and a dry run look on a terminal. */
import type { FindDuplicatesResult } from '../../dupes/index.ts';
import type { IndexBuildResult } from '../../indexes/index.ts';
import type { dryRun } from '../../ingest/dry-run.ts';
import { formatMappingDescription } from '../../ingest/readers/mapping.ts';
import type { IngestSummary } from '../../ingest/summary.ts';
import { printFacts } from '../output.ts';
import type { Printer } from './printer.ts';

type Result =
  | { dryRun: Awaited<ReturnType<typeof dryRun>> }
  | (IngestSummary & {
      embeddingQueue?: number;
      indexCreated: string | null;
      indexBuild: IndexBuildResult | null;
      nearDuplicates: FindDuplicatesResult | null;
    });

function printDryRun(files: Awaited<ReturnType<typeof dryRun>>): void {
  for (const { file, mapping, rows } of files) {
    console.log(`${file}\nmapping:`);
    for (const line of mapping ? formatMappingDescription(mapping) : ['(no records)']) console.log(`  ${line}`);
    console.log(`first ${rows.length} normalised row(s):`);
    // Descriptions shortened for reading; --json shows them whole.
    const short = (_key: string, value: unknown) => (typeof value === 'string' && value.length > 300 ? `${value.slice(0, 300)}…` : value);
    for (const row of rows) console.log(JSON.stringify(row, short, 2));
  }
}

export const ingest: Printer = {
  progress: 'ingesting',
  json(result: Result) {
    if ('dryRun' in result) return result.dryRun;
    const { indexBuild: _build, ...summary } = result;
    return summary;
  },
  print(result: Result) {
    if ('dryRun' in result) return printDryRun(result.dryRun);
    const summary = result;
    const built = result.indexBuild;
    const near = result.nearDuplicates;
    const rate = summary.seconds > 0 ? Math.round(summary.read / summary.seconds) : 0;
    printFacts({
      read: summary.read,
      inserted: summary.inserted,
      updated: summary.updated,
      unchanged: summary.unchanged,
      duplicates: summary.duplicates,
      rejected: summary.rejected,
      flagged: `${summary.flagged} (loaded with ${summary.flaggedValues} value(s) cleaned or left out; listed in the reject file)`,
      'salaries flagged': `${summary.salariesFlagged} (loaded, kept out of annualised figures)`,
      embedded: summary.embedded,
      ...(summary.embeddingQueue !== undefined ? { 'embedding queue': `${summary.embeddingQueue} posting(s) waiting (jobsight embed)` } : {}),
      time: `${summary.seconds.toFixed(1)} s (${rate.toLocaleString('en-US')} rows/s)`,
      ...(summary.indexesRebuilt.length ? { 'indexes rebuilt': summary.indexesRebuilt } : {}),
      ...(built ? { 'index created': `${built.name} in ${(built.milliseconds / 1000).toFixed(1)} s (the table outgrew exact search)` } : {}),
      ...(near
        ? { 'near-duplicates': `${near.examined} new or changed posting(s) examined; ${near.clusters} clusters hold ${near.clustered} postings` }
        : {}),
      ...(summary.rejectFile ? { 'reject file': summary.rejectFile } : {}),
    });
  },
};
