import { describe, expect, it } from 'vitest';
import { parsePostedDate } from '../../../src/ingest/normalize/dates.ts';

/** The Indeed files were collected in July 2018. */
const collected = new Date('2018-07-20T12:00:00Z');

describe('parsePostedDate', () => {
  it('reads ISO dates and datetimes, keeping the day as written whatever the offset', () => {
    expect(parsePostedDate('2020-11-02T00:00:00', collected)).toEqual({ date: '2020-11-02', approximate: false });
    expect(parsePostedDate('2018-12-27T10:50:17+0000', collected)).toEqual({ date: '2018-12-27', approximate: false });
    // 00:30 in British summer time is still the previous day in UTC: the posting says the 8th.
    expect(parsePostedDate('2019-08-08T00:30:00+0100', collected)).toEqual({ date: '2019-08-08', approximate: false });
    expect(parsePostedDate('2020-11-02', collected)).toEqual({ date: '2020-11-02', approximate: false });
  });

  it('counts relative ages back from the reference date (Indeed time_posted)', () => {
    expect(parsePostedDate('1 day ago', collected)).toEqual({ date: '2018-07-19', approximate: false });
    expect(parsePostedDate('14 days ago', collected)).toEqual({ date: '2018-07-06', approximate: false });
    expect(parsePostedDate('5 hours ago', collected)).toEqual({ date: '2018-07-20', approximate: false });
    expect(parsePostedDate('Just posted', collected)).toEqual({ date: '2018-07-20', approximate: false });
    expect(parsePostedDate('Today', collected)).toEqual({ date: '2018-07-20', approximate: false });
  });

  it('marks "30+ days ago" approximate: it is only a floor', () => {
    expect(parsePostedDate('30+ days ago', collected)).toEqual({ date: '2018-06-20', approximate: true });
  });

  it('gives nothing for junk Indeed put in the column ("save job", a place, a company)', () => {
    expect(parsePostedDate('save job', collected)).toBeUndefined();
    expect(parsePostedDate('Irvine', collected)).toBeUndefined();
    expect(parsePostedDate('Sonoma, Inc.', collected)).toBeUndefined();
    expect(parsePostedDate('2020-02-30', collected)).toBeUndefined();
    expect(parsePostedDate(undefined, collected)).toBeUndefined();
  });
});
