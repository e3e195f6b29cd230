/** Search, similar postings and resume matching: the searches people run. */
import { z } from 'zod';
import { SearchFilters } from '../search/filters.ts';
import { candidateCount, checkedHybridSearch, RRF_OPTIONS, snippetsOption } from '../search/hybrid.ts';
import { MatchOptions, matchResume } from '../search/match.ts';
import { hitCount, metric, scanOptions, searchText } from '../search/options.ts';
import { jobId, similarJobs } from '../search/similar.ts';
import { checkedTextSearch } from '../search/text.ts';
import { checkedVectorSearch, explainVectorSearch, VectorSearchOptions } from '../search/vector.ts';
import { recentPendingCount } from '../embed-queue/index.ts';
import { defineOperation } from './operation.ts';

export const SEARCH_MODES = ['vector', 'text', 'hybrid'] as const;

export const searchOperation = defineOperation({
  name: 'search',
  summary: 'find postings by meaning (vector), keywords (text) or both fused with reciprocal rank fusion (hybrid)',
  input: z.strictObject({
    q: searchText().describe('what to look for; text mode understands "quoted phrases", OR and -term'),
    mode: z.enum(SEARCH_MODES).default('hybrid').describe('search mode'),
    k: hitCount(),
    metric: metric(),
    maxDistance: VectorSearchOptions.shape.maxDistance,
    candidates: candidateCount(),
    snippets: snippetsOption(true),
    ...RRF_OPTIONS,
    ...scanOptions(),
    explain: z
      .boolean()
      .default(false)
      .describe(
        "vector: say whether an index (iteratively) or an exact scan served the query; hybrid: each result's rank per branch and the fused score",
      ),
    filters: SearchFilters.optional(),
  }),
  args: [['q', 'query']],
  http: { method: 'get', path: '/api/search' },
  reads: true,
  async run({ database, embedder }, { q, mode, explain, maxDistance, candidates, snippets, rrfK, vectorWeight, textWeight, ...shared }) {
    const { db } = database;
    // `pending`: postings still in the embedding queue, which have no vector, so the vector branch
    // cannot find them yet. At most a second old (embed-queue/queue.ts, recentPendingCount); when
    // counted afresh, beside the search on another pool connection, adding no round trip to wait for.
    const pendingNow = recentPendingCount(db);
    // The input is checked already, by a schema made of the same fields as each search's options.
    const found = async () => {
      if (mode === 'text') return { mode, hits: await checkedTextSearch(db, { query: q, k: shared.k, filters: shared.filters }) };
      if (mode === 'hybrid') {
        return {
          mode,
          hits: await checkedHybridSearch(db, embedder, { query: q, ...shared, candidates, snippets, rrfK, vectorWeight, textWeight }),
        };
      }
      const options = { ...shared, maxDistance };
      const hits = await checkedVectorSearch(db, embedder, { query: q, ...options });
      if (!explain) return { mode, hits };
      const { plan: _raw, ...plan } = await explainVectorSearch(db, embedder, q, options);
      return { mode, hits, plan };
    };
    const [result, pending] = await Promise.all([found(), pendingNow]);
    return { ...result, pending };
  },
});

export const similarOperation = defineOperation({
  name: 'similar',
  summary: 'the postings nearest to a posting by meaning, without itself and its exact duplicates',
  input: z.strictObject({
    id: jobId().describe('the posting to start from (an id from search or jobs list)'),
    k: hitCount(),
    metric: metric(),
    ...scanOptions(),
    filters: SearchFilters.optional(),
  }),
  args: [['id', 'job-id']],
  http: { method: 'get', path: '/api/jobs/{id}/similar' },
  reads: true,
  run: ({ database }, { id, ...options }) => similarJobs(database.db, id, options),
  reply: (hits) => ({ hits }),
});

export const matchOperation = defineOperation({
  name: 'match',
  summary: 'the postings that fit a resume, the skills each asks for that the resume has and lacks, and what to learn next',
  input: MatchOptions.omit({ taxonomyFile: true }).extend({
    taxonomy: z.string().optional().describe('a skills taxonomy file added to the built-in one (as for ingest)'),
  }),
  cliOnly: { taxonomy: 'a file on the machine running the command' },
  cliReadsFile: ['resume'],
  http: { method: 'post', path: '/api/match' },
  reads: true,
  run: ({ database, embedder }, { resume, taxonomy, ...options }) =>
    matchResume(database.db, embedder, resume, { ...options, taxonomyFile: taxonomy }),
});
