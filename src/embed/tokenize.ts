/**
 * Text normalisation and word splitting for the hashing embedder. Everything here feeds the
 * vectors: a change to the scanner or the stop words must bump `HASHING_EMBEDDER_NAME`.
 * NFKD and lower-casing follow the Unicode tables of the Node version; those only change for
 * newly assigned characters, so vectors of existing text stay the same across upgrades.
 */

// ASCII is unchanged by NFKD and carries no combining marks. Most postings are plain ASCII, so
// we skip the ICU call for them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range starts at NUL on purpose
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Function words that occur in nearly every posting. Without IDF (the embedder sees one text at
 * a time) they would make every pair of postings look alike. Left in on purpose: "it" (IT
 * support), "us" (US-based), "no", "not" (negation matters in requirements).
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been being but by for from had has have he her his i if in into is its ' +
    'me my of on or our ours she so such than that the their them then there these they this ' +
    'those to was we were what when where which while who whom will with would you your yours'
  ).split(' '),
);

// Character classes. A hand-written scanner over these tokenises about twice as fast as one
// Unicode regex with lookarounds did, and tokenising was half the embedder's time.
const OTHER = 1;
const LOWER = 2; // lower case, and letters without case (CJK, Arabic)
const UPPER = 3; // upper and title case
const DIGIT = 4;
// Class of each UTF-16 code unit, filled on first sight (0: not yet known).
const classCache = new Uint8Array(0x10000);

const UPPER_CHAR = /\p{Lu}|\p{Lt}/u;
const LETTER_CHAR = /\p{L}/u;
const DIGIT_CHAR = /\p{N}/u;

function classify(char: string): number {
  if (UPPER_CHAR.test(char)) return UPPER;
  if (LETTER_CHAR.test(char)) return LOWER;
  return DIGIT_CHAR.test(char) ? DIGIT : OTHER;
}

/** Class of the character at `i`; both halves of a surrogate pair get the pair's class. */
function classAt(text: string, i: number): number {
  if (i < 0 || i >= text.length) return OTHER;
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdfff) {
    const pairStart = code >= 0xdc00 ? i - 1 : i;
    const point = text.codePointAt(pairStart) ?? code;
    return point > 0xffff ? classify(String.fromCodePoint(point)) : OTHER;
  }
  classCache[code] ||= classify(text[i]!);
  return classCache[code];
}

const isWord = (cls: number) => cls !== OTHER;
const isLetter = (cls: number) => cls === LOWER || cls === UPPER;

function endOfRun(text: string, i: number): number {
  while (isWord(classAt(text, i))) i++;
  return i;
}

/**
 * Whether a dot before `i` joins two parts of one name: lower case, digits, all capitals or
 * "net" after it do (`node.js`, `3.5`, `ASP.NET`, `ASP.Net`); a capitalised word does not,
 * since that is usually a missing space between sentences (`London.We are hiring`).
 */
function dotJoins(text: string, i: number): boolean {
  const cls = classAt(text, i);
  if (cls === LOWER || cls === DIGIT) return true;
  if (cls !== UPPER) return false;
  if (classAt(text, i + 1) !== LOWER) return true;
  return text.slice(i, i + 3).toLowerCase() === 'net' && !isWord(classAt(text, i + 3));
}

/** Possessive `'s` dropped (`children's` is `children`), other apostrophes removed. */
function dropApostrophes(token: string): string {
  if (!token.includes("'") && !token.includes('’')) return token;
  return token.replace(/['’]s$/, '').replace(/['’]/g, '');
}

/**
 * Unicode NFKD, then drops the combining marks, so `café`, `cafe` and `ｃａｆé` all read `cafe`.
 *
 * @example
 * stripDiacritics('Crème brûlée') // 'Creme brulee'
 */
export function stripDiacritics(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text.normalize('NFKD').replace(COMBINING_MARKS, '');
}

/**
 * The words of a text, normalised and lower-cased, in order, without stop words. A word is a run
 * of letters and digits, with joins that keep technical names whole: a leading dot after a
 * space or bracket (`.net`), an inner dot (see `dotJoins`), an inner apostrophe, a trailing `++`
 * or `#` (`c++`, `c#`). Hyphens split: `full-stack` gives `full`, `stack`, whose bigram matches
 * "full stack". A text of stop words only keeps them, so "who are we" is not an empty text.
 *
 * @example
 * tokenize('Senior C++/C# engineer (.NET, Node.js) for the children’s ward')
 * // ['senior', 'c++', 'c#', 'engineer', '.net', 'node.js', 'children', 'ward']
 */
export function tokenize(text: string): string[] {
  return chosen(scan(text));
}

/** The words of a text's first line, of the rest, and of the whole (the last equal to `tokenize(text)`). */
export interface TitledWords {
  title: string[];
  body: string[];
  whole: string[];
}

/**
 * Tokenises a text once for both parts of the semantic embedder: its word vectors weigh the first
 * line (the title) apart from the rest, its lexical part takes the whole. A line break ends every
 * token and every join, so the whole's words are the title's followed by the body's; only the
 * fallback to stop words is decided per part and for the whole.
 *
 * @example
 * tokenizeTitled('The Nurse\nA ward');
 * // { title: ['nurse'], body: ['ward'], whole: ['nurse', 'ward'] }
 */
export function tokenizeTitled(text: string): TitledWords {
  const newline = text.indexOf('\n');
  const title = scan(newline === -1 ? text : text.slice(0, newline));
  const body = newline === -1 ? { all: [], kept: [] } : scan(text.slice(newline + 1));
  const kept = title.kept.concat(body.kept);
  return { title: chosen(title), body: chosen(body), whole: kept.length > 0 ? kept : title.all.concat(body.all) };
}

interface Scanned {
  /** Every word, stop words included. */
  all: string[];
  /** The words that are not stop words. */
  kept: string[];
}

/** A text of stop words only keeps them. */
function chosen(words: Scanned): string[] {
  return words.kept.length > 0 ? words.kept : words.all;
}

function scan(text: string): Scanned {
  const source = stripDiacritics(text);
  // Lower-casing once is cheaper than per word. After NFKD no character changes length when
  // lower-cased (U+0130 decomposes), but the fallback keeps the offsets honest regardless.
  const lower = source.toLowerCase();
  const word =
    lower.length === source.length
      ? (start: number, end: number) => lower.slice(start, end)
      : (start: number, end: number) => source.slice(start, end).toLowerCase();
  const all: string[] = [];
  const kept: string[] = [];
  let i = 0;
  while (i < source.length) {
    const start = i;
    const code = source.charCodeAt(i);
    const leadingDot = code === 0x2e && isLetter(classAt(source, i + 1)) && !isWord(classAt(source, i - 1)) && source[i - 1] !== '.';
    if (!leadingDot && !isWord(classAt(source, i))) {
      i++;
      continue;
    }
    i = endOfRun(source, leadingDot ? i + 1 : i);
    for (;;) {
      const next = source[i];
      if ((next === "'" || next === '’') && isLetter(classAt(source, i + 1))) i = endOfRun(source, i + 1);
      else if (next === '.' && dotJoins(source, i + 1)) i = endOfRun(source, i + 1);
      else break;
    }
    if (source.startsWith('++', i) && !isWord(classAt(source, i + 2))) i += 2;
    else if (source[i] === '#' && !isWord(classAt(source, i + 1))) i += 1;

    const token = dropApostrophes(word(start, i));
    all.push(token);
    if (!STOP_WORDS.has(token)) kept.push(token);
  }
  return { all, kept };
}
