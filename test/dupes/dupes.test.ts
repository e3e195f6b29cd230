/**
 * Near-duplicate postings on the real shared data: the clustering's precision and recall on the
 * labelled pairs of eval/dupes-pairs.json stay above a floor, new postings join clusters
 * incrementally, and `dedupe` counts a cluster once in search and in the statistics.
 *
 * To keep the load small, the NHS postings are those the labelled pairs name (written to a
 * temporary file, read from the shared data), with every LinkedIn/Indeed posting around them.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { remoteShare } from '../../src/analytics/index.ts';
import { queryRows } from '../../src/db/database.ts';
import { readLabelledPairs, scoreClusters } from '../../src/dupes/evaluate.ts';
import { findDuplicates, listClusters } from '../../src/dupes/index.ts';
import { addJob, getJob } from '../../src/jobs/repository.ts';
import { textSearch } from '../../src/search/text.ts';
import { describeEngines, testEmbedder } from '../helpers/engines.ts';
import { ingest } from '../helpers/ingest.ts';
import { DATA_FILES } from '../helpers/shared-data.ts';

const PAIRS_FILE = path.resolve(import.meta.dirname, '../../eval/dupes-pairs.json');
const LOAD_TIMEOUT = 900_000;

// Measured on this sample (README, "Near-duplicate postings") less a margin.
const PRECISION_FLOOR = 0.9;
const RECALL_FLOOR = 0.75;

/** The NHS lines whose posting a labelled pair names, in a temporary file. */
async function labelledNhsFile(): Promise<string> {
  const labelled = await readLabelledPairs(PAIRS_FILE);
  const ids = new Set(
    labelled.pairs
      .flatMap((p) => [p.a, p.b])
      .filter((r) => r.source === 'postings')
      .map((r) => r.externalId),
  );
  const lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(DATA_FILES.nhs) })) {
    const id = /"_fileid":\s*"(\d+)"/.exec(line)?.[1];
    if (id && ids.has(id)) lines.push(line);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'jobsight-dupes-'));
  const file = path.join(dir, 'postings.jsonl');
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describeEngines('near-duplicate postings on the shared data', ({ database }) => {
  beforeAll(async () => {
    const d = database();
    await ingest(d, [await labelledNhsFile()], { referenceDate: new Date('2020-11-30T00:00:00Z') });
    await ingest(d, [DATA_FILES.linkedinAnalyst, DATA_FILES.linkedinScientist, DATA_FILES.indeedAnalyst, DATA_FILES.indeedScientist], {
      referenceDate: new Date('2018-07-31T00:00:00Z'),
    });
    await findDuplicates(d, { rebuild: true });
  }, LOAD_TIMEOUT);

  it('clusters the labelled reposts with precision and recall above their floors', async () => {
    const scores = await scoreClusters(database().db, await readLabelledPairs(PAIRS_FILE));
    const shown = JSON.stringify(scores);
    expect(scores.scored, shown).toBeGreaterThan(0.95 * scores.labelled);
    expect(scores.precision, shown).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    expect(scores.recall, shown).toBeGreaterThanOrEqual(RECALL_FLOOR);
  });

  it('stores each cluster with its earliest posting as canonical, and says whether one employer posted it all', async () => {
    const { shown, clusters } = await listClusters(database().db, { limit: 50 });
    expect(clusters).toBeGreaterThan(0);
    for (const cluster of shown) {
      expect(cluster.postings).toHaveLength(cluster.size);
      expect(cluster.postings[0]!.id).toBe(cluster.canonicalId);
      const dates = cluster.postings.map((p) => p.postedAt).filter((d): d is string => d !== null);
      if (dates.length > 0) expect(cluster.postings[0]!.postedAt).toBe(dates.sort()[0]);
      const employers = new Set(cluster.postings.map((p) => p.company));
      expect(cluster.sameEmployer).toBe(employers.size === 1 && !employers.has(null));
      const cities = new Set(cluster.postings.map((p) => p.city?.toLowerCase()).filter(Boolean));
      expect(cities.size, JSON.stringify(cluster.postings)).toBeLessThanOrEqual(1);
    }
  });

  it('an edited repost added later joins its cluster, examining only the new posting', async () => {
    const d = database();
    const { shown } = await listClusters(d.db, { limit: 1 });
    const original = (await getJob(d.db, shown[0]!.canonicalId))!;
    const repost = await addJob(d.db, testEmbedder, {
      source: 'repost-test',
      externalId: 'edited-1',
      title: original.title,
      company: original.company ?? undefined,
      city: original.city ?? undefined,
      description: `${original.description.replace(/\bthe\b/, 'our')} Apply soon: the closing date may come early.`,
    });
    const run = await findDuplicates(d, {});
    expect(run.rebuilt).toBe(false);
    expect(run.examined).toBe(1);
    const [row] = await queryRows<{ same: boolean }>(
      d.db,
      sql`select a.cluster_id = b.cluster_id as same from jobs a, jobs b where a.id = ${repost.id} and b.id = ${original.id}`,
    );
    expect(row?.same).toBe(true);
  });

  it('dedupe shows a cluster once in search and counts it once in the statistics (on there unless turned off)', async () => {
    const { db } = database();
    const clustersOf = async (ids: number[]) =>
      (
        await queryRows<{ cluster: string | null }>(
          db,
          sql`select cluster_id::text as cluster from jobs where id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        )
      )
        .map((c) => c.cluster)
        .filter(Boolean);
    const repeats = (clusters: unknown[]) => clusters.length - new Set(clusters).size;
    const all = await textSearch(db, 'registered nurse', { k: 200 });
    expect(repeats(await clustersOf(all.map((h) => h.id)))).toBeGreaterThan(0);
    const once = await textSearch(db, 'registered nurse', { k: 200, filters: { dedupe: true } });
    expect(repeats(await clustersOf(once.map((h) => h.id)))).toBe(0);

    const [totals] = await queryRows<{ jobs: number; duplicates: number }>(
      db,
      sql`select (select count(*) from jobs)::int as jobs, (select coalesce(sum(size - 1), 0) from job_clusters)::int as duplicates`,
    );
    expect(totals!.duplicates).toBeGreaterThan(0);
    expect((await remoteShare(db, testEmbedder, {})).total).toBe(totals!.jobs - totals!.duplicates);
    expect((await remoteShare(db, testEmbedder, { filters: { dedupe: false } })).total).toBe(totals!.jobs);
  });
});
