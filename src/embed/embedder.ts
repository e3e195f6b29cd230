/**
 * Turns texts into fixed-length vectors. Every provider (the built-in hashing embedder, HTTP
 * providers) implements this; the database records `name` and `dimensions` so that vectors
 * from different embedders are never compared.
 *
 * @example
 * const [v] = await embedder.embed(['senior data engineer, London']);
 * v.length === embedder.dimensions;
 */
export interface Embedder {
  /** Stable identifier, including anything that changes the vectors (e.g. `hash-ngram-v1`). */
  readonly name: string;
  /** Length of every vector returned. */
  readonly dimensions: number;
  /**
   * Set by CPU-bound embedders: settings from which `createEmbedder` builds an identical
   * embedder in a worker thread, so bulk work can run on other cores. HTTP embedders leave it unset.
   */
  readonly workerSettings?: WorkerEmbedderSettings;
  /** Loads what the embedder needs before its first use (e.g. word vectors), if anything. */
  ready?(): Promise<void>;
  /** Embeds a batch; returns one L2-normalised vector per text, in input order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/**
 * Settings from which a worker thread builds the same embedder (see `createEmbedder`); the
 * semantic embedder hands its loaded word vectors over as shared memory, not a copy.
 */
export type WorkerEmbedderSettings =
  | { provider: 'hash'; dimensions: number }
  | { provider: 'semantic'; dimensions: number; wordVectors?: SharedArrayBuffer };
