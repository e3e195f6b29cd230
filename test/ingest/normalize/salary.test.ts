import { describe, expect, it } from 'vitest';
import { annualize } from '../../../src/jobs/derived.ts';
import { parseSalary } from '../../../src/ingest/normalize/salary.ts';

const usd = { defaultCurrency: 'USD' };
/** How an NHS Jobs row arrives: text, derived figures, GBP, and the unit YEAR on every row. */
const nhs = (text: string | undefined, min?: string, max?: string) => parseSalary({ text, min, max, currency: 'GBP', unit: 'YEAR' });

describe('parseSalary: Glassdoor estimates', () => {
  it('reads thousands with K as yearly USD', () => {
    expect(parseSalary({ text: '$53K-$91K (Glassdoor est.)' }, usd)).toEqual({
      min: 53_000,
      max: 91_000,
      currency: 'USD',
      period: 'year',
      annualMin: 53_000,
      annualMax: 91_000,
    });
    expect(parseSalary({ text: 'Employer Provided Salary:$120K-$160K' }, usd)).toMatchObject({ annualMin: 120_000, annualMax: 160_000 });
  });

  it('annualises hourly estimates at 1,950 hours a year', () => {
    expect(parseSalary({ text: '$17-$24 Per Hour(Glassdoor est.)' }, usd)).toEqual({
      min: 17,
      max: 24,
      currency: 'USD',
      period: 'hour',
      annualMin: 33_150,
      annualMax: 46_800,
    });
  });

  it('reads "-1" as no salary, without a flag', () => {
    expect(parseSalary({ text: '-1' }, usd)).toEqual({ annualMin: null, annualMax: null });
  });
});

