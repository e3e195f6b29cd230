/** `jobsight import chroma`: a ChromaDB collection's documents, metadata and vectors into jobs (src/importers/chroma.ts). */
import { z } from 'zod';
import { DEFAULT_CHROMA_PAGE, MAX_CHROMA_PAGE } from '../core/defaults.ts';
import { choice, isoDate, text, wholeNumber } from '../core/validation.ts';
import { importChroma } from '../importers/chroma.ts';
import { parseMapArgument } from '../ingest/readers/mapping-options.ts';
import { defineOperation } from './operation.ts';

export const importChromaOperation = defineOperation({
  name: 'import chroma',
  summary: "copy a ChromaDB collection's documents, metadata and embeddings into postings, in pages; run again to resume",
  input: z.strictObject({
    url: z.url('expected a URL such as http://127.0.0.1:8000').describe('the Chroma server, e.g. http://127.0.0.1:8000'),
    collection: text(200).describe('the collection to copy'),
    map: text(2000)
      .optional()
      .describe(
        'posting field = metadata key, comma-separated, e.g. "title=job_title,company=employer" (default: keys named like the fields; the document is the description)',
      ),
    reembed: z.boolean().default(false).describe("embed the documents with this database's embedder instead of keeping the collection's vectors"),
    embed: choice(['now', 'later'])
      .default('now')
      .describe('when documents are embedded again: now, or later through the embedding queue (`jobsight embed`)'),
    pageSize: wholeNumber(1, MAX_CHROMA_PAGE).default(DEFAULT_CHROMA_PAGE).describe('records per page and per transaction'),
    referenceDate: isoDate().optional().describe('date relative dates in the metadata count back from (default: today)'),
    taxonomy: text(4096).optional().describe('your own skills taxonomy (JSON), added to the built-in one'),
  }),
  cliOnly: { taxonomy: 'a file on the machine running the command' },
  write: true,
  http: { method: 'post', path: '/api/import/chroma' },
  run: ({ database, embedder, progress, note }, input) =>
    importChroma(database, embedder, {
      url: input.url,
      collection: input.collection,
      mapping: input.map ? parseMapArgument(input.map) : undefined,
      reembed: input.reembed,
      embedLater: input.embed === 'later',
      pageSize: input.pageSize,
      referenceDate: input.referenceDate ? new Date(`${input.referenceDate}T00:00:00Z`) : undefined,
      taxonomyFile: input.taxonomy,
      onProgress: (done, total) => progress?.(done, total, done),
      note,
    }),
});
