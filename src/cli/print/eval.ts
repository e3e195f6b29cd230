/** How a search-quality evaluation looks on a terminal: one row per tag and mode. */
import type { EvalReport } from '../../eval/evaluate.ts';
import { printTable } from '../output.ts';
import type { Printer } from './printer.ts';

export const evaluation: Printer = {
  print(report: EvalReport) {
    console.log(`${report.set}: ${report.queries.length} queries on ${report.postings} postings (${report.embedder}), metrics @${report.k}`);
    if (report.withoutRelevant.length) console.log(`left out (no relevant posting in this database): ${report.withoutRelevant.join(', ')}`);
    printTable(report.summary, {
      group: (r) => r.group,
      mode: (r) => r.mode,
      queries: (r) => r.queries,
      [`nDCG@${report.k}`]: (r) => r.ndcg.toFixed(3),
      [`recall@${report.k}`]: (r) => r.recall.toFixed(3),
      MRR: (r) => r.mrr.toFixed(3),
    });
  },
};
