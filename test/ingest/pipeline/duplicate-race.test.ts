/**
 * Regression for issue 10 case 5: the same postings ingested at once under two source names were
 * stored twice (4,984 rows for 2,492 postings), because each ingest looked for duplicates before
 * its write transaction and neither saw the other's uncommitted rows. Duplicates are now decided
 * inside the write transaction, after locking the batch's content hashes.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { queryRows } from '../../../src/db/database.ts';
import { summaryAddsUp } from '../../../src/ingest/summary.ts';
import { describeEngines } from '../../helpers/engines.ts';
import { ingest } from '../../helpers/ingest.ts';

async function postingsFile(count: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jobsight-race-'));
  const file = path.join(dir, 'postings.jsonl');
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      title: `Clinical Coder ${i}`,
      company: `Trust ${i % 7}`,
      location: 'Leeds',
      description: `Coding clinical records, posting ${i}. SQL and Excel.`,
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describeEngines('duplicates under concurrent ingests', ({ database }) => {
  it('stores postings once when two ingests under two source names run at once', async () => {
    const d = database();
    const file = await postingsFile(400);
    const [a, b] = await Promise.all([
      ingest(d, [file], { source: 'board-a', batchSize: 50, threads: 0 }),
      ingest(d, [file], { source: 'board-b', batchSize: 50, threads: 0 }),
    ]);
    expect(summaryAddsUp(a) && summaryAddsUp(b)).toBe(true);
    const [row] = await queryRows<{ rows: number; hashes: number }>(
      d.db,
      sql`select count(*)::int as rows, count(distinct content_hash)::int as hashes from jobs`,
    );
    expect(row).toEqual({ rows: 400, hashes: 400 });
    expect(a.inserted + b.inserted).toBe(400);
    expect(a.duplicates + b.duplicates).toBe(400);
  });
});
