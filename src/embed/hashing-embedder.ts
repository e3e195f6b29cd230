/**
 * The built-in offline embedder: signed feature hashing of words, word pairs and character
 * n-grams. No model, no network, and the same vector for the same text on every machine.
 * It knows spelling, not meaning: "postgres" lands near "postgresql" and "nurse" near
 * "nursing", but "doctor" is no nearer "physician" than "plumber".
 */
import type { Embedder } from './embedder.ts';
import { DEFAULT_DIMENSIONS } from '../core/defaults.ts';
import { JobsightError } from '../core/errors.ts';
import { tokenize } from './tokenize.ts';

/**
 * Stored with every vector. Bump the version on any change to the tokenizer, stop words, seeds,
 * weights or hashing: old and new vectors would otherwise be compared as if alike.
 */
export const HASHING_EMBEDDER_NAME = 'hash-ngram-v1';

export const DEFAULT_HASHING_DIMENSIONS = DEFAULT_DIMENSIONS;
// pgvector's `vector` type holds at most 16,000 dimensions (HNSW indexes at most 2,000).
const MAX_DIMENSIONS = 16_000;

// Relative weight of each feature family. A word's character n-grams share one budget, split
// so that together they have the same length as the word's own feature (see addCharNgrams).
const UNIGRAM_WEIGHT = 1.0;
const BIGRAM_WEIGHT = 0.7;
const CHAR_NGRAM_WEIGHT = 1.0;
const MIN_NGRAM = 3;
const MAX_NGRAM = 5;

// One FNV-1a offset basis per family, so that "sql" the word and "sql" the n-gram differ.
const UNIGRAM_SEED = 0x811c9dc5;
const CHAR_NGRAM_SEED = 0x050c5d1f;
const BIGRAM_SALT = 0x2545f491;
const EMPTY_KEY = 0x5bd1e995;
const FNV_PRIME = 0x01000193;
// Word boundary markers for n-grams; they cannot occur inside a token.
const WORD_START = 0x3c; // <
const WORD_END = 0x3e; // >

/** murmur3's finaliser: FNV-1a alone mixes the low bits poorly, and those pick the slot. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

function fnv1a(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * Counts of hashed features in one text, as an open-addressing table over typed arrays, reused
 * from text to text: a `Map` per text costs several times more, and a posting has thousands of
 * features. A slot is in use when its stamp equals the current text's generation.
 */
class FeatureTable {
  private mask = 0;
  private generation = 0;
  private stamps = new Uint32Array(0);
  private slotKeys = new Int32Array(0);
  private counts = new Uint32Array(0);
  private weights = new Float64Array(0);
  /** Used slots in first-seen order, so that sums (and so vectors) never depend on the layout. */
  readonly order: number[] = [];

