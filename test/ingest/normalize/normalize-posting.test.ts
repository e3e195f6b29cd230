import { describe, expect, it } from 'vitest';
import { JobInput } from '../../../src/core/posting.ts';
import type { RawPosting } from '../../../src/ingest/raw-posting.ts';
import { normalizePosting } from '../../../src/ingest/normalize/normalize-posting.ts';

const nhsOptions = { source: 'nhs-jobs', referenceDate: new Date('2020-11-15T00:00:00Z'), defaultCurrency: 'GBP' };
const glassdoorOptions = { source: 'glassdoor', referenceDate: new Date('2020-05-01T00:00:00Z'), defaultCurrency: 'USD' };

/** NHS Jobs vacancy 915700878 (postings.jsonl line 2), field by field as the JSON-LD reader gives them. */
const nhsRow: RawPosting = {
  externalId: '915700878',
  title: 'Registered Mental Nurse (RMN)',
  description:
    '&lt;p&gt;Priory Hospital Preston is a 38-bedded independent mental health hospital, specialising in the management and treatment of acute.&lt;/p&gt;\n' +
    '&lt;p&gt;Bartle Ward – 10-bedded eating disorders&lt;br /&gt;Cottam Ward – 12-bedded acute mental health&lt;br /&gt;Rosemary Ward – 16-bedded acute mental health&lt;/p&gt;',
  company: 'Priory Group',
  city: 'Bartle, Preston',
  postalCode: 'PR4 0HB',
  country: 'GB',
  salaryText: '£28,333.20 per annum',
  salaryMin: '28333',
  salaryMax: '28333',
  salaryCurrency: 'GBP',
  salaryUnit: 'YEAR',
  datePosted: '2019-08-08T11:13:33+0100',
  validThrough: '2020-11-27T23:59:59+0000',
  employmentType: 'FULL_TIME',
  url: 'https://www.jobs.nhs.uk/xi/vacancy/915700878',
  industry: 'Healthcare',
};

/** glassdoor_jobs.csv row 0, description shortened. */
const glassdoorRow: RawPosting = {
  externalId: '0',
  title: 'Data Scientist',
  salaryText: '$53K-$91K (Glassdoor est.)',
  description:
    'Data Scientist\nLocation: Albuquerque, NM\nEducation Required: Bachelor’s degree required, preferably in math, engineering, business, or the sciences.',
  company: 'Tecolote Research\n3.8',
  location: 'Albuquerque, NM',
  industry: 'Aerospace & Defense',
};

describe('normalizePosting', () => {
  it('turns an NHS Jobs row into a valid job', () => {
    const result = normalizePosting(nhsRow, nhsOptions);
    expect(result).toEqual({
      ok: true,
      flags: [],
      postedApproximate: false,
      job: {
        source: 'nhs-jobs',
        externalId: '915700878',
        title: 'Registered Mental Nurse (RMN)',
        description:
          'Priory Hospital Preston is a 38-bedded independent mental health hospital, specialising in the management and treatment of acute.\n\n' +
          'Bartle Ward – 10-bedded eating disorders\nCottam Ward – 12-bedded acute mental health\nRosemary Ward – 16-bedded acute mental health',
        company: 'Priory Group',
        city: 'Preston',
        country: 'GB',
        employmentType: 'full_time',
        salaryMin: 28_333.2,
        salaryMax: 28_333.2,
        salaryCurrency: 'GBP',
        salaryPeriod: 'year',
        salaryText: '£28,333.20 per annum',
        postedAt: '2019-08-08',
        expiresAt: '2020-11-27',
        url: 'https://www.jobs.nhs.uk/xi/vacancy/915700878',
      },
    });
    if (result.ok) expect(JobInput.safeParse(result.job).success).toBe(true);
  });

  it('turns a Glassdoor row into a valid job', () => {
    const result = normalizePosting(glassdoorRow, glassdoorOptions);
    expect(result).toMatchObject({
      ok: true,
      flags: [],
      job: {
        title: 'Data Scientist',
        company: 'Tecolote Research',
        city: 'Albuquerque',
        region: 'NM',
        country: 'US',
        salaryMin: 53_000,
        salaryMax: 91_000,
        salaryCurrency: 'USD',
        salaryPeriod: 'year',
      },
    });
    if (result.ok) expect(result.job.description).toContain('Location: Albuquerque, NM\nEducation Required');
  });

  it('keeps a posting whose salary is not believable, with the figures flagged out of the annual ones, and says why', () => {
    const result = normalizePosting({ ...nhsRow, salaryText: 'NP22 5PW', salaryMin: '8405', salaryMax: '8405' }, nhsOptions);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.flags).toEqual(['salary: figures 8,405 were taken from the postcode in "NP22 5PW"']);
    expect(result.job).toMatchObject({
      salaryMin: 8405,
      salaryText: 'NP22 5PW',
      salaryFlag: 'figures 8,405 were taken from the postcode in "NP22 5PW"',
    });
  });

  it('flags relative dates it cannot read and marks "30+ days ago" approximate (Indeed rows)', () => {
    const indeed = { title: 'Data Analyst', company: 'Plethora', location: 'San Diego, CA' };
    const collected = { source: 'cal_da_500.csv', referenceDate: new Date('2018-07-15T00:00:00Z') };
    expect(normalizePosting({ ...indeed, datePosted: '30+ days ago' }, collected)).toMatchObject({
      ok: true,
      postedApproximate: true,
      job: { postedAt: '2018-06-15' },
    });
    expect(normalizePosting({ ...indeed, datePosted: 'save job' }, collected)).toMatchObject({
      ok: true,
      flags: ['datePosted: "save job" is not a date; left out'],
    });
  });

  it('rejects rows that cannot be postings, naming the field', () => {
    expect(normalizePosting({ ...glassdoorRow, title: undefined }, glassdoorOptions)).toEqual({
      ok: false,
      field: 'title',
      reason: 'the posting has no title',
    });
    expect(normalizePosting({ ...glassdoorRow, title: '  ' }, glassdoorOptions)).toMatchObject({ ok: false, field: 'title' });
    expect(normalizePosting({ ...glassdoorRow, title: '-1' }, glassdoorOptions)).toEqual({
      ok: false,
      field: 'title',
      reason: 'title "-1" is a placeholder, not a job title',
    });
    // NHS Jobs has one vacancy whose title column holds its reference.
    expect(normalizePosting({ ...nhsRow, title: '200002L8' }, nhsOptions)).toEqual({
      ok: false,
      field: 'title',
      reason: 'title "200002L8" looks like a reference number, not a job title',
    });
  });

  it('keeps short real titles (NHS grades "GP", "FY2", "ST3+") and decodes entities', () => {
    for (const title of ['GP', 'FY2', 'ST3+']) expect(normalizePosting({ ...nhsRow, title }, nhsOptions)).toMatchObject({ ok: true, job: { title } });
    expect(normalizePosting({ ...nhsRow, title: 'Registered A&amp;E Nurse' }, nhsOptions)).toMatchObject({ job: { title: 'Registered A&E Nurse' } });
  });

  it('turns a schema failure into a reject naming the field', () => {
    const result = normalizePosting({ ...glassdoorRow, title: 'Data Scientist '.repeat(40) }, glassdoorOptions);
    expect(result).toMatchObject({ ok: false, field: 'title' });
    const badSource = normalizePosting(glassdoorRow, { ...glassdoorOptions, source: '' });
    expect(badSource).toMatchObject({ ok: false, field: 'source' });
  });
});
