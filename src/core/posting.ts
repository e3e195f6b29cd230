/**
 * A job posting's fields, described once. Drizzle's table (db/schema.ts) holds the columns;
 * everything else is derived from JOB_FIELDS here: the input schema people and importers are
 * checked against (JobInput), the shapes the library and the API return (JobRecord, HitRecord),
 * the columns a search hit selects (search/hits.ts), the binary COPY column list
 * (ingest/load/staging.ts), the stored values (jobs/derived.ts) and the repository's select.
 */
import { z } from 'zod';
import { choice, currencyCode, isoDate, nonNegativeNumber, text } from './validation.ts';

/** Allowed values, shared by the schema's CHECK constraints, validation and the CLI's --help. */
export const REMOTE_MODES = ['remote', 'hybrid', 'onsite'] as const;
export const EMPLOYMENT_TYPES = ['full_time', 'part_time', 'contract', 'temporary', 'internship', 'volunteer', 'per_diem', 'other'] as const;
export const SALARY_PERIODS = ['hour', 'day', 'week', 'month', 'year'] as const;

export type RemoteMode = (typeof REMOTE_MODES)[number];
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export type SalaryPeriod = (typeof SALARY_PERIODS)[number];

/** The salary columns are numeric(12, 2): anything larger cannot be stored (and is no salary). */
export const MAX_SALARY = 9_999_999_999.99;

/** How a field travels in binary COPY; the staging table declares the matching SQL type. */
export type CopyType = 'text' | 'int8' | 'float8' | 'numeric' | 'date' | 'bool' | 'vector';

interface FieldSpec {
  /** Its type in binary COPY, which also says how it reads back (text, number, YYYY-MM-DD, boolean). */
  copy: CopyType;
  /** The column is NOT NULL. */
  required?: true;
  /** How a user or an importer gives it; absent for values Jobsight derives (annualised pay, hash). */
  input?: z.ZodType;
  /** Every search hit carries it. */
  hit?: true;
}

const salary = () => nonNegativeNumber(MAX_SALARY);

/**
 * The stored fields of a posting, in COPY order (the company is stored as `companyId`, the
 * embedding and the skills beside these). Only `title` is required from people; real job boards
 * omit almost anything else.
 */
export const JOB_FIELDS = {
  source: { copy: 'text', required: true, input: text(100).default('manual').describe('where the posting comes from (default "manual")') },
  externalId: { copy: 'text', required: true, input: text(500).optional().describe("the source's id for the posting (default: content hash)") },
  title: { copy: 'text', required: true, hit: true, input: text(500).describe('job title') },
  description: { copy: 'text', required: true, input: z.string('must be text').max(200_000).default('').describe('description text') },
  city: { copy: 'text', hit: true, input: text(200).optional().describe('city') },
  region: { copy: 'text', hit: true, input: text(200).optional().describe('region, state or county') },
  country: { copy: 'text', hit: true, input: text(100).optional().describe('country, ISO code such as GB or US where known') },
  remoteMode: { copy: 'text', hit: true, input: choice(REMOTE_MODES).optional().describe('remote mode') },
  employmentType: { copy: 'text', input: choice(EMPLOYMENT_TYPES).optional().describe('employment type') },
  salaryMin: { copy: 'numeric', input: salary().optional().describe('lowest pay per period') },
  salaryMax: { copy: 'numeric', input: salary().optional().describe('highest pay per period') },
  salaryCurrency: { copy: 'text', hit: true, input: currencyCode().optional().describe('ISO 4217 currency, e.g. GBP') },
  salaryPeriod: { copy: 'text', input: choice(SALARY_PERIODS).optional().describe('pay period') },
  salaryAnnualMin: { copy: 'numeric', hit: true },
  salaryAnnualMax: { copy: 'numeric', hit: true },
  salaryText: { copy: 'text', input: z.string('must be text').max(500).optional().describe('the salary as the source wrote it') },
  salaryFlag: {
    copy: 'text',
    input: z.string('must be text').max(500).optional().describe('why the salary is implausible (kept out of annual figures)'),
  },
  postedAt: { copy: 'date', hit: true, input: isoDate().optional().describe('date posted, YYYY-MM-DD') },
  postedApproximate: {
    copy: 'bool',
    required: true,
    input: z.boolean('must be true or false').optional().describe('postedAt was worked out from relative text'),
  },
  expiresAt: { copy: 'date', input: isoDate().optional().describe('closing date, YYYY-MM-DD') },
  url: { copy: 'text', input: z.url('must be an http(s) URL').max(2000).optional().describe('link to the posting') },
  contentHash: { copy: 'text', required: true },
} as const satisfies Record<string, FieldSpec>;

