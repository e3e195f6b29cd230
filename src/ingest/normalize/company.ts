import { cleanText } from './html.ts';

/** What sources write for "no company": Glassdoor's "-1", empty cells, "n/a". */
const PLACEHOLDER = /^(?:-1|n\/?a|none|null|unknown|-)$/i;

/**
 * Glassdoor puts the employer's star rating on a line of its own after the name
 * ("Tecolote Research\n3.8"); a last line that is only a number from 0 to 5 is that rating.
 */
const TRAILING_RATING = /\n\s*[0-5](?:\.\d)?\s*$/;

/**
 * The employer's name as people write it: the rating line dropped, entities decoded
 * ("Barts Health NHS Trust&#39;s"), whitespace collapsed. Placeholders give undefined.
 *
 * @example
 * cleanCompanyName('Tecolote Research\n3.8'); // 'Tecolote Research'
 * cleanCompanyName('Surrey and Sussex  Healthcare NHS Trust'); // 'Surrey and Sussex Healthcare NHS Trust'
 * cleanCompanyName('-1'); // undefined
 */
export function cleanCompanyName(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const name = cleanText(s.replace(TRAILING_RATING, ''));
  return name === undefined || PLACEHOLDER.test(name) ? undefined : name;
}
