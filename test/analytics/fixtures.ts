/**
 * Nine hand-made postings whose statistics are worked out by hand in the tests: five data
 * engineering jobs (four paid in GBP, one in USD) and four nursing jobs (one with an implausible,
 * flagged salary, one with no salary and no date).
 */
const DATA = 'Build data pipelines in Python and SQL; Airflow, Spark and a cloud data warehouse.';
const NURSE = 'Registered nurse on a busy ward: patient care, medication rounds, night shifts.';

const year = (min: number | undefined, max: number | undefined, currency = 'GBP') => ({
  salaryMin: min,
  salaryMax: max,
  salaryCurrency: currency,
  salaryPeriod: 'year' as const,
});

export const MARKET = [
  {
    externalId: 'd1',
    title: 'Senior Data Engineer',
    company: 'Acme Data',
    city: 'London',
    country: 'GB',
    remoteMode: 'remote',
    employmentType: 'full_time',
    ...year(60000, 80000),
    postedAt: '2025-01-10',
    skills: ['Python', 'SQL', 'Airflow'],
  },
  {
    externalId: 'd2',
    title: 'Data Engineer II',
    company: 'Acme Data',
    city: 'Manchester',
    country: 'GB',
    remoteMode: 'hybrid',
    employmentType: 'full_time',
    ...year(50000, 60000),
    postedAt: '2025-01-20',
    skills: ['Python', 'SQL'],
  },
  {
    externalId: 'd3',
    title: 'Data Engineer - Platform',
    company: 'Acme Data',
    city: 'London',
    country: 'GB',
    remoteMode: 'remote',
    employmentType: 'full_time',
    ...year(65000, undefined),
    postedAt: '2025-02-05',
    skills: ['Python', 'Spark'],
  },
  // 500 a day is 115,000 a year (230 working days).
  {
    externalId: 'd4',
    title: 'Data Engineer (Contract)',
    company: 'Globex',
    city: 'London',
    country: 'GB',
    remoteMode: 'onsite',
    employmentType: 'contract',
    salaryMin: 500,
    salaryMax: 500,
    salaryCurrency: 'GBP',
    salaryPeriod: 'day',
    postedAt: '2025-02-15',
    skills: ['SQL', 'Spark'],
  },
  {
    externalId: 'd5',
    title: 'Lead Data Engineer',
    company: 'Globex',
    city: 'Austin',
    country: 'US',
    remoteMode: 'onsite',
    employmentType: 'full_time',
    ...year(120000, 140000, 'USD'),
    postedAt: '2025-02-20',
    skills: ['Python', 'Airflow'],
  },
  {
    externalId: 'n1',
    title: 'Staff Nurse',
    company: 'Leeds NHS Trust',
    city: 'Leeds',
    country: 'GB',
    remoteMode: 'onsite',
    employmentType: 'full_time',
    ...year(28000, 34000),
    postedAt: '2025-01-15',
    skills: ['Nursing', 'Patient Care'],
  },
  {
    externalId: 'n2',
    title: 'Senior Staff Nurse',
    company: 'Leeds NHS Trust',
    city: 'Leeds',
    country: 'GB',
    remoteMode: 'onsite',
    employmentType: 'full_time',
    ...year(34000, 40000),
    postedAt: '2025-02-01',
    skills: ['Nursing'],
  },
  // Flagged as implausible: stored as given, but no annual figure, so in no salary statistic.
  {
    externalId: 'n3',
    title: 'Staff Nurse - Nights',
    company: 'Bristol Care',
    city: 'Bristol',
    country: 'GB',
    ...year(10, 10),
    salaryFlag: '10 per year is outside 1,000-1,000,000',
    postedAt: '2025-02-10',
    skills: ['Nursing', 'Patient Care'],
  },
  { externalId: 'n4', title: 'Staff Nurse', city: 'York', country: 'GB', skills: ['Nursing'] },
].map((job) => ({ source: 'analytics-test', description: job.externalId.startsWith('d') ? DATA : NURSE, ...job }));

export const DATA_IDS = ['d1', 'd2', 'd3', 'd4', 'd5'];