export type JobField = keyof typeof JOB_FIELDS;
export const JOB_FIELD_NAMES = Object.keys(JOB_FIELDS) as JobField[];

type InputKeys = { [K in JobField]: (typeof JOB_FIELDS)[K] extends { input: z.ZodType } ? K : never }[JobField];
const inputShape = Object.fromEntries(Object.entries(JOB_FIELDS).flatMap(([key, spec]) => ('input' in spec ? [[key, spec.input]] : []))) as {
  [K in InputKeys]: (typeof JOB_FIELDS)[K]['input'];
};

/** Fields a user gives besides the stored columns: the employer's name and the skills. */
export const JOB_INPUT_FIELDS = {
  ...inputShape,
  company: text(300).optional().describe('employer'),
  skills: z.array(text(100)).max(500).optional().describe("canonical skill names (replace the job's skills)"),
};

/**
 * A posting as a user or an importer gives it. Salary figures are in `salaryCurrency` per
 * `salaryPeriod`; the annualised columns are derived when the job is stored.
 *
 * @example
 * JobInput.parse({ title: 'Data Engineer', company: 'Acme', country: 'GB', salaryMin: 50000,
 *                  salaryMax: 65000, salaryCurrency: 'GBP', salaryPeriod: 'year' });
 */
export const JobInput = z.object(JOB_INPUT_FIELDS).refine(...salaryRangeRule());

/** The rule tying salaryMin to salaryMax, for every schema that takes both. */
export function salaryRangeRule() {
  return [
    (j: { salaryMin?: number | null; salaryMax?: number | null }) => j.salaryMin == null || j.salaryMax == null || j.salaryMin <= j.salaryMax,
    { message: 'salaryMin must not exceed salaryMax', path: ['salaryMin'] as PropertyKey[] },
  ] as const;
}

export type JobInput = z.input<typeof JobInput>;
export type ValidJobInput = z.output<typeof JobInput>;

const READ_BACK: Record<CopyType, () => z.ZodType> = {
  text: () => z.string(),
  int8: () => z.number().int(),
  float8: () => z.number(),
  numeric: () => z.number(),
  date: () => z.string().describe('YYYY-MM-DD'),
  bool: () => z.boolean(),
  vector: () => z.array(z.number()),
};

function readBack(keys: readonly JobField[]): Record<string, z.ZodType> {
  return Object.fromEntries(
    keys.map((key) => {
      const spec: FieldSpec = JOB_FIELDS[key];
      const type = READ_BACK[spec.copy]();
      return [key, spec.required ? type : type.nullable()];
    }),
  );
}

/** Fields every search hit carries, in order. */
export const HIT_FIELDS = JOB_FIELD_NAMES.filter((key) => 'hit' in JOB_FIELDS[key]);

/** A stored posting as the library and the API return it. */
export const JobRecord = z.object({
  id: z.number().int(),
  ...readBack(JOB_FIELD_NAMES),
  company: z.string().nullable(),
  skills: z.array(z.string()),
  createdAt: z.date(),
  updatedAt: z.date(),
});

/** What every search hit carries; each search adds its ranking fields. */
export const HitRecord = z.object({ id: z.number().int(), ...readBack(HIT_FIELDS), company: z.string().nullable() });

type ReadBack<C extends CopyType> = C extends 'text' | 'date' ? string : C extends 'bool' ? boolean : C extends 'vector' ? number[] : number;
/** The stored columns of a posting, as they read back. */
export type StoredValues = {
  [K in JobField]: (typeof JOB_FIELDS)[K] extends { required: true }
    ? ReadBack<(typeof JOB_FIELDS)[K]['copy']>
    : ReadBack<(typeof JOB_FIELDS)[K]['copy']> | null;
};

type HitField = { [K in JobField]: (typeof JOB_FIELDS)[K] extends { hit: true } ? K : never }[JobField];

/** What every search hit carries, as the library returns it. */
export type HitValues = { id: number; company: string | null } & Pick<StoredValues, HitField>;

/** A stored posting, as the library returns it. */
export type Job = { id: number } & StoredValues & { company: string | null; skills: string[]; createdAt: Date; updatedAt: Date };

/** `salaryAnnualMin` → `salary_annual_min`: Drizzle's column names are the field names in snake case. */
export function columnName(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
