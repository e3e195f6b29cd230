/**
 * Turning a source value into a RawPosting value without interpreting it: text stays text
 * ("-1", "N/A" and "negotiable" included; the normalisers decide what they mean), numbers stay
 * numbers where RawPosting allows them, and only blank text becomes "absent".
 */
import { isJsonObject } from './json-ld.ts';

/**
 * A text value, or undefined when there is none. Blank strings (empty or only whitespace) are
 * absent; numbers and booleans become their text; arrays are joined with "," (schema.org allows
 * `employmentType: ["FULL_TIME", "PART_TIME"]`); an object gives its `name` (an Organization, a
 * Country), otherwise nothing.
 *
 * @example
 *   toText('-1');                         // '-1'
 *   toText('   ');                        // undefined
 *   toText(['FULL_TIME', 'PART_TIME']);   // 'FULL_TIME,PART_TIME'
 *   toText({ '@type': 'Country', name: 'GB' }); // 'GB'
 */
export function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(toText).filter((part) => part !== undefined);
    return parts.length > 0 ? parts.join(',') : undefined;
  }
  if (isJsonObject(value)) return toText(value.name);
  return undefined;
}

/**
 * An amount (salaryMin, salaryMax): a number stays a number, anything else as `toText`.
 *
 * @example toAmount(28333); // 28333
 * @example toAmount('28333'); // '28333'
 */
export function toAmount(value: unknown): number | string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : toText(value);
}

/**
 * The value at a source path: the key as written first (a CSV header may contain dots), then a
 * dotted path into nested objects. A numeric segment indexes an array; any other segment applied
 * to an array looks into its first element (`jobLocation.address` works for one place or many).
 *
 * @example
 *   valueAt({ 'a.b': 1 }, 'a.b');                                        // 1
 *   valueAt({ hiringOrganization: { name: 'NHS' } }, 'hiringOrganization.name'); // 'NHS'
 *   valueAt({ jobLocation: [{ address: { postalCode: 'LS1' } }] }, 'jobLocation.address.postalCode'); // 'LS1'
 */
export function valueAt(record: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path];
  let current: unknown = record;
  for (const segment of path.split('.')) {
    if (Array.isArray(current) && !/^\d+$/.test(segment)) current = current[0];
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isJsonObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

/** The first element of an array, or the value itself. */
export function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}
