/**
 * Whether two titles can name the same job. A repost keeps its title or adds to it ("Data
 * Scientist - San Diego", "Senior Staff Nurse (RGN)", "Part time Paramedic"); two posts of one
 * employer differ in a word on both sides ("Staff Nurse - HDU" / "- ICU", "Band 5" / "Band 6") or
 * in a grade or contract ("Deputy Ward Manager" / "Ward Manager", "Bank RMN" / "RMN"). Trigram similarity cannot tell these apart
 * (all score 0.6-0.9 above), and one trust's boilerplate makes the descriptions alike.
 */
const GRADE_WORDS = new Set([
  'senior',
  'sr',
  'junior',
  'jr',
  'lead',
  'principal',
  'head',
  'chief',
  'deputy',
  'bank',
  'support',
  'assistant',
  'associate',
  'trainee',
  'apprentice',
  'intern',
  'locum',
  'consultant',
  'manager',
  'director',
  'supervisor',
  'staff',
  'ii',
  'iii',
  'iv',
  'band',
  'level',
  'grade',
]);

const words = (title: string) =>
  new Set(
    title
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );

/** True when one title's words hold all the other's and the added words name no grade. */
export function sameJobTitles(a: string, b: string): boolean {
  const wa = words(a);
  const wb = words(b);
  const onlyA = [...wa].filter((w) => !wb.has(w));
  const onlyB = [...wb].filter((w) => !wa.has(w));
  if (onlyA.length > 0 && onlyB.length > 0) return false;
  return ![...onlyA, ...onlyB].some((w) => GRADE_WORDS.has(w));
}
