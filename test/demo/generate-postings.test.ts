import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePostings } from '../../src/demo/generate-postings.ts';
import { Random } from '../../src/demo/random.ts';
import { ALL_SKILL_NAMES, COUNTRIES, FIELDS } from '../../src/demo/vocabulary/index.ts';
import { JobInput } from '../../src/core/posting.ts';

const root = join(import.meta.dirname, '../..');
const take = (count: number, seed?: number, endDate?: string) => [...generatePostings({ count, seed, endDate })];

/** One shared sample for the statistical checks; 3,000 postings take well under a second. */
const sample = take(3000, 1234);

/** Rough exchange rates, only to bound annual pay in one currency. */
const USD_PER_UNIT: Record<string, number> = { USD: 1, GBP: 1.27, EUR: 1.08, CAD: 0.73, AUD: 0.66, INR: 0.012 };
const PERIODS_PER_YEAR: Record<string, number> = { hour: 2080, day: 230, week: 52, month: 12, year: 1 };

/** The field whose role title is the longest one contained in the posting's title. */
function fieldOf(title: string): string | undefined {
  let best: { field: string; length: number } | undefined;
  for (const field of FIELDS) {
    for (const role of field.roles) {
      if (title.includes(role.title) && role.title.length > (best?.length ?? 0)) best = { field: field.id, length: role.title.length };
    }
  }
  return best?.field;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Skill names long enough not to match by accident ("C", "R"), as word-bounded patterns. */
const SKILL_PATTERNS = ALL_SKILL_NAMES.filter((s) => s.length >= 2).map((s) => {
  const variants = [s, s.charAt(0).toUpperCase() + s.slice(1)].map(escapeRegExp).join('|');
  return new RegExp(`(?<![\\w])(?:${variants})(?![\\w])`);
});

describe('generatePostings', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(take(300, 7)).toEqual(take(300, 7));
    const other = take(300, 8);
    expect(other.map((p) => p.title)).not.toEqual(take(300, 7).map((p) => p.title));
  });

  it('is lazy, so huge counts can be streamed', () => {
    const started = performance.now();
    const iterator = generatePostings({ count: 1_000_000_000 });
    for (let i = 0; i < 5; i++) expect(iterator.next().done).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('yields postings that pass JobInput validation, with unique demo ids and no skills', () => {
    for (const posting of sample) {
      const result = JobInput.safeParse(posting);
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
      expect(posting.source).toBe('demo');
      expect(posting.externalId).toMatch(/^demo-\d{6}$/);
      expect(posting).not.toHaveProperty('skills');
    }
    expect(new Set(sample.map((p) => p.externalId)).size).toBe(sample.length);
  });

  it('covers every field of work and several countries, weighted towards the US and UK', () => {
    const fields = new Map<string, number>();
    for (const p of sample) {
      const field = fieldOf(p.title);
      if (field) fields.set(field, (fields.get(field) ?? 0) + 1);
    }
    expect([...fields.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(sample.length * 0.9);
    for (const field of FIELDS) expect(fields.get(field.id) ?? 0, field.id).toBeGreaterThan(sample.length * 0.03);

    const countries = new Map<string, number>();
    for (const p of sample) countries.set(p.country ?? '', (countries.get(p.country ?? '') ?? 0) + 1);
    expect(countries.size).toBe(COUNTRIES.length);
    const [first, second] = [...countries.entries()].sort((a, b) => b[1] - a[1]).map(([code]) => code);
    expect(new Set([first, second])).toEqual(new Set(['US', 'GB']));
    for (const p of sample) if (p.city !== undefined) expect(p.region).toBeDefined();
  });

  it('gives plausible salaries in the local currency, mostly yearly, some hourly and daily', () => {
    const withPay = sample.filter((p) => p.salaryMin !== undefined);
    expect(withPay.length / sample.length).toBeGreaterThan(0.78);
    expect(withPay.length / sample.length).toBeLessThan(0.92);
    const currencyOf = new Map(COUNTRIES.map((c) => [c.code as string, c.currency]));
    const periods = new Map<string, number>();
    for (const p of withPay) {
      expect(p.salaryCurrency).toBe(currencyOf.get(p.country ?? ''));
      if (p.salaryMax !== undefined) expect(p.salaryMin).toBeLessThanOrEqual(p.salaryMax);
      const perYear = (PERIODS_PER_YEAR[p.salaryPeriod ?? ''] ?? Number.NaN) * (USD_PER_UNIT[p.salaryCurrency ?? ''] ?? Number.NaN);
      expect(p.salaryMin! * perYear, `${p.title} ${p.salaryMin} ${p.salaryCurrency}/${p.salaryPeriod}`).toBeGreaterThan(2_500);
      expect((p.salaryMax ?? p.salaryMin!) * perYear, `${p.title} ${p.salaryMax} ${p.salaryCurrency}`).toBeLessThan(600_000);
      periods.set(p.salaryPeriod!, (periods.get(p.salaryPeriod!) ?? 0) + 1);
    }
    expect(periods.get('year')! / withPay.length).toBeGreaterThan(0.55);
    expect(periods.get('hour')).toBeGreaterThan(withPay.length * 0.1);
    expect(periods.get('day')).toBeGreaterThan(0);
  });

  it('writes descriptions of about 120-450 words, in paragraphs, that mention skills', () => {
    const words = sample.map((p) => p.description!.split(/\s+/).length);
    expect(Math.min(...words)).toBeGreaterThan(80);
    expect(Math.max(...words)).toBeLessThan(500);
    expect(words.filter((n) => n >= 110 && n <= 460).length / words.length).toBeGreaterThan(0.97);
    for (const p of sample) {
      expect(p.description).toContain('\n\n');
      const mentioned = SKILL_PATTERNS.filter((pattern) => pattern.test(p.description!)).length;
      expect(mentioned, p.description).toBeGreaterThanOrEqual(2);
    }
    // Several layouts, not one template.
    expect(new Set(sample.map((p) => p.description!.split('\n')[0]!.slice(0, 12))).size).toBeGreaterThan(50);
  });

  it('spreads postedAt over the 18 months before endDate, with later expiry dates', () => {
    for (const [posts, end] of [
      [sample, '2026-10-31'],
      [take(500, 3, '2024-02-29'), '2024-02-29'],
    ] as const) {
      const first = new Date(Date.parse(`${end}T00:00:00Z`) - 547 * 86_400_000).toISOString().slice(0, 10);
      for (const p of posts) {
        expect(p.postedAt! >= first && p.postedAt! <= end, p.postedAt).toBe(true);
        if (p.expiresAt !== undefined) expect(p.expiresAt > p.postedAt!).toBe(true);
      }
      const months = new Set(posts.map((p) => p.postedAt!.slice(0, 7)));
      expect(months.size).toBeGreaterThanOrEqual(18);
    }
  });

  it('reposts about 3% of postings as near-duplicates', () => {
    const seen = new Map<string, string>();
    let reposts = 0;
    for (const p of sample) {
      const key = `${p.title}|${p.company}|${p.city}|${p.description!.slice(0, 300)}`;
      if (seen.has(key)) reposts++;
      else seen.set(key, p.externalId!);
    }
    expect(reposts / sample.length).toBeGreaterThan(0.015);
    expect(reposts / sample.length).toBeLessThan(0.05);
  });

  it('rejects invalid options with a message naming the option', () => {
    expect(() => take(-1)).toThrow(/count/);
    expect(() => take(1, 1.5)).toThrow(/seed/);
    expect(() => take(1, 1, '2026-02-30')).toThrow(/endDate/);
    expect(() => take(1, 1, '31/10/2026')).toThrow(/endDate/);
  });
});

describe('demo vocabulary', () => {
  it('has a seniority level for every role in every country it is posted in', () => {
    for (const field of FIELDS) {
      for (const role of field.roles) {
        if (role.group !== undefined) expect(field.groups[role.group], `${role.title} group`).toBeDefined();
        for (const country of role.countries ?? COUNTRIES.map((c) => c.code)) {
          const levels = (role.levels ?? field.levels).filter((l) => !l.countries || l.countries.includes(country));
          expect(levels.length, `${field.id}/${role.title}/${country}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it('never uses Math.random, so every run is reproducible', () => {
    const dir = join(root, 'src/demo');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const file of files) expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(/Math\.random\s*\(/);
  });

  it('Random helpers stay in range and are seed-stable', () => {
    const a = new Random(99);
    const b = new Random(99);
    for (let i = 0; i < 1000; i++) {
      const n = a.int(3, 9);
      expect(n).toBe(b.int(3, 9));
      expect(n >= 3 && n <= 9).toBe(true);
    }
    expect(a.sample([1, 2, 3, 4, 5], 3)).toHaveLength(3);
    expect(new Set(a.shuffle([1, 2, 3, 4, 5]))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(() => a.pick([])).toThrow();
  });
});

describe('shipped demo data (demo/postings.jsonl)', () => {
  const file = join(root, 'demo/postings.jsonl');

  it('is the generator output for seed 42 (regenerate with scripts/generate-demo-data.ts)', () => {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1500);
    const expected = take(50, 42);
    for (const [i, line] of lines.slice(0, 50).entries()) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(parsed).toEqual(expected[i]);
      expect(Object.keys(parsed)).toEqual(Object.keys(expected[i]!));
    }
    expect(statSync(file).size).toBeLessThan(2_600_000);
  });
});
