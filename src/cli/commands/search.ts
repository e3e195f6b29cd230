import { Command, Option } from 'commander';
import { EMPLOYMENT_TYPES, REMOTE_MODES } from '../../jobs/model.ts';
import { hybridSearch, rrfScore } from '../../search/hybrid.ts';
import { textSearch } from '../../search/text.ts';
import { METRICS, vectorSearch, type Metric } from '../../search/vector.ts';
import type { SearchFiltersInput } from '../../search/filters.ts';
import { withDatabase } from '../context.ts';
import { formatCell, printJson, printTable, truncate } from '../output.ts';
import { list, number, positiveInt } from '../parse.ts';

const MODES = ['vector', 'text', 'hybrid'] as const;

interface SearchFlags {
  mode: (typeof MODES)[number];
  k: number;
  metric: Metric;
  maxDistance?: number;
  candidates: number;
  rrfK: number;
  vectorWeight: number;
  textWeight: number;
  efSearch?: number;
  explain?: boolean;
  country?: string[];
  city?: string;
  remote?: string[];
  salaryMin?: number;
  salaryMax?: number;
  currency?: string;
  postedAfter?: string;
  postedBefore?: string;
  company?: string;
  employmentType?: string[];
  skills?: string[];
  anySkills?: string[];
}

/** The flags as the library's filter object; validation (with field names) happens there. */
function filtersFrom(f: SearchFlags): SearchFiltersInput | undefined {
  const filters: Record<string, unknown> = {
    country: f.country,
    city: f.city,
    remoteMode: f.remote,
    salaryMin: f.salaryMin,
    salaryMax: f.salaryMax,
    currency: f.currency,
    postedAfter: f.postedAfter,
    postedBefore: f.postedBefore,
    company: f.company,
    employmentType: f.employmentType,
    skillsAll: f.skills,
    skillsAny: f.anySkills,
  };
  for (const key of Object.keys(filters)) if (filters[key] === undefined) delete filters[key];
  return Object.keys(filters).length > 0 ? (filters as SearchFiltersInput) : undefined;
}

const place = (h: { city: string | null; country: string | null }) => [h.city, h.country].filter(Boolean).join(', ');

export function searchCommand(): Command {
  return new Command('search')
    .description('find postings by meaning (vector), keywords (text) or both fused with reciprocal rank fusion (hybrid)')
    .argument('<query>', 'what to look for; text mode understands "quoted phrases", OR and -term')
    .addOption(new Option('--mode <mode>', 'search mode').choices(MODES).default('hybrid'))
    .option('-k, --k <n>', 'how many results (1 to 1000)', positiveInt('-k', 1000), 10)
    .addOption(new Option('--metric <metric>', 'vector distance').choices(METRICS).default('cosine'))
    .option('--max-distance <d>', 'vector mode: only results this near or nearer', number('--max-distance'))
    .option('--candidates <n>', 'hybrid: results taken from each branch before fusing', positiveInt('--candidates', 1000), 50)
    .option('--rrf-k <n>', 'hybrid: the RRF constant k', number('--rrf-k'), 60)
    .option('--vector-weight <w>', 'hybrid: weight of the vector branch', number('--vector-weight'), 1)
    .option('--text-weight <w>', 'hybrid: weight of the text branch', number('--text-weight'), 1)
    .option('--ef-search <n>', 'vector mode: HNSW ef_search for this query', positiveInt('--ef-search', 1000))
    .option('--explain', 'hybrid: show each result\'s rank in each branch and the fused score')
    .option('--country <codes>', 'filter: countries, e.g. GB,US', list)
    .option('--city <name>', 'filter: city')
    .addOption(new Option('--remote <modes>', `filter: ${REMOTE_MODES.join(', ')} (comma-separated)`).argParser(list))
    .option('--salary-min <amount>', 'filter: annual salary reaching at least this (needs --currency)', number('--salary-min'))
    .option('--salary-max <amount>', 'filter: annual salary starting at most this (needs --currency)', number('--salary-max'))
    .option('--currency <code>', 'filter: salary currency, e.g. GBP')
    .option('--posted-after <date>', 'filter: posted on or after YYYY-MM-DD')
    .option('--posted-before <date>', 'filter: posted on or before YYYY-MM-DD')
    .option('--company <name>', 'filter: employer')
    .addOption(new Option('--employment-type <types>', `filter: ${EMPLOYMENT_TYPES.join(', ')} (comma-separated)`).argParser(list))
    .option('--skills <list>', 'filter: postings that ask for all of these skills', list)
    .option('--any-skills <list>', 'filter: postings that ask for at least one of these skills', list)
    .action(async (query: string, flags: SearchFlags, command: Command) =>
      withDatabase(command, async ({ database, embedder, json }) => {
        const { db } = database;
        const filters = filtersFrom(flags);
        const k = flags.k;
        if (flags.mode === 'vector') {
          const hits = await vectorSearch(db, embedder, query, { k, metric: flags.metric, maxDistance: flags.maxDistance, filters, efSearch: flags.efSearch });
          if (json) return printJson(hits);
          return printTable(hits, { id: (h) => h.id, title: (h) => truncate(h.title, 45), company: (h) => truncate(h.company ?? '', 28), location: place, distance: (h) => h.distance });
        }
        if (flags.mode === 'text') {
          const hits = await textSearch(db, query, { k, filters });
          if (json) return printJson(hits);
          return printTable(hits, { id: (h) => h.id, title: (h) => truncate(h.title, 40), company: (h) => truncate(h.company ?? '', 24), rank: (h) => h.rank, snippet: (h) => truncate(h.snippet, 90) });
        }
        const options = { k, metric: flags.metric, filters, candidates: flags.candidates, rrfK: flags.rrfK, vectorWeight: flags.vectorWeight, textWeight: flags.textWeight };
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
