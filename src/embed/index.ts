/**
 * The one place that turns embedder configuration into an `Embedder`: the built-in semantic
 * embedder (the default), the built-in hashing embedder, or an OpenAI-compatible HTTP provider.
 */
import type { Embedder } from './embedder.ts';
import { JobsightError } from '../core/errors.ts';
import { HashingEmbedder } from './hashing-embedder.ts';
import { SifEmbedder } from './semantic/sif-embedder.ts';
import { OpenAICompatibleEmbedder, type OpenAICompatibleOptions } from './openai-compatible.ts';

export type { Embedder } from './embedder.ts';

/** `hash`: offline feature hashing (`hash-ngram-v1`), no model or network needed. */
export interface HashEmbedderSettings {
  provider: 'hash';
  /** Vector length, 2 to 16,000 (default 384). */
  dimensions?: number;
}

/**
 * `semantic` (the default): GloVe word vectors weighted by smooth inverse frequency, joined with
 * the hashing features (`src/embed/semantic/`). Offline; the word vectors load from a binary cache.
 */
export interface SemanticEmbedderSettings {
  provider: 'semantic';
  /** Vector length: 100 semantic dimensions plus the lexical part (default 384). */
  dimensions?: number;
  /** Word vectors already loaded by another thread (worker threads get the main thread's). */
  wordVectors?: SharedArrayBuffer;
}

/**
 * `openai`: any server with OpenAI's `POST /embeddings` (OpenAI, Azure OpenAI, Ollama's /v1,
 * vLLM, TEI, LM Studio). The options are documented on `OpenAICompatibleOptions`.
 */
export interface OpenAIEmbedderSettings
  extends Pick<OpenAICompatibleOptions, 'baseUrl' | 'model' | 'apiKey' | 'dimensions' | 'azureApiVersion'>,
    Partial<Pick<OpenAICompatibleOptions, 'sendDimensions' | 'batchSize' | 'concurrency' | 'maxRetries' | 'timeoutMs'>> {
  provider: 'openai';
}

/** Which embedder to build; `config.ts`'s resolved `EmbedderConfig` fits this shape. */
export type EmbedderSettings = HashEmbedderSettings | SemanticEmbedderSettings | OpenAIEmbedderSettings;

/**
 * @example
 * const embedder = createEmbedder({ provider: 'hash', dimensions: 384 });
 * embedder.name // 'hash-ngram-v1'
 * createEmbedder({ provider: 'openai', baseUrl: 'http://localhost:11434/v1', model: 'nomic-embed-text', dimensions: 768 })
 *   .name // 'openai:nomic-embed-text'
 */
export function createEmbedder(config: EmbedderSettings): Embedder {
  switch (config.provider) {
    case 'hash':
      return new HashingEmbedder({ dimensions: config.dimensions });
    case 'semantic':
      return new SifEmbedder({ dimensions: config.dimensions, wordVectors: config.wordVectors });
    case 'openai': {
      const { provider: _provider, ...options } = config;
      return new OpenAICompatibleEmbedder(options);
    }
    default: {
      // Unreachable from TypeScript; guards configuration built by hand in JavaScript.
      const provider: never = config;
      throw new JobsightError(`unknown embedder "${String((provider as { provider: unknown }).provider)}"`, {
        hint: 'available embedders: semantic, hash, openai',
      });
    }
  }
}