describe('parseSalary: NHS Jobs', () => {
  it('reads a yearly range from the text', () => {
    expect(nhs('£38,890 - £44,503 per annum', '38890', '44503')).toEqual({
      min: 38_890,
      max: 44_503,
      currency: 'GBP',
      period: 'year',
      annualMin: 38_890,
      annualMax: 44_503,
    });
    expect(nhs('£28,333.20 per annum', '28333', '28333')).toMatchObject({ min: 28_333.2, annualMin: 28_333 });
  });

  it('trusts the text over the figures derived from it ("£14.49 p/h" arrives as 24357 a year)', () => {
    expect(nhs('£14.49 p/h', '24357', '24357')).toMatchObject({ min: 14.49, period: 'hour', annualMin: 28_256 });
    expect(nhs('£10.50 per hour')).toMatchObject({ period: 'hour', annualMin: 20_475, annualMax: 20_475 });
  });

  it('reads day and week rates', () => {
    expect(parseSalary({ text: '£250 per day' })).toMatchObject({ currency: 'GBP', period: 'day', annualMin: 57_500 });
    expect(nhs('£155.63 per week', '155', '155')).toMatchObject({ period: 'week', annualMin: 8093 });
  });

  it('reads "up to" as a ceiling and "From" as a floor', () => {
    expect(parseSalary({ text: 'up to £30,000' })).toEqual({
      max: 30_000,
      currency: 'GBP',
      period: 'year',
      annualMin: null,
      annualMax: 30_000,
    });
    expect(nhs('From £24,214 per annum', '24214', '24214')).toMatchObject({ min: 24_214, annualMin: 24_214, annualMax: null });
  });

  it('reads "negotiable", "Competitive" and "" as no salary, without a flag', () => {
    for (const text of ['negotiable', 'Competitive', 'competitive salary plus benefits', '']) {
      expect(nhs(text)).toEqual({ annualMin: null, annualMax: null });
    }
  });

  it('reads an amount too small for its unit YEAR as hourly, and says so', () => {
    expect(nhs('£9.21', '15482', '15482')).toMatchObject({
      min: 9.21,
      period: 'hour',
      annualMin: 17_960,
      flag: 'unit YEAR does not fit 9.21; read as pay per hour',
    });
    // Figures alone (no text): 10.5 a YEAR is hourly pay.
    expect(parseSalary({ min: '10.5', max: '10.5', currency: 'GBP', unit: 'YEAR' })).toMatchObject({
      period: 'hour',
      annualMin: 20_475,
      flag: 'unit YEAR does not fit 10.5; read as pay per hour',
    });
  });

  it('flags digits taken from a postcode, keeping the raw figures', () => {
    expect(nhs('NP22 5PW', '8405', '8405')).toEqual({
      min: 8405,
      max: 8405,
      currency: 'GBP',
      annualMin: null,
      annualMax: null,
      flag: 'figures 8,405 were taken from the postcode in "NP22 5PW"',
    });
  });

  it('flags figures the text does not contain ("Band 5/6" arrives as 10,086 a year)', () => {
    expect(nhs('Band 5/6 dependent on experience', '10086', '10086')).toMatchObject({
      min: 10_086,
      annualMin: null,
      flag: 'figures 10,086 do not appear in the salary text "Band 5/6 dependent on experience"',
    });
  });

  it('flags the max of 3,685,600: a mistyped amount cannot be read', () => {
    expect(nhs('up to £36,856,00 per annum DOE', '3685600', '3685600')).toMatchObject({
      max: 3_685_600,
      annualMax: null,
      flag: 'amount "£36,856,00" in "up to £36,856,00 per annum DOE" cannot be read',
    });
    expect(parseSalary({ min: 3_685_600, max: 3_685_600, unit: 'YEAR' })).toMatchObject({
      annualMax: null,
      flag: '3,685,600 per year is 3,685,600 a year, outside 1,000–1,000,000',
    });
  });

  it('flags a minimum above the maximum, and a range too wide to be one salary', () => {
    expect(nhs('£387,694 - £49,036', '49036', '387694')).toMatchObject({
      min: 387_694,
      max: 49_036,
      annualMin: null,
      flag: 'minimum 387,694 is above maximum 49,036',
    });
    expect(nhs('£45,753 to £514,668 per annum', '45753', '514668')).toMatchObject({
      annualMax: null,
      flag: 'range 45,753–514,668 is too wide to be one salary',
    });
  });

  it('does not annualise pay per session', () => {
    expect(nhs('£375-£450 per session', '375', '450')).toMatchObject({
      min: 375,
      max: 450,
      annualMin: null,
      flag: 'pay per session has no fixed length and is not annualised',
    });
  });

  it('applies the period to its own figure ("£37,137 (£18.55 p/h)" is yearly)', () => {
    expect(nhs('£37,137 (£18.55 p/h)', '31182', '31182')).toMatchObject({ min: 37_137, period: 'year', annualMin: 37_137 });
  });

  it('reads ranges written in thousands ("£25-31k", "£19 - 22,000 WTE") and split thousands ("£42, 000")', () => {
    expect(nhs('£25-31k', '25000', '31000')).toMatchObject({ annualMin: 25_000, annualMax: 31_000 });
    expect(nhs('£19 - 22,000 WTE', '19000', '22000')).toMatchObject({ annualMin: 19_000, annualMax: 22_000 });
    expect(nhs('Up to £42, 000 per annum DOE', '42000', '42000')).toMatchObject({ annualMax: 42_000 });
  });
});

describe('parseSalary: currency', () => {
  it('takes the currency from symbols and codes, $ as the default dollar', () => {
    expect(parseSalary({ text: '€45,000' })).toMatchObject({ currency: 'EUR' });
    expect(parseSalary({ text: '60587  - 66590  GBP per year' })).toMatchObject({ currency: 'GBP', annualMin: 60_587 });
    expect(parseSalary({ text: '$80,000' }, { defaultCurrency: 'CAD' })).toMatchObject({ currency: 'CAD' });
    expect(parseSalary({ text: '$80,000' }, { defaultCurrency: 'GBP' })).toMatchObject({ currency: 'USD' });
  });
});

describe('annualize', () => {
  it('uses 1,950 hours, 230 days, 52 weeks, 12 months', () => {
    expect([annualize(10, 'hour'), annualize(100, 'day'), annualize(100, 'week'), annualize(1000, 'month')]).toEqual([19_500, 23_000, 5200, 12_000]);
  });
});

describe('parseSalary: figures beside a comment', () => {
  it('keeps figures when the text is a remark without digits', () => {
    expect(parseSalary({ text: 'DOE', min: 50_000, max: 60_000, currency: 'GBP', unit: 'YEAR' })).toMatchObject({
      min: 50_000,
      max: 60_000,
      period: 'year',
      annualMin: 50_000,
      annualMax: 60_000,
    });
  });
});
