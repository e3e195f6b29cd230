import { Command, Option } from 'commander';
import { HYBRID_DEFAULTS, hybridSearch, rrfScore } from '../../search/hybrid.ts';
import { textSearch } from '../../search/text.ts';
import { explainVectorSearch, METRICS, vectorSearch, type Metric } from '../../search/vector.ts';
import { withDatabase } from '../context.ts';
import { addFilterOptions, filtersFrom, type FilterFlags } from '../filter-options.ts';
import { formatCell, printJson, printTable, truncate } from '../output.ts';
import { number, positiveInt } from '../parse.ts';

const MODES = ['vector', 'text', 'hybrid'] as const;

interface SearchFlags extends FilterFlags {
  mode: (typeof MODES)[number];
  k: number;
  metric: Metric;
  maxDistance?: number;
  candidates: number;
  rrfK: number;
  vectorWeight: number;
  textWeight: number;
  efSearch?: number;
  probes?: number;
  explain?: boolean;
}

export const place = (h: { city: string | null; country: string | null }) => [h.city, h.country].filter(Boolean).join(', ');

export function searchCommand(): Command {
  const command = new Command('search')
    .description('find postings by meaning (vector), keywords (text) or both fused with reciprocal rank fusion (hybrid)')
    .argument('<query>', 'what to look for; text mode understands "quoted phrases", OR and -term')
    .addOption(new Option('--mode <mode>', 'search mode').choices(MODES).default('hybrid'))
    .option('-k, --k <n>', 'how many results (1 to 1000)', positiveInt('-k', 1000), 10)
    .addOption(new Option('--metric <metric>', 'vector distance').choices(METRICS).default('cosine'))
    .option('--max-distance <d>', 'vector mode: only results this near or nearer', number('--max-distance'))
    .option('--candidates <n>', 'hybrid: results taken from each branch before fusing', positiveInt('--candidates', 1000), HYBRID_DEFAULTS.candidates)
    .option('--rrf-k <n>', 'hybrid: the RRF constant k', number('--rrf-k'), HYBRID_DEFAULTS.rrfK)
    .option('--vector-weight <w>', 'hybrid: weight of the vector branch', number('--vector-weight'), HYBRID_DEFAULTS.vectorWeight)
    .option('--text-weight <w>', 'hybrid: weight of the text branch', number('--text-weight'), HYBRID_DEFAULTS.textWeight)
    .option('--ef-search <n>', 'vector and hybrid: HNSW ef_search for this query (default 100; pgvector\'s own is 40)', positiveInt('--ef-search', 1000))
    .option('--probes <n>', 'vector and hybrid: IVFFlat lists scanned for this query (pgvector default 1)', positiveInt('--probes', 1000))
    .option('--explain', 'vector: say whether an index (iteratively) or an exact scan served the query; hybrid: each result\'s rank in each branch and the fused score');
  return addFilterOptions(command).action(async (query: string, flags: SearchFlags, command: Command) =>
      withDatabase(command, async ({ database, embedder, json }) => {
        const { db } = database;
        const filters = filtersFrom(flags);
        const k = flags.k;
        if (flags.mode === 'vector') {
          const options = { k, metric: flags.metric, maxDistance: flags.maxDistance, filters, efSearch: flags.efSearch, probes: flags.probes };
          const hits = await vectorSearch(db, embedder, query, options);
          const plan = flags.explain ? await explainVectorSearch(db, embedder, query, options) : undefined;
          if (json) return printJson(plan ? { plan: { ...plan, plan: undefined }, hits } : hits);
          if (plan) console.log(`plan: ${plan.summary}`);
          return printTable(hits, { id: (h) => h.id, title: (h) => truncate(h.title, 45), company: (h) => truncate(h.company ?? '', 28), location: place, distance: (h) => h.distance });
        }
        if (flags.mode === 'text') {
          const hits = await textSearch(db, query, { k, filters });
          if (json) return printJson(hits);
          return printTable(hits, { id: (h) => h.id, title: (h) => truncate(h.title, 40), company: (h) => truncate(h.company ?? '', 24), rank: (h) => h.rank, snippet: (h) => truncate(h.snippet, 90) });
        }
        const options = { k, metric: flags.metric, filters, efSearch: flags.efSearch, probes: flags.probes, candidates: flags.candidates, rrfK: flags.rrfK, vectorWeight: flags.vectorWeight, textWeight: flags.textWeight };
        const hits = await hybridSearch(db, embedder, query, options);
        if (json) return printJson(hits);
        if (flags.explain) {
          console.log(`score = ${flags.vectorWeight}/(${flags.rrfK} + vector rank) + ${flags.textWeight}/(${flags.rrfK} + text rank); a missing rank adds 0`);
          return printTable(hits, {
            id: (h) => h.id,
            title: (h) => truncate(h.title, 40),
            'vector rank': (h) => h.vectorRank ?? '-',
            'text rank': (h) => h.textRank ?? '-',
            score: (h) => h.score.toFixed(6),
            recomputed: (h) => rrfScore(h, options).toFixed(6),
          });
        }
        return printTable(hits, { id: (h) => h.id, title: (h) => truncate(h.title, 40), company: (h) => truncate(h.company ?? '', 24), location: place, score: (h) => formatCell(h.score), snippet: (h) => truncate(h.snippet, 70) });
      }),
    );
}
