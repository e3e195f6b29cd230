import { Command, Option } from 'commander';
import { similarJobs } from '../../search/similar.ts';
import { METRICS, type Metric } from '../../search/vector.ts';
import { withDatabase } from '../context.ts';
import { addFilterOptions, filtersFrom, type FilterFlags } from '../filter-options.ts';
import { printJson, printTable, truncate } from '../output.ts';
import { positiveInt } from '../parse.ts';
import { place } from './search.ts';

interface SimilarFlags extends FilterFlags {
  k: number;
  metric: Metric;
  efSearch?: number;
  probes?: number;
}

export function similarCommand(): Command {
  const command = new Command('similar')
    .description('the postings nearest to a posting by meaning, without itself and its exact duplicates')
    .argument('<job-id>', 'the posting to start from (an id from search or jobs list)', positiveInt('<job-id>'))
    .option('-k, --k <n>', 'how many results (1 to 1000)', positiveInt('-k', 1000), 10)
    .addOption(new Option('--metric <metric>', 'vector distance').choices(METRICS).default('cosine'))
    .option('--ef-search <n>', "HNSW ef_search for this query (default 100; pgvector's own is 40)", positiveInt('--ef-search', 1000))
    .option('--probes <n>', 'IVFFlat lists scanned for this query (pgvector default 1)', positiveInt('--probes', 1000));
  return addFilterOptions(command).action(async (id: number, flags: SimilarFlags, cmd: Command) =>
    withDatabase(cmd, async ({ database, json }) => {
      const hits = await similarJobs(database.db, id, {
        k: flags.k,
        metric: flags.metric,
        efSearch: flags.efSearch,
        probes: flags.probes,
        filters: filtersFrom(flags),
      });
      if (json) return printJson(hits);
      printTable(hits, {
        id: (h) => h.id,
        title: (h) => truncate(h.title, 45),
        company: (h) => truncate(h.company ?? '', 28),
        location: place,
        distance: (h) => h.distance,
      });
    }),
  );
}
