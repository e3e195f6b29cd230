/**
 * schema.org JobPosting objects (JSON-LD, as job boards publish them) mapped by structure rather
 * than by column name: the company is `hiringOrganization.name`, the place is inside
 * `jobLocation.address`, the pay inside `baseSalary.value`. Each value found says where it came
 * from, for `describeMapping`.
 * See https://schema.org/JobPosting and Google's JobPosting structured-data guide.
 */
import type { PostingField } from './field-aliases.ts';
import { isJobPostingType, isJsonObject, type JsonObject } from './json-ld.ts';
import { first, toAmount, toText } from './values.ts';

/** A value read by structure, and the path it was read from. */
export interface FoundValue {
  value: string | number;
  source: string;
}

export type StructuredValues = Partial<Record<PostingField, FoundValue>>;

/** Top-level keys read here; name-based mapping leaves them alone. */
export const STRUCTURED_KEYS: ReadonlySet<string> = new Set(['hiringOrganization', 'jobLocation', 'baseSalary', 'jobLocationType', 'identifier']);

/**
 * True for a schema.org JobPosting: its `@type` says so, or it has the nested properties that
 * only JobPosting has (some boards leave out `@type`).
 *
 * @example isSchemaOrgPosting({ '@type': 'JobPosting', title: 'GP' }); // true
 */
export function isSchemaOrgPosting(record: JsonObject): boolean {
  return (
    isJobPostingType(record['@type']) ||
    Object.hasOwn(record, 'hiringOrganization') ||
    Object.hasOwn(record, 'jobLocation') ||
    Object.hasOwn(record, 'baseSalary')
  );
}

/**
 * The fields of a JobPosting that need its structure. `jobLocation` may be one Place or many: the
 * first gives city, region, postal code and country, and with several places `location` lists
 * them all ("Leeds, GB; York, GB"). A bare number in `baseSalary.value` is an exact salary, so it
 * becomes both salaryMin and salaryMax; text there ("negotiable") becomes salaryText.
 *
 * @example
 *   readSchemaOrg({ hiringOrganization: { name: 'NHS Leeds' }, baseSalary: { currency: 'GBP',
 *     value: { minValue: '24907', maxValue: '30615', unitText: 'YEAR' } } });
 *   // { company: { value: 'NHS Leeds', source: 'hiringOrganization.name' },
 *   //   salaryCurrency: { value: 'GBP', ... }, salaryMin: { value: '24907', ... }, ... }
 */
export function readSchemaOrg(posting: JsonObject): StructuredValues {
  const found: StructuredValues = {};
  const set = (field: PostingField, value: string | number | undefined, source: string): void => {
    if (value !== undefined && found[field] === undefined) found[field] = { value, source };
  };

  const organization = first(posting.hiringOrganization);
  if (isJsonObject(organization)) set('company', toText(organization.name), 'hiringOrganization.name');
  else set('company', toText(organization), 'hiringOrganization');

  readPlaces(posting.jobLocation, set);
  readSalary(posting.baseSalary, set);
  set('remote', toText(posting.jobLocationType), 'jobLocationType');

  const identifier = first(posting.identifier);
  if (isJsonObject(identifier)) set('externalId', toText(identifier.value), 'identifier.value');
  else set('externalId', toText(identifier), 'identifier');
  return found;
}

type Setter = (field: PostingField, value: string | number | undefined, source: string) => void;

function readPlaces(jobLocation: unknown, set: Setter): void {
  const places = Array.isArray(jobLocation) ? jobLocation : jobLocation === undefined ? [] : [jobLocation];
  const at = Array.isArray(jobLocation) ? 'jobLocation[0]' : 'jobLocation';
  const place: unknown = places[0];
  if (places.length > 1) {
    const names = places.map(placeText).filter((name) => name !== undefined);
    set('location', names.length > 0 ? names.join('; ') : undefined, 'jobLocation[*]');
  }
  if (!isJsonObject(place)) return set('location', toText(place), at);
  const address = first(place.address);
  if (!isJsonObject(address)) return set('location', toText(address) ?? toText(place.name), `${at}.address`);
  set('city', toText(address.addressLocality), `${at}.address.addressLocality`);
  set('region', toText(address.addressRegion), `${at}.address.addressRegion`);
  set('postalCode', toText(address.postalCode), `${at}.address.postalCode`);
  set('country', toText(address.addressCountry), `${at}.address.addressCountry`);
}

/** One place as text for a list of several: "Leeds, West Yorkshire, GB". */
function placeText(place: unknown): string | undefined {
  if (!isJsonObject(place)) return toText(place);
  const address = first(place.address);
  if (!isJsonObject(address)) return toText(address) ?? toText(place.name);
  const parts = [address.addressLocality, address.addressRegion, address.addressCountry].map(toText);
  return parts.filter((part) => part !== undefined).join(', ') || undefined;
}

function readSalary(baseSalary: unknown, set: Setter): void {
  const salary = first(baseSalary);
  if (!isJsonObject(salary)) return readAmount(salary, 'baseSalary', set);
  set('salaryCurrency', toText(salary.currency), 'baseSalary.currency');
  const value = salary.value;
  if (isJsonObject(value)) {
    set('salaryMin', toAmount(value.minValue), 'baseSalary.value.minValue');
    set('salaryMax', toAmount(value.maxValue), 'baseSalary.value.maxValue');
    set('salaryUnit', toText(value.unitText), 'baseSalary.value.unitText');
    const exact = value.minValue === undefined && value.maxValue === undefined;
    readAmount(value.value, 'baseSalary.value.value', set, exact);
  } else {
    readAmount(value, 'baseSalary.value', set);
  }
  set('salaryUnit', toText(salary.unitText), 'baseSalary.unitText');
}

function readAmount(amount: unknown, source: string, set: Setter, exact = true): void {
  if (typeof amount === 'number') {
    if (!exact) return;
    set('salaryMin', toAmount(amount), source);
    set('salaryMax', toAmount(amount), source);
  } else {
    set('salaryText', toText(amount), source);
  }
}
