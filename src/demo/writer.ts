/**
 * Fills the vocabulary's templates for one posting: hands out the posting's skills to `{skill}`
 * placeholders in order (so a skill is never asked for twice), and skips templates the posting
 * cannot fill (no credential to ask for, no years to state). `description.ts` decides the layout.
 */
import type { EmploymentType, RemoteMode } from '../core/posting.ts';
import type { Random } from './random.ts';
import * as common from './vocabulary/common.ts';
import type { Country, FieldVocabulary } from './vocabulary/index.ts';

export interface DescriptionInput {
  field: FieldVocabulary;
  title: string;
  /** The employer, or the recruitment agency when `agency` is true. */
  company: string;
  agency: boolean;
  /** City, or the country's name for remote roles without one. */
  place: string;
  country: Country;
  team: string;
  /** Sentences about the employer (or, for agencies, the client); generic ones for shared employers. */
  about: readonly string[];
  /** Duty and requirement templates for this role: the field's plus its group's. */
  duties: readonly string[];
  requirements: readonly string[];
  /** The posting's skills, most important first; `{skill}` placeholders take them in order. */
  skills: readonly string[];
  credential: string | undefined;
  /** Years of experience asked for; 0 leaves out sentences that mention years. */
  years: number;
  remoteMode: RemoteMode;
  employmentType: EmploymentType;
  /** The salary as a sentence, when the posting repeats it in the text. */
  payLine: string | undefined;
}

/**
 * A template split once into text and placeholder names (`parts` alternates them: text, key,
 * text...), with what it needs. Filling by concatenation instead of a regex replace per use is
 * most of what keeps generation above the benchmark's 20k postings/s.
 */
interface Template {
  parts: readonly string[];
  skills: number;
  years: boolean;
  credential: boolean;
}
const templates = new Map<string, Template>();
function compile(text: string): Template {
  let template = templates.get(text);
  if (!template) {
    const parts = text.split(/\{(\w+)\}/);
    const keys = parts.filter((_, i) => i % 2 === 1);
    template = {
      parts,
      skills: keys.filter((k) => k === 'skill').length,
      years: keys.includes('years'),
      credential: keys.includes('credential'),
    };
    templates.set(text, template);
  }
  return template;
}
const needsOf = compile;
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/**
 * "a" or "an" by sound: vowels (but "a Unit", "a User"), and acronyms read letter by letter
 * whose first letter sounds like a vowel ("an HGV Driver", "an SEO Specialist", "an FP&A Analyst").
 */
const article = (s: string) => (/^(?:[AEIO]|U(?!ni|s)|[FHLMNRSX][A-Z&.]+\b|i[A-Z])/.test(s) ? 'an ' : 'a ') + s;

/** Joins "a", "b", "c" as "a, b and c" (with the Oxford comma in American postings). */
export function list(items: readonly string[], oxford: boolean): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${oxford && items.length > 2 ? ',' : ''} and ${items[items.length - 1]}`;
}

/** A role's requirement templates, split by what they need; computed once per template list. */
interface RequirementPools {
  credential: readonly string[];
  skill: readonly string[];
  plain: readonly string[];
}
const poolCache = new WeakMap<readonly string[], RequirementPools>();
function requirementPools(all: readonly string[]): RequirementPools {
  let pools = poolCache.get(all);
  if (!pools) {
    pools = {
      credential: all.filter((t) => needsOf(t).credential),
      skill: all.filter((t) => needsOf(t).skills > 0 && !needsOf(t).credential),
      plain: all.filter((t) => needsOf(t).skills === 0 && !needsOf(t).credential),
    };
    poolCache.set(all, pools);
  }
  return pools;
}

/** Fills templates for one posting, handing out its skills in order so none repeats. */
export class Writer {
  private nextSkill = 0;
  private readonly client: string;

  constructor(
    private readonly rng: Random,
    private readonly input: DescriptionInput,
  ) {
    this.client = input.agency ? rng.pick(common.AGENCY_CLIENTS) : '';
  }

  /** Whether `template` can be filled without repeating a skill or inventing a credential. */
  fits(template: string): boolean {
    const needs = needsOf(template);
    return (
      this.nextSkill + needs.skills <= this.input.skills.length &&
      (!needs.years || this.input.years > 0) &&
      (!needs.credential || this.input.credential !== undefined)
    );
  }

  fill(text: string): string {
    const { parts } = compile(text);
    let out = parts[0] ?? '';
    for (let i = 1; i < parts.length; i += 2) out += this.value(parts[i] as string) + (parts[i + 1] ?? '');
    return out;
  }

  private value(key: string): string {
    const { input } = this;
    switch (key) {
      case 'skill':
        return input.skills[this.nextSkill++] ?? '{skill}';
      case 'company':
        return input.company;
      case 'client':
        return this.client;
      case 'place':
        return input.place;
      case 'country':
        return input.country.name;
      case 'title':
        return input.title;
      case 'a_title':
        return article(input.title);
      case 'team':
        return input.team;
      case 'years':
        return String(input.years);
      case 'credential':
        return input.credential ?? '{credential}';
      default:
        throw new Error(`demo vocabulary: unknown placeholder {${key}}`);
    }
  }

  /** Up to `count` filled templates from `pool`, in random order, skipping those that do not fit. */
  some(pool: readonly string[], count: number): string[] {
    const out: string[] = [];
    for (const template of this.rng.sample(pool, pool.length)) {
      if (out.length >= count) break;
      if (this.fits(template)) out.push(this.fill(template));
    }
    return out;
  }

  /**
   * The requirements: the credential first when there is one (it is what screening looks for),
   * then at least two skill-bearing lines so every posting names skills, then the rest.
   */
  requirements(count: number): string[] {
    const pools = requirementPools(this.input.requirements);
    const out: string[] = [];
    if (this.input.credential !== undefined && pools.credential.length > 0 && this.rng.chance(0.9)) {
      out.push(this.fill(this.rng.pick(pools.credential)));
    }
    out.push(...this.some(pools.skill, 2));
    out.push(...this.some(pools.plain, count - out.length));
    return out;
  }

  /** Every skill not yet written, for a "Key skills" line. */
  remainingSkills(): readonly string[] {
    return this.input.skills.slice(this.nextSkill);
  }

  /** Marks all skills as written (after a line that lists them). */
  useAllSkills(): void {
    this.nextSkill = this.input.skills.length;
  }
}
