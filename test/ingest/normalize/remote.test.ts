import { describe, expect, it } from 'vitest';
import { detectRemoteMode } from '../../../src/ingest/normalize/remote.ts';

describe('detectRemoteMode', () => {
  it('believes the source field first (schema.org jobLocationType)', () => {
    expect(detectRemoteMode({ remote: 'TELECOMMUTE', description: 'It is not a remote role.' })).toBe('remote');
    expect(detectRemoteMode({ remote: 'Hybrid' })).toBe('hybrid');
  });

  it('reads "Remote" and "Home Based" in the location', () => {
    expect(detectRemoteMode({ title: 'Data Scientist - REMOTE', location: 'Remote' })).toBe('remote');
    expect(detectRemoteMode({ title: 'GIRFT Data Analyst', location: 'Home Based' })).toBe('remote');
  });

  it('reads work-mode words in titles, but not "Remote Sensing" or "Onsite interview"', () => {
    expect(detectRemoteMode({ title: 'Data Analyst - REMOTE', location: 'Gold River, CA 95670' })).toBe('remote');
    expect(detectRemoteMode({ title: '111 Clinical Advisor - Remote Working (Nurse/Paramedic/Pharmacist)' })).toBe('remote');
    expect(detectRemoteMode({ title: 'Data Engineer 4 - Contract (Remote)', location: 'Riverton, UT' })).toBe('remote');
    expect(detectRemoteMode({ title: 'Localization Data Analyst - Onsite in Los Gatos, CA' })).toBe('onsite');
    expect(detectRemoteMode({ title: 'Remote Sensing Scientist', location: 'Sacramento, California Area' })).toBeUndefined();
    expect(
      detectRemoteMode({ title: 'Investment Data / Wealth Management Data Analyst - Onsite interview Must in San Francisco, CA' }),
    ).toBeUndefined();
  });

  it('reads statements of the arrangement in descriptions, denials first', () => {
    expect(detectRemoteMode({ description: 'This position is located in San Francisco, CA. It is not a remote role.' })).toBe('onsite');
    expect(detectRemoteMode({ description: 'THIS IS NOT A REMOTE OPPORTUNITY/ NO THIRD-PARTY VENDORS' })).toBe('onsite');
    expect(detectRemoteMode({ description: 'This is a contract position. This is a remote position.' })).toBe('remote');
    expect(detectRemoteMode({ description: "100% remote friendly (we'd prefer 5 hours of overlap)" })).toBe('remote');
    expect(detectRemoteMode({ description: 'Expect a mix of home and office working to start initially' })).toBe('hybrid');
  });

  it('does not read flexible-working perks, remote monitoring or a hybrid theatre as a work mode', () => {
    expect(
      detectRemoteMode({ description: 'part-time working, job sharing, term-time working, compressed hours and working from home.' }),
    ).toBeUndefined();
    expect(
      detectRemoteMode({ description: '10 theatres, including a Hybrid theatre and two minimally invasive and day surgery theatres' }),
    ).toBeUndefined();
    expect(detectRemoteMode({ title: 'Staff Nurse', location: 'London' })).toBeUndefined();
  });
});
