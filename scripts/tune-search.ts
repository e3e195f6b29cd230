/**
 * Chooses the semantic embedder's parameters and hybrid search's defaults by measurement on the
 * tuning sets (eval/nhs.json on the NHS postings, eval/tech.json on the LinkedIn/Indeed and
 * Glassdoor ones; never the held-out sets). Ranks in memory so a grid of settings runs in
 * minutes: exact cosine over every posting (what an exact scan returns), the text branch from
 * PostgreSQL once per query, RRF in JavaScript as search/hybrid.ts computes it.
 *
 *   NHS_URL=postgres://.../nhs TECH_URL=postgres://.../tech npx tsx scripts/tune-search.ts > tuning.tsv
 *
 * Both databases hold the postings (any embedder): only titles, descriptions and full text are read.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../src/db/database.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { HashingEmbedder } from '../src/embed/hashing-embedder.ts';
import { SifEmbedder, SEMANTIC_DIMENSIONS } from '../src/embed/semantic/sif-embedder.ts';
import { evaluateRankings, type Ranker } from '../src/eval/evaluate.ts';
import { readLabelledSet, type LabelledSet } from '../src/eval/labelled-set.ts';
import { parseStatistics, SIF_STATISTICS } from '../src/embed/semantic/statistics.ts';
import { readFileSync } from 'node:fs';
import { storedTexts } from '../src/jobs/stored-texts.ts';

const SETS = [
  { file: 'eval/nhs.json', url: process.env.NHS_URL! },
  { file: 'eval/tech.json', url: process.env.TECH_URL! },
];
// A smaller grid can be given as comma lists: TITLE_WEIGHTS=5,8 LEXICAL_SHARES=0.3,0.4 FUSIONS=0,6
const list = (name: string, all: number[]) => (process.env[name] ? process.env[name]!.split(',').map(Number) : all);
const TITLE_WEIGHTS = list('TITLE_WEIGHTS', [1, 2, 3, 5]);
const LEXICAL_SHARES = list('LEXICAL_SHARES', [0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8]);
const FUSIONS = [
  { vectorWeight: 1, textWeight: 1, rrfK: 60, candidates: 50 },
  { vectorWeight: 0.5, textWeight: 1, rrfK: 60, candidates: 50 },
  { vectorWeight: 0.7, textWeight: 1, rrfK: 60, candidates: 50 },
  { vectorWeight: 1.5, textWeight: 1, rrfK: 60, candidates: 50 },
  { vectorWeight: 1, textWeight: 1, rrfK: 20, candidates: 50 },
  { vectorWeight: 0.7, textWeight: 1, rrfK: 20, candidates: 50 },
  { vectorWeight: 1, textWeight: 1, rrfK: 60, candidates: 100 },
  { vectorWeight: 0.7, textWeight: 1, rrfK: 60, candidates: 100 },
  { vectorWeight: 1, textWeight: 1, rrfK: 60, candidates: 20 },
];
const FUSION_CHOICE = list(
  'FUSIONS',
  FUSIONS.map((_, i) => i),
);
const TEXT_QUERIES = { and: sql`websearch_to_tsquery('english', q)`, or: sql`replace(plainto_tsquery('english', q)::text, '&', '|')::tsquery` };

interface Loaded {
  set: LabelledSet;
  postings: { id: number; title: string; description: string; text: string }[];
  text: Record<keyof typeof TEXT_QUERIES, Map<string, number[]>>;
}

async function load(file: string, url: string): Promise<Loaded> {
  const set = await readLabelledSet(file);
  const database = await openPostgres({ kind: 'server', url, pool: { max: 2, idleTimeoutMillis: 1000, connectionTimeoutMillis: 5000 } });
  const db: Db = database.db;
  const postings = await storedTexts(db, sql`true`);
  const text = { and: new Map<string, number[]>(), or: new Map<string, number[]>() };
  for (const [kind, tsquery] of Object.entries(TEXT_QUERIES) as [keyof typeof TEXT_QUERIES, ReturnType<typeof sql>][]) {
    for (const query of set.queries) {
      const hits = await queryRows<{ id: number }>(
        db,
        sql`with input as (select ${query.text}::text as q), tq as (select ${tsquery} as query from input)
            select jobs.id from jobs, tq where jobs.search_vector @@ tq.query
            order by ts_rank_cd(jobs.search_vector, tq.query) desc, jobs.id limit 100`,
      );
      text[kind].set(
        query.id,
        hits.map((h) => Number(h.id)),
      );
    }
  }
  await database.close();
  return { set, postings, text };
}

/** The semantic (100-d, unit) and lexical (unit) parts of every text, flat. */
async function parts(embedder: SifEmbedder, lexical: HashingEmbedder, texts: string[]) {
  const semantic = new Float32Array(texts.length * SEMANTIC_DIMENSIONS);
  for (const [i, t] of texts.entries()) semantic.set(embedder.semantic(t), i * SEMANTIC_DIMENSIONS);
  const lex = await lexical.embed(texts);
  return { semantic, lexical: lex };
}

