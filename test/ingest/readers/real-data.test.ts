/**
 * Every shared real file read completely. Counts were checked independently (Python's csv and
 * json modules): NHS 14,842 lines, all valid JSON-LD JobPostings; Glassdoor 956 rows; LinkedIn
 * DataAnalyst/DataScientist 975 rows each; Indeed cal_da_500/cal_ds_500 506 rows each. No file
 * has a malformed record, so any error item is a reader bug.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawPosting, RecordOrigin } from '../../../src/ingest/raw-posting.ts';
import { readPostings } from '../../../src/ingest/readers/read-postings.ts';
import { SHARED_DATA } from './helpers.ts';

interface FileSummary {
  count: number;
  errors: string[];
  first: RawPosting | undefined;
  firstOrigin: RecordOrigin | undefined;
  /** The first posting that has a salary range (NHS's first posting says only "negotiable"). */
  firstWithRange: RawPosting | undefined;
}

async function readAll(relative: string): Promise<FileSummary> {
  const summary: FileSummary = { count: 0, errors: [], first: undefined, firstOrigin: undefined, firstWithRange: undefined };
  for await (const item of readPostings(path.join(SHARED_DATA, relative))) {
    if (item.kind === 'error') {
      summary.errors.push(`${item.origin.line}: ${item.reason}`);
      continue;
    }
    summary.count += 1;
    summary.first ??= item.raw;
    summary.firstOrigin ??= item.origin;
    if (item.raw.salaryMin !== undefined) summary.firstWithRange ??= item.raw;
  }
  return summary;
}

function expectCommonFields(raw: RawPosting | undefined): void {
  expect(raw?.title).toBeTruthy();
  expect(raw?.company).toBeTruthy();
  expect(raw?.description?.length).toBeGreaterThan(100);
}

describe('real data, read completely', () => {
  it('NHS Jobs JSON-LD lines: 14,842 postings mapped by structure', async () => {
    const nhs = await readAll('nhs-jobs-2020/postings.jsonl');
    expect(nhs.errors).toEqual([]);
    expect(nhs.count).toBe(14_842);
    expectCommonFields(nhs.first);
    expect(nhs.first).toMatchObject({
      externalId: '915390428',
      title: 'Salaried GP/Lead Gp',
      company: 'Central Advertising - General Practitioners',
      city: 'ARLESEY',
      postalCode: 'SG15 6SN',
      country: 'GB',
      salaryText: 'negotiable',
      salaryCurrency: 'GBP',
      salaryUnit: 'YEAR',
      datePosted: '2018-12-27T10:50:17+0000',
      validThrough: '2020-12-31T23:59:59+0000',
      employmentType: 'FULL_TIME',
      industry: 'Healthcare',
      url: 'https://www.jobs.nhs.uk/xi/vacancy/915390428',
    });
    expect(nhs.first?.salaryMin).toBeUndefined();
    expect(nhs.firstWithRange).toMatchObject({
      salaryMin: '28333',
      salaryMax: '28333',
      salaryUnit: 'YEAR',
      salaryText: '£28,333.20 per annum',
      postalCode: expect.any(String),
      country: 'GB',
    });
  });

  it('Glassdoor CSV: 956 postings with multi-line descriptions and salary text', async () => {
    const glassdoor = await readAll('glassdoor-ds-2020/glassdoor_jobs.csv');
    expect(glassdoor.errors).toEqual([]);
    expect(glassdoor.count).toBe(956);
    expectCommonFields(glassdoor.first);
    expect(glassdoor.firstOrigin?.line).toBe(2);
    expect(glassdoor.first).toMatchObject({
      title: 'Data Scientist',
      company: 'Tecolote Research\n3.8',
      location: 'Albuquerque, NM',
      salaryText: '$53K-$91K (Glassdoor est.)',
      industry: 'Aerospace & Defense',
    });
    expect(glassdoor.first?.description).toMatch(/^Data Scientist\nLocation: Albuquerque, NM\n/);
  });

  it.each([
    ['linkedin-indeed-ca-2018/DataAnalyst.csv', 975, 'Payments Data Analyst', 'Logix Federal Credit Union'],
    ['linkedin-indeed-ca-2018/DataScientist.csv', 975, 'Data Scientist, Machine Learning', 'DoorDash'],
  ])('LinkedIn %s: %i postings', async (file, count, title, company) => {
    const linkedin = await readAll(file);
    expect(linkedin.errors).toEqual([]);
    expect(linkedin.count).toBe(count);
    expectCommonFields(linkedin.first);
    expect(linkedin.first).toMatchObject({ title, company, employmentType: 'Full-time' });
    expect(linkedin.first?.industry).toBeTruthy();
  });

  it.each([
    ['linkedin-indeed-ca-2018/cal_da_500.csv', 506, 'ed70cdc47e78e81b', 'Reporting and Data Analyst', '30+ days ago'],
    ['linkedin-indeed-ca-2018/cal_ds_500.csv', 506, 'e797c514652590bd', 'Data Scientist - Seller Modeling', '21 days ago'],
  ])('Indeed %s: %i postings with relative posting dates', async (file, count, externalId, title, datePosted) => {
    const indeed = await readAll(file);
    expect(indeed.errors).toEqual([]);
    expect(indeed.count).toBe(count);
    expectCommonFields(indeed.first);
    expect(indeed.first).toMatchObject({ externalId, title, datePosted });
  });
});
