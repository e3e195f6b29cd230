/**
 * The built-in semantic embedder: GloVe word vectors averaged with smooth inverse frequency
 * weights (Arora, Liang & Ma 2017, "A simple but tough-to-beat baseline for sentence
 * embeddings"), the common component removed, joined in one vector with the lexical hashing
 * features. The semantic part finds "delivering babies" near midwife postings; the lexical part
 * keeps exact names (SQL, C#, band 5) that word vectors blur.
 */
import type { Embedder, WorkerEmbedderSettings } from '../embedder.ts';
import { JobsightError } from '../../core/errors.ts';
import { HASHING_EMBEDDER_NAME, HashingEmbedder } from '../hashing-embedder.ts';
import { type TitledWords, tokenizeTitled } from '../tokenize.ts';
import { loadWordVectors } from './build-cache.ts';
import { SIF_STATISTICS, type SifStatistics } from './statistics.ts';
import { WordVectors } from './word-vectors.ts';

/** What the vectors depend on besides the statistics; each choice was measured (README, "Embeddings"). */
export interface SifParameters {
  /** How much a title word counts against a description word. */
  titleWeight: number;
  /** The lexical (hashing) part's share of the vector, by squared norm: cosine = (1 − s)·semantic + s·lexical. */
  lexicalShare: number;
}

// Chosen on the tuning sets (scripts/tune-search.ts; README "Measuring search quality"): hybrid
// nDCG@10 was flat (±0.01) for title weights 5-12 and lexical shares 0.2-0.4; 0.2 kept the most
// paraphrases, and a title weight beyond 5 traded paraphrases for title keywords.
export const SIF_DEFAULTS: SifParameters = { titleWeight: 5, lexicalShare: 0.2 };
export const SEMANTIC_DIMENSIONS = 100;
export const DEFAULT_SEMANTIC_TOTAL_DIMENSIONS = 384;

/**
 * Stored with every vector. Bump on any change to the statistics, the parameters, the word
 * lookup or the hashing part: old and new vectors would otherwise be compared as if alike.
 */
export const SEMANTIC_EMBEDDER_NAME = `${SIF_STATISTICS.name}+${HASHING_EMBEDDER_NAME}`;

// Word vectors are shared by every embedder of the process (and, through workerSettings, of its workers).
let shared: Promise<WordVectors> | undefined;

/** The process's word vectors, from a buffer handed over by the main thread or from the cache file. */
export function sharedWordVectors(buffer?: SharedArrayBuffer): Promise<WordVectors> {
  shared ??= buffer ? Promise.resolve(new WordVectors(buffer)) : loadWordVectors();
  return shared;
}

interface WordEntry {
  word: string;
  index: number;
  weight: number;
}

/**
 * @example
 * const embedder = new SifEmbedder();
 * const [a, b] = await embedder.embed(['Midwife\nDelivery suite', 'delivering babies']);
 * // unit vectors of 384 numbers; a · b is well above that of two unrelated postings
 */
export class SifEmbedder implements Embedder {
  readonly name: string;
  readonly dimensions: number;
  private readonly lexical: HashingEmbedder;
  private vectors: WordVectors | undefined;
  private readonly entries = new Map<string, WordEntry | null>();
  private readonly sum = new Float64Array(SEMANTIC_DIMENSIONS);

  constructor(
    options: { dimensions?: number; wordVectors?: SharedArrayBuffer } = {},
    private readonly parameters: SifParameters = SIF_DEFAULTS,
    private readonly statistics: SifStatistics = SIF_STATISTICS,
  ) {
    const dimensions = options.dimensions ?? DEFAULT_SEMANTIC_TOTAL_DIMENSIONS;
    if (!Number.isInteger(dimensions) || dimensions < SEMANTIC_DIMENSIONS + 2 || dimensions > 2000) {
      throw new JobsightError(
        `the semantic embedder's dimensions must be a whole number from ${SEMANTIC_DIMENSIONS + 2} to 2000, got "${dimensions}"`,
        {
          hint: `${SEMANTIC_DIMENSIONS} semantic dimensions plus the lexical part's; the default is ${DEFAULT_SEMANTIC_TOTAL_DIMENSIONS}`,
        },
      );
    }
    this.dimensions = dimensions;
    this.lexical = new HashingEmbedder({ dimensions: dimensions - SEMANTIC_DIMENSIONS });
    this.name = parameters === SIF_DEFAULTS && statistics === SIF_STATISTICS ? SEMANTIC_EMBEDDER_NAME : `${statistics.name}-custom`;
    if (options.wordVectors) void this.ready(options.wordVectors);
  }