function topByCosine(
  q: { s: Float64Array | Float32Array; l: Float32Array },
  docs: Awaited<ReturnType<typeof parts>>,
  ids: number[],
  share: number,
  n: number,
): number[] {
  const scores = ids.map((id, i) => {
    let s = 0;
    for (let d = 0; d < SEMANTIC_DIMENSIONS; d++) s += q.s[d]! * docs.semantic[i * SEMANTIC_DIMENSIONS + d]!;
    let l = 0;
    const v = docs.lexical[i]!;
    for (let d = 0; d < v.length; d++) l += q.l[d]! * v[d]!;
    return { id, score: (1 - share) * s + share * l };
  });
  scores.sort((a, b) => b.score - a.score || a.id - b.id);
  return scores.slice(0, n).map((x) => x.id);
}

function fuse(vector: number[], text: number[], f: (typeof FUSIONS)[number], k: number): number[] {
  const score = new Map<number, number>();
  for (const [i, id] of vector.slice(0, f.candidates).entries()) score.set(id, (score.get(id) ?? 0) + f.vectorWeight / (f.rrfK + i + 1));
  for (const [i, id] of text.slice(0, f.candidates).entries()) score.set(id, (score.get(id) ?? 0) + f.textWeight / (f.rrfK + i + 1));
  return [...score]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, k)
    .map(([id]) => id);
}

// STATISTICS=file: statistics made by scripts/sif-statistics.ts --out (e.g. with another --a).
const statistics = process.env.STATISTICS ? parseStatistics(JSON.parse(readFileSync(process.env.STATISTICS, 'utf8'))) : SIF_STATISTICS;
const loaded = await Promise.all(SETS.map((s) => load(s.file, s.url)));
const lexical = new HashingEmbedder({ dimensions: 384 - SEMANTIC_DIMENSIONS });
console.log(['set', 'titleWeight', 'lexicalShare', 'textQuery', 'fusion', 'mode', 'group', 'ndcg', 'recall', 'mrr'].join('\t'));
for (const titleWeight of TITLE_WEIGHTS) {
  const embedder = new SifEmbedder({}, { titleWeight, lexicalShare: 0 }, statistics);
  await embedder.ready();
  for (const { set, postings, text } of loaded) {
    const docs = await parts(
      embedder,
      lexical,
      postings.map((p) => p.text),
    );
    const ids = postings.map((p) => p.id);
    const queryParts = new Map<string, { s: Float64Array; l: Float32Array }>();
    for (const q of set.queries) queryParts.set(q.id, { s: Float64Array.from(embedder.semantic(q.text)), l: (await lexical.embed([q.text]))[0]! });
    for (const share of LEXICAL_SHARES) {
      const vectorTop = new Map(set.queries.map((q) => [q.id, topByCosine(queryParts.get(q.id)!, docs, ids, share, 100)]));
      for (const textQuery of Object.keys(TEXT_QUERIES) as (keyof typeof TEXT_QUERIES)[]) {
        for (const [fi, fusion] of FUSIONS.entries()) {
          if (!FUSION_CHOICE.includes(fi)) continue;
          const rank: Ranker = async (q, mode, k) =>
            mode === 'vector'
              ? vectorTop.get(q.id)!
              : mode === 'text'
                ? text.and.get(q.id)!
                : fuse(vectorTop.get(q.id)!, text[textQuery].get(q.id)!, fusion, k);
          const report = await evaluateRankings(set, postings, rank, {
            modes: fi === 0 && textQuery === 'and' ? ['text', 'vector', 'hybrid'] : ['hybrid'],
          });
          for (const row of report.summary) {
            console.log(
              [
                set.name,
                titleWeight,
                share,
                textQuery,
                `v${fusion.vectorWeight}/t${fusion.textWeight}/k${fusion.rrfK}/c${fusion.candidates}`,
                row.mode,
                row.group,
                row.ndcg.toFixed(4),
                row.recall.toFixed(4),
                row.mrr.toFixed(4),
              ].join('\t'),
            );
          }
        }
      }
    }
  }
}
