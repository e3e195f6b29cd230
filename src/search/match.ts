/**
 * Resume matching: the postings that fit a resume best, what each asks for that the resume has
 * and lacks, and the missing skills most often asked for across those postings.
 *
 * The resume is embedded whole (vector branch) and its skills, found with the same taxonomy the
 * ingest uses, are searched as keywords (text branch, joined with OR); hybrid search fuses both.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { DEFAULT_LEARN_NEXT, MAX_K, MAX_QUERY_CHARS, MAX_RESUME_CHARS } from '../core/defaults.ts';
import { longText, parseInput, wholeNumber } from '../core/validation.ts';
import { queryRows, type Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import { createSkillMatcher, type SkillMatcher } from '../ingest/skills/matcher.ts';
import { loadTaxonomy } from '../ingest/skills/taxonomy.ts';
import { SearchFilters } from './filters.ts';
import { type HybridHit, hybridSearch } from './hybrid.ts';
import { hitCount } from './options.ts';

export const MatchOptions = z.strictObject({
  resume: longText(MAX_RESUME_CHARS).describe('the resume, as plain text or Markdown'),
  k: hitCount(),
  filters: SearchFilters.optional(),
  learnNext: wholeNumber(1, MAX_K).default(DEFAULT_LEARN_NEXT).describe('how many missing skills to list'),
  /** A user taxonomy file, as given to ingest, added to the built-in one. */
  taxonomyFile: z.string().optional(),
});
export type MatchOptions = Omit<z.input<typeof MatchOptions>, 'resume'>;

export interface MatchedJob extends HybridHit {
  /** Skills the posting asks for that the resume mentions. */
  matchedSkills: string[];
  /** Skills the posting asks for that the resume does not mention. */
  missingSkills: string[];
}

export interface ResumeMatch {
  /** Skills found in the resume, in order of first mention. */
  resumeSkills: string[];
  matches: MatchedJob[];
  /** Missing skills by how many of the matched postings ask for them, most first. */
  learnNext: { skill: string; postings: number }[];
}

const matchers = new Map<string, Promise<SkillMatcher>>();

function skillMatcher(taxonomyFile?: string): Promise<SkillMatcher> {
  const key = taxonomyFile ?? '';
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = loadTaxonomy(taxonomyFile).then(createSkillMatcher);
    matchers.set(key, matcher);
  }
  return matcher;
}

/** Skill names as a websearch query: any of them, multi-word names as phrases. */
export function skillsQuery(skills: readonly string[]): string {
  return skills
    .map((s) => s.replace(/"/g, ''))
    .map((s) => (/\s/.test(s) ? `"${s}"` : s))
    .join(' OR ');
}

/**
 * @example
 * const { matches, learnNext } = await matchResume(db, embedder, await readFile('cv.md', 'utf8'), { k: 10 });
 */
export async function matchResume(db: Db, embedder: Embedder, resume: string, options: MatchOptions = {}): Promise<ResumeMatch> {
  const o = parseInput(MatchOptions, { ...options, resume }, { what: 'matchResume options', hint: 'Give the resume as plain text or Markdown.' });
  const { k, filters, learnNext: learnNextCount } = o;

  const resumeSkills = (await skillMatcher(o.taxonomyFile)).match('', resume).map((s) => s.name);
  // Embedders read a bounded prefix anyway; the opening of a resume says the most about it.
  const query = resume.slice(0, MAX_QUERY_CHARS);
  const hits = await hybridSearch(db, embedder, query, {
    k,
    filters,
    textQuery: resumeSkills.length > 0 ? skillsQuery(resumeSkills) : undefined,
    snippets: true,
  });

  const ids = hits.map((h) => h.id);
  const rows = await queryRows<{ jobId: string; skill: string }>(
    db,
    sql`select job_skills.job_id as "jobId", skills.name as skill
        from job_skills join skills on skills.id = job_skills.skill_id
        where job_skills.job_id = any(${sql.param(ids)}::bigint[])
        order by skills.name`,
  );
  const skillsByJob = new Map<number, string[]>();
  for (const row of rows) {
    const id = Number(row.jobId);
    skillsByJob.set(id, [...(skillsByJob.get(id) ?? []), row.skill]);
  }

  const has = new Set(resumeSkills.map((s) => s.toLowerCase()));
  const missingCounts = new Map<string, number>();
  const matches = hits.map((hit): MatchedJob => {
    const asked = skillsByJob.get(hit.id) ?? [];
    const missingSkills = asked.filter((s) => !has.has(s.toLowerCase()));
    for (const skill of missingSkills) missingCounts.set(skill, (missingCounts.get(skill) ?? 0) + 1);
    return { ...hit, matchedSkills: asked.filter((s) => has.has(s.toLowerCase())), missingSkills };
  });
  const learnNext = [...missingCounts]
    .map(([skill, postings]) => ({ skill, postings }))
    .sort((a, b) => b.postings - a.postings || a.skill.localeCompare(b.skill))
    .slice(0, learnNextCount);
  return { resumeSkills, matches, learnNext };
}
