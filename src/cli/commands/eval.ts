import { Command, Option } from 'commander';
import { evaluateSearch, EVAL_MODES, type EvalMode } from '../../eval/evaluate.ts';
import { readLabelledSet } from '../../eval/labelled-set.ts';
import { withDatabase } from '../context.ts';
import { list, number, positiveInt } from '../parse.ts';
import { printJson, printTable } from '../output.ts';

interface EvalFlags {
  k: number;
  modes: EvalMode[];
  candidates?: number;
  rrfK?: number;
  vectorWeight?: number;
  textWeight?: number;
  efSearch?: number;
}

export function evalCommand(): Command {
  return new Command('eval')
    .description('measure search quality on labelled queries: nDCG@k, recall@k and MRR per mode (text, vector, hybrid) and per tag')
    .argument('<file>', 'labelled queries (JSON; format in the README, "Measuring search quality"), e.g. eval/nhs.json')
    .option('-k, --k <n>', 'cut-off of every metric', positiveInt('-k', 100), 10)
    .addOption(new Option('--modes <list>', `comma-separated: ${EVAL_MODES.join(', ')}`).argParser(list).default([...EVAL_MODES]))
    .option('--candidates <n>', 'hybrid: results taken from each branch (default: the search default)', positiveInt('--candidates', 1000))
    .option('--rrf-k <n>', 'hybrid: the RRF constant k', number('--rrf-k'))
    .option('--vector-weight <w>', 'hybrid: weight of the vector branch', number('--vector-weight'))
    .option('--text-weight <w>', 'hybrid: weight of the text branch', number('--text-weight'))
    .option('--ef-search <n>', 'vector and hybrid: HNSW ef_search', positiveInt('--ef-search', 1000))
    .action(async (file: string, flags: EvalFlags, command: Command) =>
      withDatabase(command, async ({ database, embedder, json }) => {
        const report = await evaluateSearch(database.db, embedder, await readLabelledSet(file), { ...flags });
        if (json) return printJson(report);
        console.log(`${report.set}: ${report.queries.length} queries on ${report.postings} postings (${embedder.name}), metrics @${report.k}`);
        if (report.withoutRelevant.length) console.log(`left out (no relevant posting in this database): ${report.withoutRelevant.join(', ')}`);
        printTable(report.summary, {
          group: (r) => r.group,
          mode: (r) => r.mode,
          queries: (r) => r.queries,
          [`nDCG@${report.k}`]: (r) => r.ndcg.toFixed(3),
          [`recall@${report.k}`]: (r) => r.recall.toFixed(3),
          MRR: (r) => r.mrr.toFixed(3),
        });
      }),
    );
}
