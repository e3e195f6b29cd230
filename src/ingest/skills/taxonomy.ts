import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { JobsightError } from '../../core/errors.ts';
import { aliasKey } from './matcher.ts';

/** The fixed list of skill categories; a taxonomy entry outside it is rejected. */
export const SKILL_CATEGORIES = [
  'programming-language',
  'framework',
  'database',
  'cloud',
  'devops',
  'software-engineering',
  'security',
  'data',
  'design',
  'healthcare',
  'business',
  'finance',
  'sales-marketing',
  'education',
  'construction-trades',
  'logistics',
  'spoken-language',
  'soft-skill',
] as const;

export type SkillCategory = (typeof SKILL_CATEGORIES)[number];

/** One way a posting may write a skill. */
export interface SkillAlias {
  text: string;
  /** Only for short or ambiguous tokens: "R", "SAS", "Excel" (the verb "excel in" is lower case). */
  caseSensitive: boolean;
}

/** A skill ready for matching: `aliases` already holds the name when the name is matched. */
export interface Skill {
  name: string;
  category: SkillCategory;
  aliases: SkillAlias[];
}

export interface Taxonomy {
  skills: Skill[];
  /** Phrases that contain an alias but are not the skill ("SAS doctors", "agile working"). */
  ignore: SkillAlias[];
}

