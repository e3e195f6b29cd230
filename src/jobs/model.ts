import { z } from 'zod';

/** Allowed values, shared by the schema's CHECK constraints, validation and the CLI's --help. */
export const REMOTE_MODES = ['remote', 'hybrid', 'onsite'] as const;
export const EMPLOYMENT_TYPES = [
  'full_time',
  'part_time',
  'contract',
  'temporary',
  'internship',
  'volunteer',
  'per_diem',
  'other',
] as const;
export const SALARY_PERIODS = ['hour', 'day', 'week', 'month', 'year'] as const;

export type RemoteMode = (typeof REMOTE_MODES)[number];
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export type SalaryPeriod = (typeof SALARY_PERIODS)[number];

/** The salary columns are numeric(12, 2): anything larger cannot be stored (and is no salary). */
export const MAX_SALARY = 9_999_999_999.99;

const isoDate = z.iso.date({ error: 'expected a date as YYYY-MM-DD' });
// PostgreSQL cannot store NUL in text: refused here, so no NUL ever reaches the database.
const NO_NUL = [(s: string) => !s.includes('\0'), { message: 'must not contain NUL characters (\\u0000)' }] as const;
const string = () => z.string().refine(...NO_NUL);
const text = (max: number) => z.string().trim().min(1).max(max).refine(...NO_NUL);

/**
 * A posting as a user or an importer gives it. Only `title` is required; everything else is
 * optional because real job boards omit almost anything. Salary figures are in `salaryCurrency`
 * per `salaryPeriod`; the annualised columns are derived when the job is stored.
 *
 * @example
 * JobInput.parse({ title: 'Data Engineer', company: 'Acme', country: 'GB', salaryMin: 50000,
 *                  salaryMax: 65000, salaryCurrency: 'GBP', salaryPeriod: 'year' });
 */
export const JobInput = z
  .object({
    /** Where the posting comes from (`manual`, `nhs-jobs`, a file name...). */
    source: text(100).default('manual'),
    /** The source's own id; with `source` it identifies the posting. Defaults to the content hash. */
    externalId: text(500).optional(),
    title: text(500),
    description: string().max(200_000).default(''),
    company: text(300).optional(),
    city: text(200).optional(),
    region: text(200).optional(),
    /** ISO 3166-1 alpha-2 where known (`GB`, `US`), otherwise the text as given. */
    country: text(100).optional(),
    remoteMode: z.enum(REMOTE_MODES).optional(),
    employmentType: z.enum(EMPLOYMENT_TYPES).optional(),
    salaryMin: z.number().nonnegative().max(MAX_SALARY).optional(),
    salaryMax: z.number().nonnegative().max(MAX_SALARY).optional(),
    salaryCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD or GBP')
      .optional(),
    salaryPeriod: z.enum(SALARY_PERIODS).optional(),
    /** The salary as the source wrote it, for reference. */
    salaryText: string().max(500).optional(),
    /** Set by importers when the salary is implausible: it is stored but not annualised. */
    salaryFlag: string().max(500).optional(),
    postedAt: isoDate.optional(),
    /** postedAt was derived from relative text ("30+ days ago"). */
    postedApproximate: z.boolean().optional(),
    expiresAt: isoDate.optional(),
    url: z.url().max(2000).refine(...NO_NUL).optional(),
    /** Canonical skill names; stored in skills/job_skills. */
    skills: z.array(text(100)).max(500).optional(),
  })
  .refine((j) => j.salaryMin === undefined || j.salaryMax === undefined || j.salaryMin <= j.salaryMax, {
    message: 'salaryMin must not exceed salaryMax',
    path: ['salaryMin'],
  });

export type JobInput = z.input<typeof JobInput>;
export type ValidJobInput = z.output<typeof JobInput>;

/** A stored posting, as the library returns it. */
export interface Job {
  id: number;
  source: string;
  externalId: string;
  title: string;
  description: string;
  company: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  remoteMode: RemoteMode | null;
  employmentType: EmploymentType | null;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryCurrency: string | null;
  salaryPeriod: SalaryPeriod | null;
  salaryAnnualMin: number | null;
  salaryAnnualMax: number | null;
  salaryText: string | null;
  salaryFlag: string | null;
  postedAt: string | null;
  postedApproximate: boolean;
  expiresAt: string | null;
  url: string | null;
  contentHash: string;
  skills: string[];
  createdAt: Date;
  updatedAt: Date;
}
