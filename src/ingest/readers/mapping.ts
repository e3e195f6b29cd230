/**
 * From a source record to a RawPosting. For each target field, in order of precedence:
 *   1. the explicit mapping (`--map`, a mapping file), when it names the field;
 *   2. for a schema.org JobPosting, its structure (see schema-org.ts);
 *   3. a column whose name is a known alias (see field-aliases.ts).
 * Values are not interpreted (see values.ts). The choice is made once per distinct set of
 * columns, so a CSV file is planned once and each row only copies values.
 */
import { JobsightError } from '../../core/errors.ts';
import type { RawPosting } from '../raw-posting.ts';
import { POSTING_FIELDS, autoMatch, normalizeName, type PostingField } from './field-aliases.ts';
import type { FieldMapping } from './mapping-options.ts';
import { STRUCTURED_KEYS, isSchemaOrgPosting, readSchemaOrg } from './schema-org.ts';
import type { SourceRecord } from './source.ts';
import { toAmount, toText, valueAt } from './values.ts';

export interface MapperOptions {
  /**
   * Tables (CSV, TSV) have a fixed header: an explicit source that is not one of its columns is a
   * mistake worth stopping for. JSON records vary, so a missing path there is just absent.
   */
  requireColumns?: boolean;
  /** Names the input in error messages. */
  file?: string;
}

/** How one target field is filled: from which source, chosen how. */
export interface FieldChoice {
  target: PostingField;
  source: string | undefined;
  how: 'explicit' | 'schema.org' | 'by name' | 'unmapped';
}

/** What `ingest --dry-run` prints: every target with its source, and the columns nobody reads. */
export interface MappingDescription {
  fields: FieldChoice[];
  unmapped: string[];
}

interface Plan {
  explicit: Map<PostingField, string>;
  disabled: Set<PostingField>;
  byName: Map<PostingField, string>;
  schemaOrg: boolean;
  unmapped: string[];
}

/** Plans kept per distinct set of columns; JSON with ever-changing keys must not grow this forever. */
const MAX_CACHED_PLANS = 64;

/**
 * A function mapping records to RawPostings with `mapping` applied.
 *
 * @example
 *   const toPosting = createRecordMapper({ title: 'Job Title' });
 *   toPosting({ 'Job Title': 'Data Scientist', 'Company Name': 'Tecolote', Rating: '3.8' });
 *   // { title: 'Data Scientist', company: 'Tecolote' }
 * @throws JobsightError (with `requireColumns`) when an explicit source is not a column.
 */
export function createRecordMapper(mapping: FieldMapping = {}, options: MapperOptions = {}): (record: SourceRecord) => RawPosting {
  const plans = new Map<string, Plan>();
  return (record) => {
    const schemaOrg = isSchemaOrgPosting(record);
    const keys = Object.keys(record);
    const signature = `${schemaOrg ? 'S' : 'T'}\u0000${keys.join('\u0000')}`;
    let plan = plans.get(signature);
    if (!plan) {
      if (plans.size >= MAX_CACHED_PLANS) plans.clear();
      plan = makePlan(keys, mapping, schemaOrg, options);
      plans.set(signature, plan);
    }
    return applyPlan(plan, record);
  };
}

/**
 * Which source fills each target for records shaped like `sample` (the first record of a file),
 * and which source columns are left unmapped. Keys starting with `@` (JSON-LD keywords) are never
 * reported as unmapped.
 *
 * @example
 *   describeMapping({ '(column 1)': '0', 'Job Title': 'Data Scientist', Rating: '3.8' }).fields[1];
 *   // { target: 'title', source: 'Job Title', how: 'by name' }
 */
export function describeMapping(sample: SourceRecord, mapping: FieldMapping = {}, options: MapperOptions = {}): MappingDescription {
  const plan = makePlan(Object.keys(sample), mapping, isSchemaOrgPosting(sample), options);
  const structured = plan.schemaOrg ? readSchemaOrg(sample) : {};
  const fields = POSTING_FIELDS.map((target): FieldChoice => {
    if (plan.disabled.has(target)) return { target, source: undefined, how: 'unmapped' };
    const explicit = plan.explicit.get(target);
    if (explicit !== undefined) return { target, source: explicit, how: 'explicit' };
    const found = structured[target];
    if (found) return { target, source: found.source, how: 'schema.org' };
    const byName = plan.byName.get(target);
    return byName !== undefined ? { target, source: byName, how: 'by name' } : { target, source: undefined, how: 'unmapped' };
  });
  return { fields, unmapped: plan.unmapped };
}

