/**
 * Prints the precision and recall of the stored near-duplicate clusters on labelled pairs, for
 * the database the CLI would open (DATABASE_URL, or the embedded one in ./.jobsight or
 * JOBSIGHT_DATA_DIR). Run `jobsight dupes` first; see README, "Near-duplicate postings".
 *
 *   npx tsx scripts/dupes-eval.ts [eval/dupes-pairs.json]
 */
import { resolveConfig } from '../src/config.ts';
import { openConfiguredDatabase } from '../src/db/setup.ts';
import { readClusterState } from '../src/dupes/index.ts';
import { readLabelledPairs, scoreClusters } from '../src/dupes/evaluate.ts';

const file = process.argv[2] ?? 'eval/dupes-pairs.json';
const config = resolveConfig({}, process.env);
// As the CLI opens it: with the embedder the database records (the vectors are not used here).
const { database } = await openConfiguredDatabase(config, () => {});
try {
  const state = await readClusterState(database.db);
  const scores = await scoreClusters(database.db, await readLabelledPairs(file));
  console.log(`clusters built with ${state ? JSON.stringify(state.options) : 'nothing (run jobsight dupes first)'}`);
  console.log(`pairs: ${scores.labelled} labelled, ${scores.scored} with both postings stored`);
  for (const [kind, k] of Object.entries(scores.byKind)) console.log(`  ${kind}: ${k.foundDuplicate} of ${k.scored} found duplicates`);
  console.log(
    `precision ${scores.precision.toFixed(3)}  recall ${scores.recall.toFixed(3)}  (tp ${scores.truePositives}, fp ${scores.falsePositives}, fn ${scores.falseNegatives})`,
  );
} finally {
  await database.close();
}