  /** Empties the table, sized for at most `maxFeatures` distinct features (load under 1/2). */
  reset(maxFeatures: number): void {
    const size = Math.max(1024, 2 ** Math.ceil(Math.log2(maxFeatures * 2 + 1)));
    if (size > this.stamps.length) {
      this.stamps = new Uint32Array(size);
      this.slotKeys = new Int32Array(size);
      this.counts = new Uint32Array(size);
      this.weights = new Float64Array(size);
      this.mask = size - 1;
      this.generation = 0;
    } else if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 0;
    }
    this.generation++;
    this.order.length = 0;
  }

  add(key: number, weight: number): void {
    let slot = key & this.mask;
    while (this.stamps[slot] === this.generation) {
      if (this.slotKeys[slot] === key) {
        this.counts[slot]!++;
        this.weights[slot]! += weight;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    this.stamps[slot] = this.generation;
    this.slotKeys[slot] = key;
    this.counts[slot] = 1;
    this.weights[slot] = weight;
    this.order.push(slot);
  }

  /**
   * Sublinear term frequency: mean weight × (1 + ln tf). Node's Math.log is V8's port of fdlibm,
   * the same bits on every platform, so vectors do not depend on the machine.
   */
  weightAt(slot: number): number {
    const count = this.counts[slot]!;
    return (this.weights[slot]! / count) * (1 + Math.log(count));
  }

  keyAt(slot: number): number {
    return this.slotKeys[slot]!;
  }
}

/**
 * Embeds texts by hashing their features into a fixed number of signed buckets.
 *
 * Features: each word, each pair of neighbouring words, and the 3- to 5-character n-grams of each
 * word padded with `<` and `>` (`<po`, `pos`, ..., `es>`). Weights are 1 + ln(term frequency)
 * times the family weight. Bit 0 of a feature's hash picks its sign, so collisions cancel out on
 * average instead of piling up. Vectors are L2-normalised; a text with no words gets a fixed
 * unit vector (a reserved feature), since pgvector's cosine distance to a zero vector is NaN.
 *
 * @example
 * const embedder = new HashingEmbedder({ dimensions: 256 });
 * const [a, b] = await embedder.embed(['PostgreSQL DBA', 'postgres database administrator']);
 * // a and b have length 256, unit norm, and a positive dot product
 */
export class HashingEmbedder implements Embedder {
  readonly name = HASHING_EMBEDDER_NAME;
  readonly dimensions: number;
  get workerSettings(): { provider: 'hash'; dimensions: number } {
    return { provider: 'hash', dimensions: this.dimensions };
  }
  private readonly table = new FeatureTable();
  private readonly sums: Float64Array;

  /** @param options.dimensions vector length, a whole number from 2 to 16,000 (default 384). */
  constructor(options: { dimensions?: number } = {}) {
    const dimensions = options.dimensions ?? DEFAULT_HASHING_DIMENSIONS;
    if (!Number.isInteger(dimensions) || dimensions < 2 || dimensions > MAX_DIMENSIONS) {
      throw new JobsightError(`embedding dimensions must be a whole number from 2 to ${MAX_DIMENSIONS}, got "${String(dimensions)}"`, {
        hint: `pgvector stores up to ${MAX_DIMENSIONS} dimensions and its HNSW index up to 2000; ` + `the default is ${DEFAULT_HASHING_DIMENSIONS}`,
      });
    }
    this.dimensions = dimensions;
    this.sums = new Float64Array(dimensions);
  }

  // Synchronous behind the async interface: about 0.25 ms per 600-word posting on one core, so a
  // batch of 100 holds the event loop for ~25 ms. Not worth a worker thread yet.
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.embedWords(tokenize(text)));
  }

  /** The vector of a text from its words (`tokenize(text)`), for a caller that has them already. */
  embedWords(words: readonly string[]): Float32Array {
    let maxFeatures = 2 * words.length;
    for (const word of words) maxFeatures += 3 * word.length + 3;
    const table = this.table;
    table.reset(maxFeatures);

    let previous = 0;
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      const hash = fnv1a(word, UNIGRAM_SEED);
      table.add(mix(hash), UNIGRAM_WEIGHT);
      if (i > 0) table.add(mix((Math.imul(previous, 0x9e3779b1) + hash) ^ BIGRAM_SALT), BIGRAM_WEIGHT);
      previous = hash;
      this.addCharNgrams(word);
    }

    const sums = this.sums;
    sums.fill(0);
    for (const slot of table.order) this.addToBucket(table.keyAt(slot), table.weightAt(slot));
    let norm = 0;
    for (let i = 0; i < sums.length; i++) norm += sums[i]! * sums[i]!;
    // No words, or (at tiny dimensions) features that cancel out exactly: same answer as empty.
    if (norm === 0) {
      this.addToBucket(EMPTY_KEY, 1);
      norm = 1;
    }
    const scale = 1 / Math.sqrt(norm);
    const vector = new Float32Array(sums.length);
    for (let i = 0; i < sums.length; i++) vector[i] = sums[i]! * scale;
    return vector;
  }

  private addToBucket(key: number, weight: number): void {
    const bucket = (key >>> 1) % this.dimensions;
    this.sums[bucket]! += key & 1 ? -weight : weight;
  }

  /**
   * Hashes the n-grams of `<word>` straight from the character codes, extending one hash per
   * start position, so no substring is ever built. Each n-gram weighs CHAR_NGRAM_WEIGHT / √k for
   * a word with k n-grams: together they are as long as one word, however long the word.
   */
  private addCharNgrams(word: string): void {
    const padded = word.length + 2;
    let k = 0;
    for (let n = MIN_NGRAM; n <= MAX_NGRAM; n++) k += Math.max(0, padded - n + 1);
    const weight = CHAR_NGRAM_WEIGHT / Math.sqrt(k);
    for (let start = 0; start + MIN_NGRAM <= padded; start++) {
      let h = CHAR_NGRAM_SEED;
      const end = Math.min(padded, start + MAX_NGRAM);
      for (let pos = start; pos < end; pos++) {
        const code = pos === 0 ? WORD_START : pos === padded - 1 ? WORD_END : word.charCodeAt(pos - 1);
        h = Math.imul(h ^ code, FNV_PRIME);
        if (pos - start + 1 >= MIN_NGRAM) this.table.add(mix(h), weight);
      }
    }
  }
}
