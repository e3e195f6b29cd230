/**
 * The RawPosting fields a source can be mapped to, and the column names each one is recognised
 * by without an explicit mapping. Names match ignoring case, spaces, underscores and hyphens, so
 * `Job Title`, `job_title` and `JobTitle` are one name.
 */
import type { RawPosting } from '../raw-posting.ts';

/** A field of RawPosting: the target side of a mapping. */
export type PostingField = Exclude<keyof RawPosting, 'notText'>;

/**
 * Every RawPosting field, in the order `describeMapping` lists them. A record rather than an
 * array so that a field added to RawPosting fails to compile until it is listed here.
 */
const FIELDS: Record<PostingField, true> = {
  externalId: true,
  title: true,
  company: true,
  description: true,
  location: true,
  city: true,
  region: true,
  postalCode: true,
  country: true,
  salaryText: true,
  salaryMin: true,
  salaryMax: true,
  salaryCurrency: true,
  salaryUnit: true,
  datePosted: true,
  validThrough: true,
  employmentType: true,
  remote: true,
  url: true,
  industry: true,
};

/** The allowed mapping targets, e.g. for an error message. */
export const POSTING_FIELDS = Object.keys(FIELDS) as PostingField[];

/** True when `name` is a RawPosting field. */
export function isPostingField(name: string): name is PostingField {
  return Object.hasOwn(FIELDS, name);
}

/**
 * Column names recognised for each field, best first: when a file has two of them, the earlier
 * one wins. `city` is its own field (RawPosting has one), not an alias of `location`.
 */
const ALIASES: Record<PostingField, readonly string[]> = {
  externalId: ['id', 'job id', 'external id', 'identifier', 'job key', '_fileid'],
  title: ['title', 'job title', 'position', 'position title', 'job name'],
  company: ['company', 'company name', 'employer', 'employer name', 'organization', 'hiringOrganization.name'],
  description: ['description', 'job description', 'full description', 'job summary', 'summary'],
  location: ['location', 'job location', 'work location'],
  city: ['city', 'town', 'addressLocality'],
  region: ['region', 'state', 'province', 'county', 'addressRegion'],
  postalCode: ['postal code', 'postcode', 'zip', 'zip code', 'zipcode'],
  country: ['country', 'addressCountry', 'country code'],
  salaryText: ['salary', 'salary estimate', 'pay', 'salary range', 'compensation', 'wage'],
  salaryMin: ['salary min', 'min salary', 'minimum salary', 'salary from', 'min pay', 'minValue'],
  salaryMax: ['salary max', 'max salary', 'maximum salary', 'salary to', 'max pay', 'maxValue'],
  salaryCurrency: ['salary currency', 'currency', 'pay currency'],
  salaryUnit: ['salary unit', 'salary period', 'pay period', 'pay unit', 'unitText'],
  datePosted: ['date posted', 'posted', 'time posted', 'posted date', 'post date', 'posted at'],
  validThrough: ['valid through', 'expiry', 'expiry date', 'expires', 'expiration date', 'closing date', 'deadline'],
  employmentType: ['employment type', 'job type', 'contract type'],
  remote: ['remote', 'is remote', 'remote work', 'workplace type', 'jobLocationType'],
  url: ['url', 'link', 'job url', 'job link', 'apply url', 'posting url'],
  industry: ['industry', 'sector'],
};

/**
 * The form names are compared in: lower case, without spaces, underscores or hyphens.
 *
 * @example normalizeName(' Job_Title '); // 'jobtitle'
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

const BY_FIELD = new Map(POSTING_FIELDS.map((field) => [field, ALIASES[field].map(normalizeName)] as const));

/**
 * The source key automatically chosen for each field among `keys`, skipping keys already taken
 * (by an explicit mapping, or by an earlier field).
 *
 * @example
 *   autoMatch(['Job Title', 'Company Name', 'Rating'], new Set());
 *   // Map { 'title' => 'Job Title', 'company' => 'Company Name' }
 */
export function autoMatch(
  keys: readonly string[],
  taken: ReadonlySet<string>,
  fields: readonly PostingField[] = POSTING_FIELDS,
): Map<PostingField, string> {
  const byName = new Map<string, string>();
  for (const key of keys) {
    const name = normalizeName(key);
    if (!byName.has(name) && !taken.has(key)) byName.set(name, key);
  }
  const chosen = new Map<PostingField, string>();
  const used = new Set<string>();
  for (const field of fields) {
    for (const alias of BY_FIELD.get(field) ?? []) {
      const key = byName.get(alias);
      if (key !== undefined && !used.has(key)) {
        chosen.set(field, key);
        used.add(key);
        break;
      }
    }
  }
  return chosen;
}