/** A taxonomy file that cannot be read or does not follow the format; `file` names it. */
export class TaxonomyError extends JobsightError {
  override name = 'TaxonomyError';
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Skills taxonomy ${file}: ${message}`, {
      ...options,
      hint: 'Each entry needs "name", "category" and "aliases"; see src/ingest/skills/taxonomy.json for the format.',
    });
  }
}

/** The curated taxonomy shipped with Jobsight, beside this module. */
export const BUILT_IN_TAXONOMY = fileURLToPath(new URL('./taxonomy.json', import.meta.url));

const text = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/[\p{L}\p{N}]/u, 'must contain a letter or digit');

const aliasSchema = z.union([text, z.strictObject({ text, caseSensitive: z.boolean().default(false) })], {
  error: 'expected a string or { "text": string, "caseSensitive": boolean }',
});

const entrySchema = z
  .strictObject({
    /** Free text for maintainers: why an alias is missing or case-sensitive. */
    $comment: z.string().optional(),
    name: text,
    category: z.enum(SKILL_CATEGORIES),
    /** Whether the name itself is matched (case-insensitively). Default true. */
    matchName: z.boolean().optional(),
    aliases: z.array(aliasSchema).default([]),
  })
  .refine((e) => e.matchName !== false || e.aliases.length > 0, {
    message: 'matchName is false and there are no aliases, so nothing would ever match',
  });

const fileSchema = z.strictObject({
  $comment: z.union([z.string(), z.array(z.string())]).optional(),
  skills: z.array(entrySchema).default([]),
  ignore: z.array(aliasSchema).default([]),
});

type Entry = z.output<typeof entrySchema>;
type Alias = z.output<typeof aliasSchema>;

/** An entry after merging, remembering which file each alias came from for conflict messages. */
interface MergedEntry {
  name: string;
  category: SkillCategory;
  matchName: boolean | undefined;
  /** The file that first defined the skill. */
  file: string;
  aliases: Sourced[];
}

interface Sourced {
  alias: SkillAlias;
  file: string;
}

/**
 * Loads the built-in taxonomy and, when given, a user taxonomy file in the same format. A user
 * entry whose name (ignoring case) is already a skill adds its aliases to that skill and replaces
 * its category (and `matchName`, when set); any other entry adds a skill. User ignore phrases are
 * added to the built-in ones.
 *
 * @example
 * const taxonomy = await loadTaxonomy('./my-skills.json');
 * // my-skills.json: { "skills": [{ "name": "PostgreSQL", "category": "database", "aliases": ["PG"] }] }
 */
export async function loadTaxonomy(userFile?: string): Promise<Taxonomy> {
  const files = userFile === undefined ? [BUILT_IN_TAXONOMY] : [BUILT_IN_TAXONOMY, userFile];
  const merged = new Map<string, MergedEntry>();
  const ignore: Sourced[] = [];
  for (const file of files) {
    const parsed = parseTaxonomyFile(await readJson(file), file);
    for (const entry of parsed.skills) mergeEntry(merged, entry, file);
    for (const alias of parsed.ignore) ignore.push({ alias: toAlias(alias), file });
  }
  return resolve([...merged.values()], ignore);
}

/** Validates one taxonomy file's JSON; errors name the file and the entry ("skills[12] (\"Tableau\")"). */
export function parseTaxonomyFile(data: unknown, file: string): z.output<typeof fileSchema> {
  const result = fileSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    const lines = result.error.issues.slice(0, 10).map((issue) => `  - ${describeIssue(issue, data)}`);
    const more = result.error.issues.length > 10 ? `\n  (and ${result.error.issues.length - 10} more)` : '';
    throw new TaxonomyError(file, `invalid taxonomy:\n${lines.join('\n')}${more}`);
  }
  const seen = new Map<string, number>();
  result.data.skills.forEach((entry, index) => {
    const key = entry.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new TaxonomyError(file, `skills[${index}] ("${entry.name}") repeats skills[${first}]; merge the two entries`);
    }
    seen.set(key, index);
  });
  return result.data;
}

async function readJson(file: string): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    throw new TaxonomyError(file, `cannot be read (${(err as Error).message})`, { cause: err });
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (err) {
    throw new TaxonomyError(file, `is not valid JSON (${(err as Error).message})`, { cause: err });
  }
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const [top, index, ...rest] = issue.path;
  const got = 'input' in issue && isPrimitive(issue.input) ? ` (got ${JSON.stringify(issue.input)})` : '';
  let where = issue.path.length === 0 ? '(top level)' : formatPath(issue.path).replace(/^\./, '');
  if (top === 'skills' && typeof index === 'number') {
    const name = (data as { skills?: { name?: unknown }[] }).skills?.[index]?.name;
    where = `skills[${index}]${typeof name === 'string' ? ` ("${name}")` : ''}${formatPath(rest)}`;
  }
  return `${where}: ${issue.message}${got}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function toAlias(alias: Alias): SkillAlias {
  return typeof alias === 'string' ? { text: alias, caseSensitive: false } : alias;
}

function mergeEntry(merged: Map<string, MergedEntry>, entry: Entry, file: string): void {
  const aliases = entry.aliases.map((a) => ({ alias: toAlias(a), file }));
  const existing = merged.get(entry.name.toLowerCase());
  if (existing === undefined) {
    const { name, category, matchName } = entry;
    merged.set(name.toLowerCase(), { name, category, matchName, file, aliases });
    return;
  }
  existing.category = entry.category;
  existing.matchName = entry.matchName ?? existing.matchName;
  existing.aliases.push(...aliases);
}

/**
 * Turns merged entries into skills, refusing an alias that two skills claim: the matcher could
 * only pick one of them silently. A case-insensitive alias claims every casing of its text; two
 * case-sensitive aliases that differ in case ("dbt", "DBT") do not clash.
 */
function resolve(entries: MergedEntry[], ignore: Sourced[]): Taxonomy {
  const claims = new Map<string, { skill: string; file: string; caseSensitive: boolean; text: string }[]>();
  const skills = entries.map((entry): Skill => {
    const forms: Sourced[] = entry.matchName === false ? [] : [{ alias: { text: entry.name, caseSensitive: false }, file: entry.file }];
    forms.push(...entry.aliases);
    for (const { alias, file } of forms) {
      const key = aliasKey(alias.text);
      const folded = key.toLowerCase();
      const others = claims.get(folded) ?? [];
      const clash = others.find((o) => o.skill !== entry.name && (!o.caseSensitive || !alias.caseSensitive || o.text === key));
      if (clash !== undefined) {
        // Blame the user's file when one side comes from it: the built-in file is not theirs to fix.
        const culprit = file === BUILT_IN_TAXONOMY ? clash.file : file;
        throw new TaxonomyError(culprit, `alias "${alias.text}" of "${entry.name}" is already an alias of "${clash.skill}" (in ${clash.file})`);
      }
      claims.set(folded, [...others, { skill: entry.name, file, caseSensitive: alias.caseSensitive, text: key }]);
    }
    return { name: entry.name, category: entry.category, aliases: forms.map((f) => f.alias) };
  });
  // A phrase that is also some skill's alias stays a skill: a user's new skill wins over a built-in ignore phrase.
  const kept = ignore.filter(({ alias }) => !claims.has(aliasKey(alias.text).toLowerCase()));
  return { skills, ignore: kept.map((i) => i.alias) };
}
