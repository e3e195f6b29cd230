/**
 * Precision and recall of the stored clusters on labelled pairs of postings (eval/dupes-pairs.json,
 * built by scripts/build-dupes-pairs.ts): a pair is found a duplicate when both postings are in
 * one cluster. Pairs whose postings are not in the database are counted as missing, not scored.
 */
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../core/validation.ts';
import { queryRows, type Db } from '../db/database.ts';

const PostingRef = z.object({ source: z.string(), externalId: z.string() }).loose();

export const LabelledPairs = z
  .object({
    pairs: z.array(z.object({ kind: z.string(), duplicate: z.boolean(), a: PostingRef, b: PostingRef }).loose()).min(1),
  })
  .loose();
export type LabelledPairs = z.output<typeof LabelledPairs>;

export interface PairScores {
  labelled: number;
  /** Pairs with both postings stored (the others are not scored). */
  scored: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Per kind of pair: how many were scored and how many were found duplicates. */
  byKind: Record<string, { scored: number; foundDuplicate: number }>;
}

export async function readLabelledPairs(file: string): Promise<LabelledPairs> {
  return parseInput(LabelledPairs, JSON.parse(await readFile(file, 'utf8')), { what: `labelled pairs in ${file}` });
}

/** Scores the stored clusters on the labelled pairs. */
export async function scoreClusters(db: Db, labelled: LabelledPairs): Promise<PairScores> {
  const refs = labelled.pairs.flatMap((p) => [p.a, p.b]);
  const rows = await queryRows<{ source: string; externalId: string; cluster: string | null }>(
    db,
    sql`select source, external_id as "externalId", cluster_id::text as cluster from jobs
        where (source, external_id) in (select * from unnest(${`{${refs.map((r) => JSON.stringify(r.source)).join(',')}}`}::text[],
                                                            ${`{${refs.map((r) => JSON.stringify(r.externalId)).join(',')}}`}::text[]))`,
  );
  const clusterOf = new Map(rows.map((r) => [`${r.source}\u0000${r.externalId}`, r.cluster]));
  const key = (r: { source: string; externalId: string }) => `${r.source}\u0000${r.externalId}`;
  const scores: PairScores = {
    labelled: labelled.pairs.length,
    scored: 0,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    precision: 0,
    recall: 0,
    byKind: {},
  };
  for (const pair of labelled.pairs) {
    if (!clusterOf.has(key(pair.a)) || !clusterOf.has(key(pair.b))) continue;
    const a = clusterOf.get(key(pair.a));
    const together = a !== null && a === clusterOf.get(key(pair.b));
    scores.scored++;
    const kind = scores.byKind[pair.kind] ?? { scored: 0, foundDuplicate: 0 };
    scores.byKind[pair.kind] = kind;
    kind.scored++;
    if (together) kind.foundDuplicate++;
    if (together && pair.duplicate) scores.truePositives++;
    else if (together) scores.falsePositives++;
    else if (pair.duplicate) scores.falseNegatives++;
  }
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = scores;
  scores.precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  scores.recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return scores;
}
