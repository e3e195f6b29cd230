/** How an `import chroma` summary looks on a terminal. */
import type { ChromaImportSummary } from '../../importers/chroma.ts';
import { printFacts, printTable } from '../output.ts';
import type { Printer } from './printer.ts';

const EMBEDDINGS: Record<ChromaImportSummary['embeddings'], string> = {
  kept: "the collection's, kept",
  reembedded: 'embedded again with this database’s embedder',
  queued: 'queued for `jobsight embed`',
};

export const importChroma: Printer = {
  progress: 'importing',
  print(s: ChromaImportSummary) {
    printFacts({
      collection: `${s.collection} at ${s.url} (stored as source ${s.source})`,
      read: s.read,
      imported: s.imported,
      skipped: `${s.skipped} (imported before)`,
      duplicates: `${s.duplicates} (same text as a stored posting)`,
      failed: s.failed,
      vectors: `${EMBEDDINGS[s.embeddings]} (collection: ${s.collectionDimensions ?? '?'} dimensions${s.collectionEmbedder ? `, ${s.collectionEmbedder}` : ''}; database: ${s.databaseEmbedder ?? '?'})`,
      time: `${s.seconds.toFixed(1)} s`,
    });
    if (s.failures.length > 0) {
      console.log('\nFirst failures:');
      printTable(s.failures, { id: (f) => f.id, reason: (f) => f.reason });
    }
  },
};
