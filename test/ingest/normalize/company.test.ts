import { describe, expect, it } from 'vitest';
import { cleanCompanyName } from '../../../src/ingest/normalize/company.ts';

describe('cleanCompanyName', () => {
  it('drops the rating Glassdoor writes on the line after the name', () => {
    expect(cleanCompanyName('Tecolote Research\n3.8')).toBe('Tecolote Research');
    expect(cleanCompanyName('Tower Health\n3.6')).toBe('Tower Health');
  });

  it('keeps names without a rating, and digits that are part of the name', () => {
    expect(cleanCompanyName('Bridgerock Data')).toBe('Bridgerock Data');
    expect(cleanCompanyName('PM2CM')).toBe('PM2CM');
  });

  it('trims and collapses whitespace (NHS names)', () => {
    expect(cleanCompanyName('Tees, Esk and Wear Valleys NHS Foundation Trust ')).toBe('Tees, Esk and Wear Valleys NHS Foundation Trust');
    expect(cleanCompanyName('East of England  Ambulance Service Trust')).toBe('East of England Ambulance Service Trust');
  });

  it('reads "-1" and blanks as no company', () => {
    expect(cleanCompanyName('-1')).toBeUndefined();
    expect(cleanCompanyName(' ')).toBeUndefined();
    expect(cleanCompanyName(undefined)).toBeUndefined();
  });
});
