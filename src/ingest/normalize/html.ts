import { decodeHTMLStrict } from 'entities';
import { compile } from 'html-to-text';

/**
 * Job boards hand us three kinds of description: real HTML, HTML that was entity-escaped once
 * more (NHS Jobs: `&lt;p&gt;...`), and plain text with line breaks (Glassdoor) that may carry a
 * stray tag or entity (`<h>The Startup</h2>`, `&ndash;`, `&#13;` in LinkedIn rows).
 * Plain text must keep its line breaks, so it never goes through the HTML converter, which
 * would fold them into spaces as a browser does.
 */

/** Escaped markup such as `&lt;p&gt;` or `&lt;/li&gt;`: the text is HTML escaped once more. */
const ESCAPED_TAG = /&lt;\/?[a-z][a-z0-9]*(?:\s|\/?&gt;)/i;

/** Tags that shape lines; counting them tells HTML from text with a stray tag. */
const BLOCK_TAG = /<\/?(?:p|br|li|ul|ol|div|h[1-6]|table|tr)\b[^>]*>/gi;

/**
 * A tag left in plain text: `</h2>`, `<span style="...">`, or one cut off before its `>` but
 * recognisable by its quoted attributes (LinkedIn: `<span style="font-size: 12.0pt;"Core`).
 * Only tag-like names count, so "<35-40% Travel" and "<20 weeks" stay as written.
 */
const STRAY_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?>|<[a-z][a-z0-9]*(?:\s+[-\w:]+\s*=\s*(?:"[^"]*"|'[^']*'))+/gi;

// Compiled once: compiling the options costs more than converting a typical description.
const convert = compile({
  wordwrap: false,
  selectors: [
    // Link targets are noise in a description; the link text stays.
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'ul', options: { itemPrefix: '- ' } },
    // Headings keep their case: "Main Responsibilities", not "MAIN RESPONSIBILITIES".
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

/**
 * Turns a description into readable text: HTML (also entity-escaped HTML) loses its tags but
 * keeps paragraph and list breaks; plain text keeps its lines. Either way runs of spaces become
 * one, lines are trimmed and there is at most one blank line in a row.
 *
 * @example
 * htmlToText('&lt;p&gt;Patient list size is 4500&lt;/p&gt;\n&lt;p&gt; &lt;/p&gt;');
 * // 'Patient list size is 4500'
 * htmlToText('<ul><li>Band 5</li><li>Full time</li></ul>'); // '- Band 5\n- Full time'
 * htmlToText('Data Scientist\nLocation:   Albuquerque, NM'); // 'Data Scientist\nLocation: Albuquerque, NM'
 */
export function htmlToText(s: string): string {
  let text = s;
  // Twice at most: some boards escape an already escaped page (`&amp;lt;p&amp;gt;`).
  for (let round = 0; round < 2 && ESCAPED_TAG.test(text); round++) text = decodeHTMLStrict(text);
  if (looksLikeHtml(text)) return tidyWhitespace(convert(text));
  return tidyWhitespace(decodeHTMLStrict(text.replace(STRAY_TAG, ' ')));
}

/**
 * A single-line field (title, company, place) as a person would type it: entities decoded
 * ("A&amp;E" → "A&E", "Children&#39;s" → "Children's"), whitespace collapsed, trimmed.
 * Returns undefined for nothing but whitespace.
 *
 * @example
 * cleanText('Staff Nurse-A&amp;E  '); // 'Staff Nurse-A&E'
 */
export function cleanText(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const text = decodeHTMLStrict(s).replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/**
 * HTML when the markup carries the line structure: at least one block tag per line break.
 * An NHS description has `</p>\n<p>` between paragraphs; a Glassdoor text with one stray
 * `<h>...</h2>` has dozens of line breaks and stays plain text.
 */
function looksLikeHtml(text: string): boolean {
  const blockTags = text.match(BLOCK_TAG)?.length ?? 0;
  if (blockTags === 0) return false;
  const lineBreaks = text.match(/\n/g)?.length ?? 0;
  return blockTags >= lineBreaks;
}

/** One space between words, no spaces at line ends, at most one blank line in a row. */
function tidyWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ') // tabs, no-break spaces, runs of spaces
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
