import type { SkillCategory, Taxonomy } from './taxonomy.ts';

/** A skill found in a posting, by its canonical name. */
export interface SkillMatch {
  name: string;
  category: SkillCategory;
}

export interface SkillMatcher {
  /**
   * The distinct skills a posting mentions: the title's first, then the description's, each in
   * order of first mention.
   */
  match(title: string, description: string): SkillMatch[];
}

/**
 * Letters and digits, spelled out because the regexes run without the `u` flag: with it, V8's
 * case-insensitive matching of a trie this size was two to three times slower. Latin, Greek and
 * Cyrillic cover the postings we see.
 */
const WORD = String.raw`A-Za-z0-9\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u052F`;

/**
 * Token boundaries. An alias never has a letter, digit or "_" on either side, nor "&" or "+"
 * joined to a letter on the far side: "R&D", "AT&T" and "R+F" are one token each, so R is not
 * found in them. Dots and slashes do separate ("R/Python", "Python." at a sentence end).
 */
const BEFORE = `(?<![${WORD}_]|[${WORD}][&+])`;
const AFTER = `(?![${WORD}_+#]|&[${WORD}])`;

/** How the characters of a normalised alias are spelled in the regex. */
const UNIT: Record<string, string> = {
  ' ': String.raw`[\s\-]+`, // "machine learning", "machine-learning", "machine\nlearning"
  '/': String.raw`\s*\/\s*`, // "CI/CD", "CI / CD"
  '&': String.raw`\s*&\s*`, // "A&E", "A & E"
  "'": "['’]", // "Children's", "Children’s"
};

const IGNORED = -1;

/**
 * The key an alias and a matched piece of text share: runs of spaces and hyphens become one space,
 * spaces around "/" and "&" go, and typographic apostrophes become straight ones.
 *
 * @example aliasKey('Machine-Learning') === 'Machine Learning'; aliasKey('A & E') === 'A&E'
 */
export function aliasKey(text: string): string {
  return text
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s*&\s*/g, '&')
    .replace(/’/g, "'")
    .replace(/[\s-]+/g, ' ')
    .trim();
}

/**
 * Compiles a taxonomy into a matcher. All aliases go into two regexes (one case-insensitive, one
 * case-sensitive), each built from a prefix trie so that a posting is scanned once per regex
 * however many aliases there are; the longest alias at a position wins ("SQL Server" over "SQL",
 * "SAS doctors" over "SAS"). Case-insensitive aliases that end in a letter also match their plural
 * ("ECGs", "care plans", "therapies").
 *
 * @example
 * const matcher = createSkillMatcher(await loadTaxonomy());
 * matcher.match('Data Scientist', 'Python, R and SQL; Postgres a plus');
 * // [{ name: 'Python', ... }, { name: 'R', ... }, { name: 'SQL', ... }, { name: 'PostgreSQL', ... }]
 */
export function createSkillMatcher(taxonomy: Taxonomy): SkillMatcher {
  return skillMatcherFrom(compileSkills(taxonomy));
}

/**
 * A taxonomy made ready for matching, as plain data: building the regexes' sources costs about as
 * much as scanning a few hundred postings, so ingest builds them once and hands them to its
 * worker threads (see cpu-pool.ts).
 */
export interface CompiledSkills {
  skills: SkillMatch[];
  /** Case-sensitive first: on a tie (same start and length) the stable sort in `scan` keeps its hit. */
  passes: { source: string; flags: string; lookup: [key: string, id: number][]; fold: boolean }[];
}

export function compileSkills(taxonomy: Taxonomy): CompiledSkills {
  const skills: SkillMatch[] = taxonomy.skills.map(({ name, category }) => ({ name, category }));
  const exact = new Map<string, number>();
  const folded = new Map<string, number>();
  const claim = (map: Map<string, number>, key: string, id: number) => {
    if (!map.has(key)) map.set(key, id);
  };
  const all = [
    ...taxonomy.skills.flatMap((skill, id) => skill.aliases.map((alias) => ({ alias, id }))),
    // After the skills: a phrase that is also an alias stays a skill.
    ...taxonomy.ignore.map((alias) => ({ alias, id: IGNORED })),
  ];
  for (const { alias, id } of all) {
    const key = aliasKey(alias.text);
    claim(alias.caseSensitive ? exact : folded, alias.caseSensitive ? key : key.toLowerCase(), id);
  }
  // Generated plurals last, so that they never displace an alias someone wrote.
  for (const { alias, id } of all) {
    if (!alias.caseSensitive) for (const plural of plurals(aliasKey(alias.text).toLowerCase())) claim(folded, plural, id);
  }
  const passes: CompiledSkills['passes'] = [];
  for (const [lookup, flags, fold] of [
    [exact, 'g', false],
    [folded, 'gi', true],
  ] as const) {
    if (lookup.size > 0) passes.push({ source: regexSource([...lookup.keys()]), flags, lookup: [...lookup], fold });
  }
  return { skills, passes };
}

/** The matcher of a compiled taxonomy (`createSkillMatcher` compiles and builds in one go). */
export function skillMatcherFrom(compiled: CompiledSkills): SkillMatcher {
  const { skills } = compiled;
  const passes = compiled.passes.map(({ source, flags, lookup, fold }) => ({ regex: new RegExp(source, flags), lookup: new Map(lookup), fold }));

  function scan(text: string, found: Set<number>): void {
    const hits: { start: number; end: number; id: number }[] = [];
    for (const { regex, lookup, fold } of passes) {
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
        const key = aliasKey(m[0]);
        const id = lookup.get(fold ? key.toLowerCase() : key);
        if (id !== undefined) hits.push({ start: m.index, end: m.index + m[0].length, id });
      }
    }
    // Each pass gives non-overlapping hits; across passes the earlier, then the longer, one wins.
    if (passes.length > 1) hits.sort((a, b) => a.start - b.start || b.end - a.end);
    let covered = 0;
    for (const hit of hits) {
      if (hit.start < covered) continue;
      covered = hit.end;
      if (hit.id !== IGNORED) found.add(hit.id);
    }
  }

  return {
    match(title, description) {
      const found = new Set<number>();
      scan(title, found);
      scan(description, found);
      return [...found].map((id) => ({ ...skills[id]! }));
    },
  };
}

/** "ecg" → "ecgs", "therapy" → "therapies"; nothing for short or non-letter endings ("r", "c++"). */
function plurals(lower: string): string[] {
  if (lower.length < 3 || !/[a-z]$/.test(lower) || lower.endsWith('s')) return [];
  return /[^aeiou]y$/.test(lower) ? [`${lower}s`, `${lower.slice(0, -1)}ies`] : [`${lower}s`];
}

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

/**
 * The source of one regex for many aliases, shaped as a trie ("sql(?:[\s\-]+server)?") rather than a flat
 * alternation: the engine then tries a handful of first characters at each position instead of
 * every alias. Optional tails are greedy, so the longest alias is tried first, and a shorter one
 * is used when a longer one fails the boundary check.
 */
function regexSource(keys: string[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const key of keys) {
    let node = root;
    for (const ch of key) {
      const unit = UNIT[ch] ?? ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
      let child = node.next.get(unit);
      if (child === undefined) {
        child = { end: false, next: new Map() };
        node.next.set(unit, child);
      }
      node = child;
    }
    node.end = true;
  }
  return `${BEFORE}${emit(root)}${AFTER}`;
}

function emit(node: TrieNode): string {
  const branches = [...node.next].map(([unit, child]) => unit + emit(child));
  if (branches.length === 0) return '';
  if (node.end) return `(?:${branches.join('|')})?`;
  return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
}
