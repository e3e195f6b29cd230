import { describe, expect, it } from 'vitest';
import { parseMapArgument, checkMapping } from '../../../src/ingest/readers/mapping-options.ts';
import { createRecordMapper, describeMapping } from '../../../src/ingest/readers/mapping.ts';

const glassdoorRow = {
  '(column 1)': '0',
  'Job Title': 'Data Scientist',
  'Salary Estimate': '$53K-$91K (Glassdoor est.)',
  'Job Description': 'Data Scientist\nLocation: Albuquerque, NM',
  Rating: '3.8',
  'Company Name': 'Tecolote Research\n3.8',
  Location: 'Albuquerque, NM',
  Competitors: '-1',
  Industry: '',
};

describe('automatic mapping by column name', () => {
  it('matches names ignoring case, spaces and underscores; keeps "-1" and turns blanks into undefined', () => {
    const map = createRecordMapper();
    expect(map(glassdoorRow)).toEqual({
      title: 'Data Scientist',
      salaryText: '$53K-$91K (Glassdoor est.)',
      description: 'Data Scientist\nLocation: Albuquerque, NM',
      company: 'Tecolote Research\n3.8',
      location: 'Albuquerque, NM',
    });
    expect(map({ JOB_TITLE: 'GP', employer: 'NHS', time_posted: '30+ days ago', 'Job URL': 'https://x', salary: '-1' })).toEqual({
      title: 'GP',
      company: 'NHS',
      datePosted: '30+ days ago',
      url: 'https://x',
      salaryText: '-1',
    });
  });

  it('describes the choice and lists the columns left unmapped', () => {
    const description = describeMapping(glassdoorRow);
    expect(description.fields.find((f) => f.target === 'title')).toEqual({ target: 'title', source: 'Job Title', how: 'by name' });
    expect(description.fields.find((f) => f.target === 'remote')).toEqual({ target: 'remote', source: undefined, how: 'unmapped' });
    expect(description.unmapped).toEqual(['(column 1)', 'Rating', 'Competitors']);
  });
});

describe('schema.org JobPosting', () => {
  const posting = {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: 'Staff Nurse',
    identifier: { '@type': 'PropertyValue', name: 'NHS Jobs', value: 'C9-123' },
    hiringOrganization: { '@type': 'Organization', name: 'Leeds Teaching Hospitals' },
    jobLocation: [
      {
        '@type': 'Place',
        address: {
          addressLocality: 'Leeds',
          addressRegion: 'West Yorkshire',
          postalCode: 'LS1 3EX',
          addressCountry: { '@type': 'Country', name: 'GB' },
        },
      },
      { '@type': 'Place', address: { addressLocality: 'York', addressCountry: 'GB' } },
    ],
    jobLocationType: 'TELECOMMUTE',
    baseSalary: {
      '@type': 'MonetaryAmount',
      currency: 'GBP',
      value: { '@type': 'QuantitativeValue', minValue: 28407, maxValue: '34581', unitText: 'YEAR', value: '£28,407 - £34,581 per annum' },
    },
    employmentType: ['FULL_TIME', 'PART_TIME'],
    datePosted: '2020-11-02',
    validThrough: '2020-11-30T23:59:59+0000',
    url: 'https://www.jobs.nhs.uk/xi/vacancy/1',
  };

  it('maps by structure', () => {
    expect(createRecordMapper()(posting)).toEqual({
      externalId: 'C9-123',
      title: 'Staff Nurse',
      company: 'Leeds Teaching Hospitals',
      location: 'Leeds, West Yorkshire, GB; York, GB',
      city: 'Leeds',
      region: 'West Yorkshire',
      postalCode: 'LS1 3EX',
      country: 'GB',
      salaryText: '£28,407 - £34,581 per annum',
      salaryMin: 28407,
      salaryMax: '34581',
      salaryCurrency: 'GBP',
      salaryUnit: 'YEAR',
      datePosted: '2020-11-02',
      validThrough: '2020-11-30T23:59:59+0000',
      employmentType: 'FULL_TIME,PART_TIME',
      remote: 'TELECOMMUTE',
      url: 'https://www.jobs.nhs.uk/xi/vacancy/1',
    });
  });

  it('takes a bare number in baseSalary.value as an exact salary, and a string identifier as is', () => {
    const raw = createRecordMapper()({ '@type': 'JobPosting', identifier: 'X1', baseSalary: { currency: 'USD', value: 52000 } });
    expect(raw).toEqual({ externalId: 'X1', salaryCurrency: 'USD', salaryMin: 52000, salaryMax: 52000 });
  });

  it('says which path each field came from', () => {
    const fields = describeMapping(posting).fields;
    expect(fields.find((f) => f.target === 'postalCode')).toEqual({
      target: 'postalCode',
      source: 'jobLocation[0].address.postalCode',
      how: 'schema.org',
    });
    expect(fields.find((f) => f.target === 'company')).toEqual({ target: 'company', source: 'hiringOrganization.name', how: 'schema.org' });
  });
});

describe('explicit mapping', () => {
  it('overrides the automatic choice for the fields it names, follows dotted paths, and can unmap', () => {
    const mapping = parseMapArgument('title=Summary,company=employer.name,description=');
    expect(mapping).toEqual({ title: 'Summary', company: 'employer.name', description: null });
    const map = createRecordMapper(mapping);
    expect(map({ title: 'ignored', Summary: 'Nurse', employer: { name: 'NHS' }, description: 'text', city: 'Leeds' })).toEqual({
      title: 'Nurse',
      company: 'NHS',
      city: 'Leeds',
    });
  });

  it('matches a column name loosely when it is not written exactly', () => {
    expect(createRecordMapper({ title: 'job title' }, { requireColumns: true })({ 'Job Title': 'GP' })).toEqual({ title: 'GP' });
  });

  it('rejects unknown targets, listing the allowed ones', () => {
    expect(() => parseMapArgument('titel=Job Title,company=Company Name')).toThrow(/--map: unknown target field "titel"/);
    const error = thrownBy(() => checkMapping({ titel: 'x', compnay: 'y' }, 'mapping.json'));
    expect(error).toMatchObject({
      message: 'mapping.json: unknown target fields "titel", "compnay"',
      hint: expect.stringMatching(/^Allowed targets: externalId, title, company, description, location, .*, industry\.$/),
    });
    expect(() => checkMapping({ title: 3 }, 'mapping.json')).toThrow(/a mapping must be an object of target field to source column name/);
    expect(() => parseMapArgument('title')).toThrow(/--map: "title" is not target=source/);
  });

  it('stops on a table whose header lacks an explicitly mapped column', () => {
    const map = createRecordMapper({ title: 'Job Titel' }, { requireColumns: true, file: 'jobs.csv' });
    expect(() => map({ 'Job Title': 'GP' })).toThrow('jobs.csv: the mapping title=Job Titel names a column the file does not have');
  });
});

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
