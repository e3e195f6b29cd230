import { describe, expect, it } from 'vitest';
import { normalizeEmploymentType } from '../../../src/ingest/normalize/employment.ts';

describe('normalizeEmploymentType', () => {
  it('maps the schema.org values NHS Jobs uses', () => {
    expect(normalizeEmploymentType('FULL_TIME')).toBe('full_time');
    expect(normalizeEmploymentType('PART_TIME')).toBe('part_time');
    expect(normalizeEmploymentType('TEMPORARY')).toBe('temporary');
    expect(normalizeEmploymentType('VOLUNTEER')).toBe('volunteer');
    expect(normalizeEmploymentType('OTHER')).toBe('other');
  });

  it("maps LinkedIn's employment_type column", () => {
    expect(normalizeEmploymentType('Full-time')).toBe('full_time');
    expect(normalizeEmploymentType('Part-time')).toBe('part_time');
    expect(normalizeEmploymentType('Contract')).toBe('contract');
    expect(normalizeEmploymentType('Internship')).toBe('internship');
    expect(normalizeEmploymentType('')).toBeUndefined();
  });

  it('maps UK health words: bank, fixed-term, locum, permanent', () => {
    expect(normalizeEmploymentType('Bank')).toBe('per_diem');
    expect(normalizeEmploymentType('Fixed-Term')).toBe('contract');
    expect(normalizeEmploymentType('Locum')).toBe('temporary');
    expect(normalizeEmploymentType('Permanent')).toBe('full_time');
    expect(normalizeEmploymentType('Permanent, Part-time')).toBe('part_time');
  });

  it('takes the first recognised value of an array or a joined list', () => {
    expect(normalizeEmploymentType(['TEMPORARY', 'PART_TIME'])).toBe('temporary');
    expect(normalizeEmploymentType('FULL_TIME,PART_TIME')).toBe('full_time');
  });

  it("calls unknown words 'other' and placeholders nothing", () => {
    expect(normalizeEmploymentType('Secondment opportunity')).toBe('other');
    expect(normalizeEmploymentType('-1')).toBeUndefined();
  });
});
