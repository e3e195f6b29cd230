import { cleanText } from './html.ts';
import { CANADIAN_PROVINCES, COUNTRIES, COUNTRY_CODES, UK_REGIONS, US_STATES } from './places.ts';

export interface LocationInput {
  /** One free-text string: "San Francisco, CA", "9920 Jefferson Blvd , Culver City, CA 90232, US". */
  location?: string;
  /** The source's own fields (NHS `addressLocality`, which is itself often "Site, Town"). */
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface ParsedLocation {
  city?: string;
  /** US state or Canadian province as its code ("CA", "ON"); a UK county as its name. */
  region?: string;
  /** ISO 3166-1 alpha-2 when recognised, otherwise the source's text. */
  country?: string;
}

/** Parts that say where the job is not: "Remote", "Various", "TBC" (remote.ts reads "Remote"). */
const NOT_A_PLACE = /^(?:remote|anywhere|various(?: locations| sites)?|multiple locations|tb[ac]|trust ?wide|county ?wide|home ?based|n\/a|-1)$/i;
const UK_POSTCODE = /\s*\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b\s*/g;
const US_ZIP = /\s+\d{5}(?:-\d{4})?$/;
const BRACKETED = /\s*\([^)]*\)/g;

/**
 * Splits a location into city, region and country, reading the comma-separated parts from
 * the end: a country, then a state, province or county, then the city. Parts before the
 * city (a street, a hospital's name) are dropped; postcodes and ZIP codes too.
 *
 * @example
 * parseLocation({ location: 'San Francisco, CA' }); // { city: 'San Francisco', region: 'CA', country: 'US' }
 * parseLocation({ location: 'Toronto, ON' }); // { city: 'Toronto', region: 'ON', country: 'CA' }
 * parseLocation({ city: 'Chertsey, Surrey', country: 'GB' }); // { city: 'Chertsey', region: 'Surrey', country: 'GB' }
 * parseLocation({ location: 'United States' }); // { country: 'US' }
 */
export function parseLocation(input: LocationInput): ParsedLocation {
  const givenCountry = cleanText(input.country);
  const givenCode = givenCountry === undefined ? undefined : countryCode(givenCountry);
  const parts = splitParts(cleanText(input.location) ?? cleanText(input.city) ?? '');
  const parsed: ParsedLocation = {};

  const last = parts[parts.length - 1];
  // A two-letter last part is a state ("Chicago, IL") unless a state or province precedes it.
  if (last !== undefined && (!isStateCode(last) || (parts.length > 2 && regionOf(parts[parts.length - 2]!) !== undefined))) {
    const code = countryCode(last);
    if (code !== undefined) {
      parsed.country = code;
      parts.pop();
    }
  }
  const regionPart = parts[parts.length - 1];
  const region = regionPart === undefined ? undefined : regionOf(regionPart);
  if (region !== undefined) {
    parsed.region = region.region;
    parsed.country ??= region.country;
    parts.pop();
  }
  const city = parts.pop();
  if (city !== undefined) parsed.city = city;

  const givenCity = input.location === undefined ? undefined : cleanText(input.city);
  const result: ParsedLocation = { ...parsed };
  if (givenCity !== undefined) result.city = unshout(givenCity);
  const givenRegion = cleanText(input.region);
  if (givenRegion !== undefined) result.region = regionOf(givenRegion)?.region ?? unshout(givenRegion);
  const country = givenCode ?? givenCountry ?? parsed.country;
  if (country !== undefined) result.country = country;
  return result;
}

/** ISO alpha-2 for a country name or code ("United Kingdom", "UK", "England", "us"). */
export function countryCode(text: string): string | undefined {
  const key = text.trim().toLowerCase();
  if (COUNTRIES[key] !== undefined) return COUNTRIES[key];
  const upper = key.toUpperCase();
  return COUNTRY_CODES.has(upper) ? upper : undefined;
}

function splitParts(text: string): string[] {
  // Several places ("Leeds, West Yorkshire, GB; York, GB", as the readers join them): the first.
  return (
    (text.split(';')[0] ?? '')
      .replace(BRACKETED, '')
      .split(',')
      // "US-CA" (ISO 3166-2, as some LinkedIn rows write it) is a region and a country.
      .flatMap((part) => (/^\s*[A-Z]{2}-[A-Z]{2}\s*$/.test(part) ? part.trim().split('-').reverse() : [part]))
      .map((part) => unshout(part.replace(UK_POSTCODE, ' ').replace(US_ZIP, '').trim()))
      .filter((part) => part !== '' && !NOT_A_PLACE.test(part))
  );
}

/** "CA", "California", "California Area" (LinkedIn), "Ontario", "Surrey". */
function regionOf(part: string): { region: string; country: string } | undefined {
  const name = part.replace(/\s+area$/i, '');
  const upper = name.toUpperCase();
  if (US_STATES[upper] !== undefined) return { region: upper, country: 'US' };
  if (CANADIAN_PROVINCES[upper] !== undefined) return { region: upper, country: 'CA' };
  const lower = name.toLowerCase();
  const state = Object.keys(US_STATES).find((code) => US_STATES[code]!.toLowerCase() === lower);
  if (state !== undefined) return { region: state, country: 'US' };
  const province = Object.keys(CANADIAN_PROVINCES).find((code) => CANADIAN_PROVINCES[code]!.toLowerCase() === lower);
  if (province !== undefined) return { region: province, country: 'CA' };
  return UK_REGIONS.has(lower) ? { region: name, country: 'GB' } : undefined;
}

function isStateCode(part: string): boolean {
  const upper = part.toUpperCase();
  return part.length === 2 && (US_STATES[upper] !== undefined || CANADIAN_PROVINCES[upper] !== undefined);
}

/**
 * "PLYMOUTH" → "Plymouth", "NEWCASTLE UPON TYNE" → "Newcastle upon Tyne". Words with no vowel
 * after the first letter look like initials ("WRH", "UCLH", "NDDH") and stay as written.
 */
function unshout(part: string): string {
  if (part !== part.toUpperCase() || !/[A-Z]{3}/.test(part)) return part;
  const small = new Set(['upon', 'on', 'the', 'and', 'of', 'in', 'under', 'le', 'by', 'super']);
  return part.toLowerCase().replace(/[a-z]+/g, (word, offset: number) => {
    if (offset > 0 && small.has(word)) return word;
    if (!/[aeiouy]/.test(word.slice(1)) && word !== 'st') return word.toUpperCase();
    return word[0]!.toUpperCase() + word.slice(1);
  });
}