  /** Loads the word vectors (converting the package's JSON the first time on this machine). */
  async ready(buffer?: SharedArrayBuffer): Promise<void> {
    this.vectors ??= await sharedWordVectors(buffer);
  }

  get workerSettings(): WorkerEmbedderSettings {
    return { provider: 'semantic', dimensions: this.dimensions, wordVectors: this.vectors?.buffer as SharedArrayBuffer | undefined };
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    await this.ready();
    return texts.map((text) => {
      // Tokenised once for both parts.
      const words = tokenizeTitled(text);
      return this.join(this.semanticOf(words), this.lexical.embedWords(words.whole));
    });
  }

  /**
   * The SIF sentence vector of a text: common component removed, unit length (all zeros when no
   * word is known). The array is reused by the next call: copy it to keep it.
   */
  semantic(text: string): Float64Array {
    return this.semanticOf(tokenizeTitled(text));
  }

  private semanticOf(words: TitledWords): Float64Array {
    const sum = this.sum;
    sum.fill(0);
    this.addWords(words.title, this.parameters.titleWeight);
    this.addWords(words.body, 1);
    const u = this.statistics.commonComponent;
    let projection = 0;
    for (let d = 0; d < sum.length; d++) projection += sum[d]! * u[d]!;
    let norm = 0;
    for (let d = 0; d < sum.length; d++) {
      sum[d]! -= projection * u[d]!;
      norm += sum[d]! * sum[d]!;
    }
    if (norm > 0) for (let d = 0; d < sum.length; d++) sum[d]! /= Math.sqrt(norm);
    return sum;
  }

  private join(semantic: Float64Array, lexical: Float32Array): Float32Array {
    const share = this.parameters.lexicalShare;
    const known = semantic.some((x) => x !== 0);
    // A text of unknown words only (a product code) is all lexical rather than a shorter vector.
    const semanticScale = known ? Math.sqrt(1 - share) : 0;
    const lexicalScale = known ? Math.sqrt(share) : 1;
    const vector = new Float32Array(this.dimensions);
    for (let d = 0; d < SEMANTIC_DIMENSIONS; d++) vector[d] = semantic[d]! * semanticScale;
    for (let d = 0; d < lexical.length; d++) vector[SEMANTIC_DIMENSIONS + d] = lexical[d]! * lexicalScale;
    return vector;
  }

  private addWords(tokens: readonly string[], sectionWeight: number): void {
    for (const entry of this.knownWords(tokens)) this.vectors!.addTo(this.sum, entry.index, sectionWeight * entry.weight);
  }

  /**
   * The words that have a vector, in order, as the embedder weighs them (the statistics script
   * counts these), of a text's tokens (`tokenize(text)`). GloVe splits "node.js" and "c++" into
   * their parts; so does this, when the whole is unknown.
   */
  *knownWords(tokens: readonly string[]): Generator<WordEntry> {
    for (const token of tokens) {
      const entry = this.entry(token);
      if (entry) yield entry;
      else if (/[^\p{L}\p{N}]/u.test(token)) {
        for (const part of token.split(/[^\p{L}\p{N}]+/u)) {
          const partEntry = part ? this.entry(part) : null;
          if (partEntry) yield partEntry;
        }
      }
    }
  }

  /** A word's vector index and SIF weight a / (a + p(word)), cached; null when GloVe lacks it. */
  private entry(word: string): WordEntry | null {
    let entry = this.entries.get(word);
    if (entry !== undefined) return entry;
    const index = this.vectors!.indexOf(word);
    const { a, probabilities } = this.statistics;
    entry = index < 0 ? null : { word, index, weight: a / (a + (probabilities.get(word) ?? 0)) };
    // Bounded: a long ingest of rare words would otherwise keep every one.
    if (this.entries.size > 200_000) this.entries.clear();
    this.entries.set(word, entry);
    return entry;
  }
}
