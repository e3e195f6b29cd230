/**
 * A file of labelled queries: what `jobsight eval` measures search quality with. Relevance is
 * given per query as rules, tried in order, the first that matches a posting giving its grade
 * (0 not relevant, 1 partly, 2 fully); a posting no rule matches is not relevant. A rule names
 * job ids, or regular expressions (case-insensitive) on the title and/or description, so one set
 * of labels works on any database that holds the same postings, whatever ids they got.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InvalidInputError } from '../core/errors.ts';

const regex = z
  .string()
  .min(1)
  .refine((source) => {
    try {
      new RegExp(source, 'iu');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

export const RelevanceRule = z
  .strictObject({
    /** These job ids (the database's `jobs.id`). */
    ids: z.array(z.number().int().positive()).min(1).optional(),
    /** The title matches this regular expression (case-insensitive). */
    title: regex.optional(),
    /** The description matches this regular expression (case-insensitive). */
    description: regex.optional(),
    /** The title does not match this one (e.g. leave "student" out of "midwife"). */
    notTitle: regex.optional(),
    /** 0, 1 or 2. A grade-0 rule placed first excludes what it matches. */
    grade: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  })
  .refine((r) => r.ids || r.title || r.description, 'a rule needs ids, title or description');

export const LabelledQuery = z.strictObject({
  /** Short name, unique in the file. */
  id: z.string().min(1),
  /** What a user would type. */
  text: z.string().min(1),
  /** Groups for the report, e.g. ["paraphrase"] for queries that share no key word with the relevant titles. */
  tags: z.array(z.string().min(1)).default([]),
  /** Search filters, as the library takes them (see search/filters.ts), e.g. { "country": ["GB"] }. */
  filters: z.record(z.string(), z.unknown()).optional(),
  relevant: z.array(RelevanceRule).min(1),
});

export const LabelledSet = z.strictObject({
  name: z.string().min(1),
  /** What the set is for and how it was labelled. */
  description: z.string().optional(),
  /** The postings it was labelled on (for people: the files to ingest). */
  data: z.array(z.string()).optional(),
  queries: z.array(LabelledQuery).min(1),
});

export type RelevanceRule = z.infer<typeof RelevanceRule>;
export type LabelledQuery = z.infer<typeof LabelledQuery>;
export type LabelledSet = z.infer<typeof LabelledSet>;

const FORMAT_HINT = 'The labelled queries are JSON; see README "Measuring search quality" for the format.';

/**
 * Checks labelled queries given as JSON text; `where` names them in errors (a file name), which
 * also name the query and field.
 */
export function parseLabelledSet(text: string, where: string): LabelledSet {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InvalidInputError(`cannot read the labelled queries in ${where}: ${(cause as Error).message}`, { hint: FORMAT_HINT });
  }
  const parsed = LabelledSet.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidInputError(`${where}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`, { hint: FORMAT_HINT });
  }
  const ids = new Set<string>();
  for (const query of parsed.data.queries) {
    if (ids.has(query.id)) throw new InvalidInputError(`${where}: query id "${query.id}" appears twice`);
    ids.add(query.id);
  }
  return parsed.data;
}

/** Reads and checks a labelled-queries file. */
export async function readLabelledSet(file: string): Promise<LabelledSet> {
  return parseLabelledSet(await readFile(file, 'utf8'), file);
}

export interface PostingText {
  id: number;
  title: string;
  description: string;
}

/** A function from posting to grade for one query's rules (first matching rule wins). */
export function gradeFunction(rules: readonly RelevanceRule[]): (posting: PostingText) => number {
  const compiled = rules.map((r) => ({
    ids: r.ids ? new Set(r.ids) : undefined,
    title: r.title ? new RegExp(r.title, 'iu') : undefined,
    description: r.description ? new RegExp(r.description, 'iu') : undefined,
    notTitle: r.notTitle ? new RegExp(r.notTitle, 'iu') : undefined,
    grade: r.grade,
  }));
  return (posting) => {
    for (const rule of compiled) {
      if (rule.ids && !rule.ids.has(posting.id)) continue;
      if (rule.title && !rule.title.test(posting.title)) continue;
      if (rule.description && !rule.description.test(posting.description)) continue;
      if (rule.notTitle?.test(posting.title)) continue;
      return rule.grade;
    }
    return 0;
  };
}
