import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSkillMatcher } from '../../../src/ingest/skills/matcher.ts';
import { SKILL_CATEGORIES, TaxonomyError, loadTaxonomy } from '../../../src/ingest/skills/taxonomy.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jobsight-skills-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a user taxonomy file and returns its path. */
async function userFile(name: string, content: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('built-in taxonomy', () => {
  it('loads several hundred skills in the fixed categories', async () => {
    const taxonomy = await loadTaxonomy();
    expect(taxonomy.skills.length).toBeGreaterThanOrEqual(400);
    expect(taxonomy.skills.length).toBeLessThanOrEqual(600);
    const categories = new Set(taxonomy.skills.map((s) => s.category));
    expect([...categories].every((c) => (SKILL_CATEGORIES as readonly string[]).includes(c))).toBe(true);
    expect(categories.size).toBe(SKILL_CATEGORIES.length);
  });

  it('includes the name among the aliases unless matchName is false', async () => {
    const taxonomy = await loadTaxonomy();
    const python = taxonomy.skills.find((s) => s.name === 'Python');
    const go = taxonomy.skills.find((s) => s.name === 'Go');
    expect(python?.aliases).toContainEqual({ text: 'Python', caseSensitive: false });
    expect(go?.aliases.map((a) => a.text)).not.toContain('Go');
  });
});

describe('user taxonomy file', () => {
  it('adds a new skill and an alias to an existing one', async () => {
    const file = await userFile('extra.json', {
      skills: [
        { name: 'dbt Cloud', category: 'data', aliases: ['dbt Cloud IDE'] },
        { name: 'PostgreSQL', category: 'database', aliases: ['PG'] },
      ],
    });
    const matcher = createSkillMatcher(await loadTaxonomy(file));
    expect(matcher.match('', 'Experience with dbt Cloud IDE and PG').map((s) => s.name)).toEqual(['dbt Cloud', 'PostgreSQL']);
  });

  it('merges by name ignoring case and keeps matchName unless the user sets it', async () => {
    const file = await userFile('go.json', { skills: [{ name: 'go', category: 'programming-language', aliases: ['Go1.22'] }] });
    const matcher = createSkillMatcher(await loadTaxonomy(file));
    expect(matcher.match('', 'go the extra mile with Go1.22').map((s) => s.name)).toEqual(['Go']);
  });

  it('accepts ignore phrases', async () => {
    const file = await userFile('ignore.json', { ignore: ['Python Ward'] });
    const matcher = createSkillMatcher(await loadTaxonomy(file));
    expect(matcher.match('', 'Python Ward, Python developer').map((s) => s.name)).toEqual(['Python']);
  });

  it('names the file and the entry when an entry is invalid', async () => {
    const file = await userFile('bad.json', {
      skills: [
        { name: 'Fine', category: 'data' },
        { name: 'Kotlin Multiplatform', category: 'mobile', aliases: ['KMP'] },
      ],
    });
    const error = await loadTaxonomy(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaxonomyError);
    expect((error as TaxonomyError).file).toBe(file);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain('skills[1] ("Kotlin Multiplatform").category');
    expect((error as Error).message).toContain('(got "mobile")');
  });

  it('names the alias when it is neither a string nor an object', async () => {
    const file = await userFile('alias.json', { skills: [{ name: 'X', category: 'data', aliases: [42] }] });
    await expect(loadTaxonomy(file)).rejects.toThrow(/skills\[0\] \("X"\)\.aliases\[0\]: expected a string or/);
  });

  it('rejects misspelt keys instead of ignoring them', async () => {
    const file = await userFile('typo.json', { skills: [{ name: 'X', category: 'data', alias: ['Y'] }] });
    await expect(loadTaxonomy(file)).rejects.toThrow(/skills\[0\] \("X"\): Unrecognized key: "alias"/);
  });

  it('rejects an alias that already belongs to another skill', async () => {
    const file = await userFile('clash.json', { skills: [{ name: 'Sparkling', category: 'data', aliases: ['PySpark'] }] });
    await expect(loadTaxonomy(file)).rejects.toThrow(/alias "PySpark" of "Sparkling" is already an alias of "Apache Spark"/);
  });

  it('blames the user file when its alias for a built-in skill clashes with a later built-in skill', async () => {
    const file = await userFile('clash-late.json', { skills: [{ name: 'Python', category: 'programming-language', aliases: ['Tableau'] }] });
    const error = await loadTaxonomy(file).catch((e: unknown) => e);
    expect((error as TaxonomyError).file).toBe(file);
    expect((error as Error).message).toContain('"Tableau"');
  });

  it('rejects two entries for the same skill in one file', async () => {
    const file = await userFile('twice.json', {
      skills: [
        { name: 'Zig', category: 'programming-language' },
        { name: 'zig', category: 'programming-language' },
      ],
    });
    await expect(loadTaxonomy(file)).rejects.toThrow(/skills\[1\] \("zig"\) repeats skills\[0\]/);
  });

  it('rejects an entry that could never match', async () => {
    const file = await userFile('never.json', { skills: [{ name: 'Ghost', category: 'data', matchName: false }] });
    await expect(loadTaxonomy(file)).rejects.toThrow(/skills\[0\] \("Ghost"\): matchName is false/);
  });

  it('reports invalid JSON and missing files with the path', async () => {
    const broken = await userFile('broken.json', '{ "skills": [');
    await expect(loadTaxonomy(broken)).rejects.toThrow(`Skills taxonomy ${broken}: is not valid JSON`);
    const missing = join(dir, 'missing.json');
    await expect(loadTaxonomy(missing)).rejects.toThrow(`Skills taxonomy ${missing}: cannot be read`);
  });
});
