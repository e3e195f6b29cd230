import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../../src/ingest/normalize/location.ts';

describe('parseLocation', () => {
  it('reads "City, ST" with US state codes (Glassdoor, Indeed)', () => {
    expect(parseLocation({ location: 'San Francisco, CA' })).toEqual({ city: 'San Francisco', region: 'CA', country: 'US' });
    expect(parseLocation({ location: 'San Diego, CA 92121' })).toEqual({ city: 'San Diego', region: 'CA', country: 'US' });
  });

  it('reads the LinkedIn spellings: state names, countries, street addresses, "Area"', () => {
    const sf = { city: 'San Francisco', region: 'CA', country: 'US' };
    expect(parseLocation({ location: 'San Francisco, CA, US' })).toEqual(sf);
    expect(parseLocation({ location: 'San Francisco, California, United States' })).toEqual(sf);
    expect(parseLocation({ location: '300 Montgomery St Suite 900, San Francisco, CA 94104, US' })).toEqual(sf);
    expect(parseLocation({ location: 'Orange County, California Area' })).toEqual({ city: 'Orange County', region: 'CA', country: 'US' });
    expect(parseLocation({ location: 'Fremont, US-CA' })).toEqual({ city: 'Fremont', region: 'CA', country: 'US' });
    expect(parseLocation({ location: 'San Francisco Bay Area' })).toEqual({ city: 'San Francisco Bay Area' });
  });

  it('reads a state or country alone (Glassdoor "Oregon", "United States")', () => {
    expect(parseLocation({ location: 'Oregon' })).toEqual({ region: 'OR', country: 'US' });
    expect(parseLocation({ location: 'United States' })).toEqual({ country: 'US' });
    expect(parseLocation({ location: 'Remote' })).toEqual({});
  });

  it('reads Canadian provinces and foreign headquarters', () => {
    expect(parseLocation({ location: 'Toronto, ON' })).toEqual({ city: 'Toronto', region: 'ON', country: 'CA' });
    expect(parseLocation({ location: 'London, United Kingdom' })).toEqual({ city: 'London', country: 'GB' });
    expect(parseLocation({ location: 'Basel, Switzerland' })).toEqual({ city: 'Basel', country: 'CH' });
  });

  it('turns country names and codes into ISO alpha-2', () => {
    expect(parseLocation({ city: 'London', country: 'GB' })).toEqual({ city: 'London', country: 'GB' });
    expect(parseLocation({ city: 'London', country: 'UK' })).toEqual({ city: 'London', country: 'GB' });
    expect(parseLocation({ city: 'Leeds', country: 'England' })).toEqual({ city: 'Leeds', country: 'GB' });
    expect(parseLocation({ city: 'Leeds', country: 'Narnia' })).toEqual({ city: 'Leeds', country: 'Narnia' });
  });

  it('reads NHS localities: the town after the site, a county as region, postcodes dropped, no shouting', () => {
    const gb = (city: string) => parseLocation({ city, country: 'GB' });
    expect(gb('Southampton General Hospital, Southampton')).toEqual({ city: 'Southampton', country: 'GB' });
    expect(gb('Chertsey, Surrey')).toEqual({ city: 'Chertsey', region: 'Surrey', country: 'GB' });
    expect(gb('B7 4BN, Birmingham')).toEqual({ city: 'Birmingham', country: 'GB' });
    expect(gb('ARLESEY')).toEqual({ city: 'Arlesey', country: 'GB' });
    expect(gb('NEWCASTLE UPON TYNE')).toEqual({ city: 'Newcastle upon Tyne', country: 'GB' });
    expect(gb('UCLH')).toEqual({ city: 'UCLH', country: 'GB' });
    expect(gb('St Leonard&#39;s on Sea')).toEqual({ city: "St Leonard's on Sea", country: 'GB' });
    expect(gb('Various locations')).toEqual({ country: 'GB' });
  });
});
