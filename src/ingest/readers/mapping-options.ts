/**
 * Explicit mappings from the user: `--map title=Job Title,company=Company Name` or a JSON file
 * `{ "title": "Job Title", "company": "employer.name" }`. Validated here, at the boundary, so an
 * unknown target stops the command before any file is read.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { JobsightError } from '../../core/errors.ts';
import { POSTING_FIELDS, isPostingField, type PostingField } from './field-aliases.ts';

/**
 * Target field → source column (or dotted path into a JSON object, like `hiringOrganization.name`).
 * `null` (or an empty string) leaves the target unmapped even if a column would match by name.
 * Targets not named keep their automatic mapping.
 */
export type FieldMapping = Partial<Record<PostingField, string | null>>;

const mappingShape = z.record(z.string(), z.string().nullable());

/**
 * Checks a mapping from any source (a parsed JSON file, an API caller). `where` names the source
 * in error messages.
 *
 * @example
 *   checkMapping({ title: 'Job Title' }, '--map');  // { title: 'Job Title' }
 *   checkMapping({ titel: 'Job Title' }, '--map');  // throws: unknown target "titel"; allowed: externalId, title, ...
 */
export function checkMapping(input: unknown, where: string): FieldMapping {
  const parsed = mappingShape.safeParse(input);
  if (!parsed.success) {
    throw new JobsightError(`${where}: a mapping must be an object of target field to source column name`, {
      hint: 'For example {"title": "Job Title", "company": "Company Name"}; use null to leave a field unmapped.',
      cause: parsed.error,
    });
  }
  const unknown = Object.keys(parsed.data).filter((target) => !isPostingField(target));
  if (unknown.length > 0) {
    const names = unknown.map((name) => JSON.stringify(name)).join(', ');
    throw new JobsightError(`${where}: unknown target field${unknown.length > 1 ? 's' : ''} ${names}`, {
      hint: `Allowed targets: ${POSTING_FIELDS.join(', ')}.`,
    });
  }
  const mapping: FieldMapping = {};
  for (const [target, source] of Object.entries(parsed.data)) {
    mapping[target as PostingField] = source === null || source.trim() === '' ? null : source.trim();
  }
  return mapping;
}

/**
 * Parses the `--map` flag: comma-separated `target=source` pairs. Source names may contain spaces
 * but not commas (use a mapping file for those); `target=` leaves a target unmapped.
 *
 * @example
 *   parseMapArgument('title=Job Title,company=Company Name');
 *   // { title: 'Job Title', company: 'Company Name' }
 */
export function parseMapArgument(text: string): FieldMapping {
  const pairs: Record<string, string> = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const equals = pair.indexOf('=');
    if (equals === -1) {
      throw new JobsightError(`--map: "${pair.trim()}" is not target=source`, {
        hint: 'Write pairs like --map "title=Job Title,company=Company Name".',
      });
    }
    pairs[pair.slice(0, equals).trim()] = pair.slice(equals + 1);
  }
  return checkMapping(pairs, '--map');
}

/**
 * Reads a JSON mapping file (small by nature, so read whole).
 *
 * @example await readMappingFile('mappings/indeed.json'); // { title: 'jobtitle', ... }
 */
export async function readMappingFile(file: string): Promise<FieldMapping> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (error) {
    throw new JobsightError(`${file}: cannot read the mapping file (${(error as Error).message})`, {
      hint: 'Check the path of the mapping file.',
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new JobsightError(`${file}: the mapping file is not valid JSON (${(error as Error).message})`, {
      hint: 'It should look like {"title": "Job Title", "company": "Company Name"}.',
      cause: error,
    });
  }
  return checkMapping(parsed, file);
}
