/**
 * The one place that turns embedder configuration into an `Embedder`. Only the built-in hashing
 * embedder exists today; an HTTP provider will be another case of the switch.
 */
import type { Embedder } from './embedder.ts';
import { JobsightError } from '../errors.ts';
import { HashingEmbedder } from './hashing-embedder.ts';

export type { Embedder } from './embedder.ts';

/** Which embedder to build; `config.ts`'s resolved `EmbedderConfig` fits this shape. */
export interface EmbedderSettings {
  /** `hash`: offline feature hashing (`hash-ngram-v1`), no model or network needed. */
  provider: 'hash';
  /** Vector length, 2 to 16,000 (default 384). */
  dimensions?: number;
}

/**
 * @example
 * const embedder = createEmbedder({ provider: 'hash', dimensions: 384 });
 * embedder.name // 'hash-ngram-v1'
 */
export function createEmbedder(config: EmbedderSettings): Embedder {
  switch (config.provider) {
    case 'hash':
      return new HashingEmbedder({ dimensions: config.dimensions });
    default: {
      // Unreachable from TypeScript; guards configuration built by hand in JavaScript.
      const provider: never = config.provider;
      throw new JobsightError(`unknown embedder "${String(provider)}"`, { hint: 'available embedders: hash' });
    }
  }
}
