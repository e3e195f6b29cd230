/** `eval`: search quality on labelled queries (nDCG@k, recall@k, MRR per mode and tag); see src/eval. */
import { MAX_LABELLED_SET_CHARS } from '../core/defaults.ts';
import { longText } from '../core/validation.ts';
import { EvalOptions, evaluateSearch } from '../eval/evaluate.ts';
import { parseLabelledSet } from '../eval/labelled-set.ts';
import { defineOperation } from './operation.ts';

export const evalOperation = defineOperation({
  name: 'eval',
  summary: 'measure search quality on labelled queries: nDCG@k, recall@k and MRR per mode (text, vector, hybrid) and per tag',
  input: EvalOptions.extend({
    set: longText(MAX_LABELLED_SET_CHARS).describe(
      'the labelled queries, JSON (format in the README, "Measuring search quality"); the CLI reads them from a file such as eval/nhs.json',
    ),
  }),
  args: [['set', 'file']],
  cliReadsFile: ['set'],
  http: { method: 'post', path: '/api/eval' },
  reads: true,
  run: ({ database, embedder }, { set, ...options }) => evaluateSearch(database.db, embedder, parseLabelledSet(set, 'the labelled queries'), options),
});
