/**
 * Regressions for issue 10: company names that normalise to nothing ("!!!") were dropped
 * silently (case 8), and a NUL character in a job's text reached PostgreSQL, which refuses it
 * (case 4: a 500 from the API). Both through the library, on both engines.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.ts';
import { normalizeCompanyName } from '../../src/jobs/companies.ts';
import { addJob, updateJob } from '../../src/jobs/repository.ts';
import { parseFilters } from '../../src/search/filters.ts';
import { vectorSearch } from '../../src/search/vector.ts';
import { describeEngines, testEmbedder } from '../helpers/engines.ts';

it('a company name of only symbols is its own identity, not nothing', () => {
  expect(normalizeCompanyName('!!!')).toBe('!!!');
  expect(normalizeCompanyName('🚀  🚀')).toBe('🚀 🚀');
  expect(normalizeCompanyName('Acme, Inc.')).toBe('acme');
});

it('search refuses NUL in the query and in text filters before PostgreSQL sees it (%00 gave a 500)', async () => {
  // Refused while the options are checked, before the database (here: none) is touched.
  await expect(vectorSearch(undefined as never, testEmbedder, 'nurse\u0000')).rejects.toThrow(/query: must not contain a NUL/);
  expect(() => parseFilters({ city: 'Leeds\u0000' })).toThrow(/city: must not contain a NUL character/);
  expect(() => parseFilters({ skillsAny: ['SQL', '\u0000'] })).toThrow(/must not contain a NUL character/);
});

describeEngines('hostile job input', ({ database }) => {
  it('keeps a company whose name normalises to nothing (it was dropped silently)', async () => {
    const { db } = database();
    const job = await addJob(db, testEmbedder, { title: 'Brand Designer', company: '!!!', externalId: 'symbols-1' });
    expect(job.company).toBe('!!!');
    const other = await addJob(db, testEmbedder, { title: 'Copywriter', company: '???', externalId: 'symbols-2' });
    expect(other.company).toBe('???');
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from companies where name in ('!!!', '???')`);
    expect(row!.n).toBe(2);
  });

  it('refuses NUL characters in any text field with the field named, before PostgreSQL sees them', async () => {
    const { db } = database();
    for (const field of ['title', 'description', 'company', 'city', 'salaryText', 'source']) {
      const input = { title: 'Porter', externalId: `nul-${field}`, [field]: 'bad\u0000value' };
      await expect(addJob(db, testEmbedder, input)).rejects.toThrow(new RegExp(`invalid job: ${field}: must not contain a NUL character`));
    }
    const stored = await addJob(db, testEmbedder, { title: 'Porter', externalId: 'nul-ok' });
    await expect(updateJob(db, testEmbedder, stored.id, { description: 'x\u0000' })).rejects.toThrow(/description: must not contain a NUL character/);
  });
});
