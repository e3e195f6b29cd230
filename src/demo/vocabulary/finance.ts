/** Finance, accounting and general business roles (analysis, projects, HR, compliance). */
import { inEveryCountry, type Credentials, type FieldVocabulary, type Level } from './types.ts';

/** Clerical roles have a short ladder; "Principal Bookkeeper" is not a thing. */
const CLERICAL: readonly Level[] = [
  { title: '{role}', pay: 1, years: [1, 3], weight: 4 },
  { title: 'Senior {role}', pay: 1.15, years: [3, 6] },
];

/** Accountancy bodies, by country; most finance postings ask for one. */
const ACCOUNTANCY: Credentials = {
  GB: ['ACCA', 'CIMA', 'ACA', 'AAT'], US: ['CPA'], IN: ['Chartered Accountant (CA)'], AU: ['CPA Australia', 'CA ANZ'],
  CA: ['CPA (Canada)'], IE: ['ACCA', 'ACA', 'CPA Ireland'], DE: ['Steuerfachangestellte qualification'], NL: ['RA or AA qualification'],
};
const HR: Credentials = { GB: ['CIPD Level 5'], IE: ['CIPD Level 5'], US: ['SHRM-CP'], CA: ['CHRP designation'], AU: ['AHRI certification'] };

export const finance: FieldVocabulary = {
  id: 'finance',
  weight: 13,
  levels: [
    { title: 'Junior {role}', pay: 0.72, years: [0, 2], weight: 1.5 },
    { title: 'Graduate {role}', pay: 0.65, years: [0, 1], weight: 0.3, countries: ['GB', 'IE'] },
    { title: '{role}', pay: 1, years: [2, 5], weight: 4 },
    { title: 'Senior {role}', pay: 1.25, years: [5, 8], weight: 2.5 },
    { title: 'Lead {role}', pay: 1.4, years: [7, 10], weight: 0.5 },
  ],
  roles: [
    { title: 'Accountant', group: 'accounting', baseUsd: 78_000, weight: 4, skills: ['Excel', 'month-end close', 'reconciliations', 'Xero', 'QuickBooks', 'SAP'] },
    { title: 'Management Accountant', group: 'accounting', baseUsd: 82_000, weight: 2, countries: ['GB', 'IE', 'AU', 'IN'], skills: ['management accounts', 'budgeting', 'variance analysis', 'Excel', 'Sage'] },
    { title: 'Financial Analyst', group: 'accounting', baseUsd: 88_000, weight: 3, skills: ['Excel', 'financial modelling', 'forecasting', 'SQL', 'Power BI', 'Anaplan'] },
    { title: 'FP&A Analyst', group: 'accounting', baseUsd: 92_000, weight: 1.5, skills: ['financial planning', 'forecasting', 'Excel', 'Adaptive Insights', 'variance analysis'] },
    { title: 'Accounts Payable Clerk', group: 'accounting', baseUsd: 46_000, weight: 2, levels: CLERICAL, skills: ['accounts payable', 'invoice processing', 'Excel', 'SAP', 'supplier reconciliations'] },
    { title: 'Credit Controller', group: 'accounting', baseUsd: 48_000, weight: 1, countries: ['GB', 'IE', 'AU'], levels: CLERICAL, skills: ['credit control', 'Sage', 'Excel', 'debt collection'] },
    { title: 'Payroll Specialist', group: 'accounting', baseUsd: 60_000, weight: 1.5, levels: CLERICAL, skills: ['payroll processing', 'ADP', 'Sage Payroll', 'Excel', 'HMRC compliance'] },
    { title: 'Bookkeeper', group: 'accounting', baseUsd: 47_000, weight: 1.5, levels: CLERICAL, skills: ['bookkeeping', 'Xero', 'QuickBooks', 'bank reconciliations', 'VAT returns'] },
    { title: 'Internal Auditor', group: 'accounting', baseUsd: 85_000, weight: 1, skills: ['internal audit', 'risk assessment', 'SOX compliance', 'internal controls'] },
    { title: 'Tax Associate', group: 'accounting', baseUsd: 76_000, weight: 1, skills: ['tax compliance', 'corporate tax', 'Excel', 'tax research'] },
    { title: 'Financial Controller', group: 'accounting', baseUsd: 135_000, weight: 1, skills: ['statutory reporting', 'IFRS', 'cash-flow management', 'team leadership', 'NetSuite'],
      levels: [{ title: '{role}', pay: 1, years: [7, 12], weight: 3 }, { title: 'Group {role}', pay: 1.2, years: [10, 15] }, { title: 'Interim {role}', pay: 1.05, years: [8, 15], weight: 0.6 }] },
    { title: 'Finance Manager', group: 'accounting', baseUsd: 115_000, weight: 1.5, skills: ['budgeting', 'management accounts', 'Excel', 'stakeholder management', 'NetSuite'],
      levels: [{ title: '{role}', pay: 1, years: [5, 10] }] },
    { title: 'Credit Analyst', group: 'accounting', baseUsd: 78_000, credentials: {}, weight: 1, skills: ['credit risk', 'financial statement analysis', 'Excel', 'Moody\'s ratings'] },
    { title: 'Investment Analyst', group: 'accounting', baseUsd: 105_000, credentials: inEveryCountry(['CFA', 'CFA Level II']), weight: 1, skills: ['valuation', 'financial modelling', 'Bloomberg Terminal', 'Excel', 'equity research'] },
    { title: 'Business Analyst', group: 'business', baseUsd: 92_000, credentials: inEveryCountry(['CBAP', 'BCS Business Analysis certificate']), weight: 3, skills: ['requirements gathering', 'Jira', 'SQL', 'process mapping', 'BPMN', 'user stories'] },
    { title: 'Project Manager', group: 'business', baseUsd: 102_000, credentials: inEveryCountry(['PRINCE2 Practitioner', 'PMP']), weight: 3, skills: ['Agile', 'MS Project', 'risk management', 'budget management', 'stakeholder management', 'Jira'] },
    { title: 'Operations Manager', group: 'business', baseUsd: 92_000, credentials: {}, weight: 1.5, skills: ['process improvement', 'Lean Six Sigma', 'KPI reporting', 'people management'],
      levels: [{ title: '{role}', pay: 1, years: [4, 8], weight: 3 }, { title: 'Senior {role}', pay: 1.2, years: [7, 12] }] },
    { title: 'HR Advisor', group: 'people', baseUsd: 58_000, credentials: HR, weight: 1.5, skills: ['employee relations', 'employment law', 'Workday', 'recruitment', 'absence management'] },
    { title: 'HR Business Partner', group: 'people', baseUsd: 98_000, credentials: HR, weight: 1, skills: ['employee relations', 'organisational design', 'Workday', 'change management'] },
    { title: 'Compliance Officer', group: 'compliance', baseUsd: 92_000, credentials: inEveryCountry(['ICA Diploma in Compliance', 'CAMS']), weight: 1, skills: ['AML', 'KYC', 'regulatory reporting', 'risk management'] },
    { title: 'Management Consultant', group: 'business', baseUsd: 115_000, credentials: {}, weight: 1, skills: ['PowerPoint', 'Excel', 'financial modelling', 'stakeholder management', 'market analysis'] },
  ],
  commonSkills: ['Excel', 'stakeholder management', 'attention to detail', 'Power BI', 'SAP', 'report writing'],
  localSkills: {
    GB: ['UK GAAP', 'Sage'], US: ['US GAAP', 'SOX compliance', 'NetSuite'], IN: ['Tally', 'GST compliance', 'Ind AS'],
    AU: ['MYOB', 'Xero'], CA: ['IFRS'], DE: ['DATEV', 'HGB', 'IFRS'], IE: ['IFRS'], NL: ['IFRS', 'Exact Online'],
  },
  credentials: ACCOUNTANCY,
  companies: [
    'Ashgrove Capital', 'Brookmere Accountancy', 'Pennant Advisory', 'Holloway & Strand', 'Keystone Ledger', 'Marchbank Financial',
    'Ravensworth Insurance', 'Glenmorrow Bank', 'Fairholt Consulting', 'Tillbrook Asset Management', 'Quayside Payments',
    'Copperleaf Wealth', 'Elmstead Partners', 'Harrowgate Mutual', 'Summerford Building Society',
  ],
  localCompanies: {
    IN: ['Shreyas Finserv', 'Mahanadi Capital Advisors', 'Kaushal & Iyer Chartered Accountants'],
    DE: ['Mainufer Finanz AG'],
    GB: ['Whitlock Rowe LLP'],
  },
  teams: ['Finance', 'Financial Planning & Analysis', 'Group Reporting', 'Treasury', 'Audit', 'Tax', 'Transformation', 'People', 'Risk and Compliance', 'Operations'],
  about: [
    '{company} is an independent accountancy practice with clients ranging from start-ups to listed groups.',
    'We are a mid-sized insurer with a reputation for doing things properly.',
    '{company} manages investments for pension funds and charities.',
    '{company} is a mutual owned by its members, not shareholders.',
    'Our advisory team helps businesses across {country} through growth, change and restructuring.',
    '{company} is a growing group of companies with a central finance function in {place}.',
  ],
  duties: [
    'build strong relationships with colleagues across the business',
    'improve processes and controls in your area',
    'put your {skill} expertise to work across the business',
    'prepare clear reports for senior leaders',
  ],
  groups: {
    accounting: {
      duties: [
        'prepare monthly management accounts and commentary',
        'own the month-end close and balance sheet reconciliations',
        'build and maintain financial models',
        'support the annual budget and quarterly forecasts',
        'process supplier invoices and payment runs accurately',
        'liaise with external auditors during the year-end audit',
        'analyse variances and explain them to budget holders',
      ],
      requirements: [
        'strong numeracy and attention to detail',
        'a degree in accounting, finance or a related subject',
      ],
    },
    business: {
      duties: [
        'gather requirements and translate them into clear user stories',
        'manage project plans, risks and budgets from start to finish',
        'map current processes and design better ones',
        'run workshops with stakeholders at every level',
        'track benefits and report progress to steering groups',
      ],
      requirements: [
        'experience delivering change in a complex organisation',
        'a structured, analytical approach to problems',
      ],
    },
    people: {
      duties: [
        'advise managers on employee relations cases',
        'support recruitment, onboarding and absence management',
        'keep HR policies up to date with employment law',
        'coach managers through organisational change',
      ],
      requirements: [
        'sound knowledge of employment law',
        'discretion and sound judgement',
      ],
    },
    compliance: {
      duties: [
        'monitor transactions and escalate suspicious activity',
        'carry out KYC reviews on new and existing clients',
        'prepare regulatory returns accurately and on time',
        'train colleagues on financial crime risks',
      ],
      requirements: [
        'experience in a regulated financial services firm',
      ],
    },
  },
  requirements: [
    '{credential} (essential)',
    'a recognised qualification such as {credential}',
    '{years}+ years of experience in a similar role',
    'advanced {skill} skills',
    'experience with {skill} and {skill}',
    'working knowledge of {skill}',
    'the confidence to challenge and influence senior stakeholders',
    'excellent organisational skills and the ability to meet deadlines',
    'experience in a fast-paced, multi-entity environment',
  ],
  schedules: [
    'Working hours are Monday to Friday, 9am to 5:30pm, with flexibility around month end.',
    'This is a 37.5-hour week, with core hours of 10am to 4pm.',
  ],
  perks: ['study support for professional qualifications', 'an annual bonus scheme', 'flexible working', 'a hybrid working policy', 'a volunteering day', 'a generous pension'],
  localPerks: {},
  remote: [['hybrid', 52], ['onsite', 34], ['remote', 14]],
  employment: [['full_time', 85], ['contract', 8], ['part_time', 5], ['temporary', 2]],
  hourlyShare: 0.03,
  noSalaryShare: 0.17,
  countryBias: { GB: 1.2, IN: 1.1 },
};