/**
 * The description as lines for a terminal.
 *
 * @example
 *   formatMappingDescription(describeMapping(first));
 *   // ['title          ← Job Title (by name)', ..., 'not mapped: Rating, Size']
 */
export function formatMappingDescription(description: MappingDescription): string[] {
  const width = Math.max(...POSTING_FIELDS.map((field) => field.length));
  const lines = description.fields
    .filter((choice) => choice.source !== undefined)
    .map((choice) => `${choice.target.padEnd(width)} ← ${choice.source} (${choice.how})`);
  lines.push(`not mapped: ${description.unmapped.length > 0 ? description.unmapped.join(', ') : '(none)'}`);
  return lines;
}

function makePlan(keys: string[], mapping: FieldMapping, schemaOrg: boolean, options: MapperOptions): Plan {
  const explicit = new Map<PostingField, string>();
  const disabled = new Set<PostingField>();
  for (const [target, source] of Object.entries(mapping) as [PostingField, string | null | undefined][]) {
    if (source === undefined) continue;
    if (source === null) disabled.add(target);
    else explicit.set(target, resolveColumn(keys, target, source, options));
  }
  const used = new Set([...explicit.values()].map((source) => (keys.includes(source) ? source : (source.split('.')[0] ?? source))));
  const candidates = keys.filter((key) => !key.startsWith('@') && !(schemaOrg && STRUCTURED_KEYS.has(key)));
  const open = POSTING_FIELDS.filter((field) => !explicit.has(field) && !disabled.has(field));
  const byName = autoMatch(candidates, used, open);
  for (const key of byName.values()) used.add(key);
  const unmapped = candidates.filter((key) => !used.has(key));
  return { explicit, disabled, byName, schemaOrg, unmapped };
}

/** The column an explicit source names: as written, else ignoring case/spaces/underscores. */
function resolveColumn(keys: string[], target: PostingField, source: string, options: MapperOptions): string {
  if (keys.includes(source)) return source;
  const wanted = normalizeName(source);
  const match = keys.find((key) => normalizeName(key) === wanted);
  if (match !== undefined) return match;
  if (!options.requireColumns) return source; // a dotted path into JSON, or absent in this record
  throw new JobsightError(`${options.file ?? 'input'}: the mapping ${target}=${source} names a column the file does not have`, {
    hint: `Its columns are: ${keys.map((key) => JSON.stringify(key)).join(', ')}.`,
  });
}

function applyPlan(plan: Plan, record: SourceRecord): RawPosting {
  const posting: Record<string, string | number> = {};
  let notText: RawPosting['notText'];
  const structured = plan.schemaOrg ? readSchemaOrg(record) : {};
  for (const field of POSTING_FIELDS) {
    if (plan.disabled.has(field)) continue;
    const explicit = plan.explicit.get(field);
    const byName = plan.byName.get(field);
    // A boolean is no field's value ("title": true is not the title "true"): noted, left out.
    const given =
      explicit !== undefined ? valueAt(record, explicit) : structured[field] ? undefined : byName !== undefined ? record[byName] : undefined;
    if (typeof given === 'boolean') {
      notText ??= {};
      notText[field] = String(given);
      continue;
    }
    const value =
      explicit !== undefined
        ? convert(field, valueAt(record, explicit))
        : (structured[field]?.value ?? (byName !== undefined ? convert(field, record[byName]) : undefined));
    if (value !== undefined) posting[field] = value;
  }
  // Each field was converted for its type (`convert`): amounts may be numbers, the rest are text.
  return notText ? { ...(posting as RawPosting), notText } : (posting as RawPosting);
}

function convert(field: PostingField, value: unknown): string | number | undefined {
  return field === 'salaryMin' || field === 'salaryMax' ? toAmount(value) : toText(value);
}
