/**
 * Builds eval/dupes-pairs.json, the labelled pairs the near-duplicate clustering is measured on,
 * from the shared real data loaded into the database at DATABASE_URL (see README, "Near-duplicate
 * postings"). Labels come from a word-level diff (the `diff` package), not from the trigram
 * similarity the clustering uses, so the measurement is not circular:
 *
 * - repost (duplicate): same title and employer, same city (or both unstated), texts differ by
 *   small edits (at most REPOST_CHANGE of the words added or removed, not identical);
 * - other-job: same title and employer, most of the text different (at least OTHER_CHANGE);
 * - other-site: same title and employer, the same advert (small edits) for two different cities;
 * - near-unrelated: nearest neighbours by embedding with another title and employer, text mostly different.
 *
 * Pairs in between (changed REPOST_CHANGE to OTHER_CHANGE) are left out: people would disagree. So
 * are small-edit pairs where one posting states a city and the other none: one advert without a
 * place next to the same advert for several sites is a repost of each, which no clustering (and
 * no consistent labelling) can say at once.
 *
 *   DATABASE_URL=postgres://... npx tsx scripts/build-dupes-pairs.ts > eval/dupes-pairs.json
 */
import { createHash } from 'node:crypto';
import { diffWords } from 'diff';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/database.ts';
import { openPostgres } from '../src/db/postgres.ts';

const REPOST_CHANGE = 0.1;
const OTHER_CHANGE = 0.5;
const PER_KIND = 250;

const FILES: Record<string, string> = {
  postings: 'nhs-jobs-2020/postings.jsonl',
  DataAnalyst: 'linkedin-indeed-ca-2018/DataAnalyst.csv',
  DataScientist: 'linkedin-indeed-ca-2018/DataScientist.csv',
  cal_da_500: 'linkedin-indeed-ca-2018/cal_da_500.csv',
  cal_ds_500: 'linkedin-indeed-ca-2018/cal_ds_500.csv',
};

interface Row {
  a: string;
  b: string;
  sa: string;
  sb: string;
  ea: string;
  eb: string;
  ta: string;
  tb: string;
  da: string;
  db: string;
  ca: string | null;
  cb: string | null;
}

/** Share of the words of both texts that a word diff adds or removes. */
function changed(x: string, y: string): number {
  let edits = 0;
  let total = 0;
  for (const part of diffWords(x, y)) {
    const words = part.value.split(/\s+/).filter(Boolean).length;
    total += part.added || part.removed ? words : 2 * words;
    if (part.added || part.removed) edits += words;
  }
  return total === 0 ? 0 : edits / total;
}

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL to a database holding the shared data (see the header)');
const database = await openPostgres({ kind: 'server', url, pool: { max: 2, idleTimeoutMillis: 1000, connectionTimeoutMillis: 5000 } });
const columns = sql`a.id::text as a, b.id::text as b, a.source as sa, b.source as sb, a.external_id as ea, b.external_id as eb,
  a.title as ta, b.title as tb, a.description as da, b.description as db, a.city as ca, b.city as cb`;
const sameJob = await queryRows<Row>(
  database.db,
  sql`select ${columns} from jobs a join jobs b on a.id < b.id and lower(a.title) = lower(b.title) and a.company_id = b.company_id`,
);
const near = await queryRows<Row>(
  database.db,
  sql`select ${columns} from (select id, embedding, title, company_id from jobs where id % 7 = 0) t
      cross join lateral (select j.id from jobs j order by j.embedding <=> t.embedding limit 4) n
      join jobs a on a.id = least(t.id, n.id) join jobs b on b.id = greatest(t.id, n.id)
      where n.id <> t.id and lower(a.title) <> lower(b.title) and a.company_id is distinct from b.company_id
        and (a.embedding <=> b.embedding) <= 0.3`,
);
await database.close();

const kinds: Record<string, { row: Row; change: number }[]> = { repost: [], 'other-job': [], 'other-site': [], 'near-unrelated': [] };
const place = (city: string | null) => city?.toLowerCase() ?? '';
for (const row of sameJob) {
  if (row.da === row.db) continue;
  const oneUnstated = !row.ca !== !row.cb;
  const change = changed(row.da, row.db);
  if (change <= REPOST_CHANGE && oneUnstated) continue;
  if (change <= REPOST_CHANGE) kinds[place(row.ca) === place(row.cb) ? 'repost' : 'other-site']!.push({ row, change });
  else if (change >= OTHER_CHANGE) kinds['other-job']!.push({ row, change });
}
for (const row of near) {
  const change = changed(row.da, row.db);
  if (change >= OTHER_CHANGE) kinds['near-unrelated']!.push({ row, change });
}
// A fixed sample: the same database gives the same pairs.
const order = (r: Row) => createHash('sha256').update(`${r.sa}/${r.ea}|${r.sb}/${r.eb}`).digest('hex');
const pairs = Object.entries(kinds).flatMap(([kind, found]) =>
  found
    .sort((x, y) => order(x.row).localeCompare(order(y.row)))
    .slice(0, PER_KIND)
    .map(({ row, change }) => ({
      kind,
      duplicate: kind === 'repost',
      changed: Number(change.toFixed(3)),
      a: { source: row.sa, externalId: row.ea, title: row.ta, city: row.ca },
      b: { source: row.sb, externalId: row.eb, title: row.tb, city: row.cb },
    })),
);
const found = Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, v.length]));
process.stdout.write(
  `${JSON.stringify(
    {
      about:
        'Labelled pairs of postings from the shared data (see scripts/build-dupes-pairs.ts for the rules); a source is the file it was ingested from.',
      files: FILES,
      rules: { repostChangeAtMost: REPOST_CHANGE, otherJobChangeAtLeast: OTHER_CHANGE, perKind: PER_KIND, found },
      pairs,
    },
    null,
    1,
  )}\n`,
);
