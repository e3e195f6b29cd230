/**
 * Countries and cities postings are placed in, with what the salary model needs to know about
 * each country. Weights are shares of postings, roughly shaped like an English-language job board:
 * mostly the US and the UK, then the rest.
 */
import type { CountryCode } from './types.ts';

/** `[city, region, weight, pay factor]`; the pay factor (default 1) marks expensive metros. */
export type City = readonly [string, string, number, number?];

export interface Country {
  code: CountryCode;
  name: string;
  /** ISO 4217. */
  currency: string;
  /** Share of postings, before a field's bias. */
  weight: number;
  /**
   * Turns a US mid-level salary in USD into a local yearly figure: exchange rate and local pay
   * level in one number. Tuned so a mid-level software engineer earns about what boards show
   * (GBP 70k in the UK, INR 18 lakh in India); not economics, just plausible.
   */
  payFactor: number;
  /** Legal (or usual) minimum hourly pay; low-paid roles never go below it. */
  minimumHourly: number;
  /** Full-time hours per year, to turn yearly pay into hourly and back. */
  hoursPerYear: number;
  /** How salaries are written in this country's postings: BCP 47 locale and currency symbol. */
  locale: string;
  symbol: string;
  cities: readonly City[];
  /** Benefits that any employer in the country might list. */
  perks: readonly string[];
}

export const COUNTRIES: readonly Country[] = [
  {
    code: 'US', name: 'the United States', currency: 'USD', weight: 38, payFactor: 1, minimumHourly: 15,
    hoursPerYear: 2080, locale: 'en-US', symbol: '$',
    cities: [
      ['New York', 'New York', 10, 1.15], ['San Francisco', 'California', 6, 1.2], ['Los Angeles', 'California', 6, 1.08],
      ['Seattle', 'Washington', 5, 1.12], ['Austin', 'Texas', 5], ['Chicago', 'Illinois', 6], ['Boston', 'Massachusetts', 5, 1.08],
      ['Denver', 'Colorado', 3], ['Atlanta', 'Georgia', 4], ['Dallas', 'Texas', 4], ['Houston', 'Texas', 4],
      ['Phoenix', 'Arizona', 3, 0.95], ['Philadelphia', 'Pennsylvania', 3], ['Miami', 'Florida', 3], ['San Diego', 'California', 3, 1.05],
      ['Minneapolis', 'Minnesota', 2], ['Portland', 'Oregon', 2], ['Nashville', 'Tennessee', 2, 0.95], ['Raleigh', 'North Carolina', 2],
      ['Charlotte', 'North Carolina', 2], ['Columbus', 'Ohio', 2, 0.93], ['Detroit', 'Michigan', 2, 0.93], ['Salt Lake City', 'Utah', 1.5],
      ['Pittsburgh', 'Pennsylvania', 1.5, 0.95], ['Orlando', 'Florida', 2, 0.95], ['Kansas City', 'Missouri', 1, 0.92],
      ['Indianapolis', 'Indiana', 1, 0.92], ['Baltimore', 'Maryland', 1], ['Sacramento', 'California', 1, 1.03], ['Las Vegas', 'Nevada', 1.5, 0.95],
    ],
    perks: [
      'medical, dental and vision insurance', 'a 401(k) plan with company match', 'paid time off and paid holidays',
      'life and disability insurance', 'an HSA with an employer contribution', 'tuition reimbursement', 'paid parental leave',
    ],
  },
  {
    code: 'GB', name: 'the UK', currency: 'GBP', weight: 26, payFactor: 0.55, minimumHourly: 12.21,
    hoursPerYear: 1950, locale: 'en-GB', symbol: '£',
    cities: [
      ['London', 'Greater London', 20, 1.18], ['Manchester', 'North West England', 6], ['Birmingham', 'West Midlands', 6],
      ['Leeds', 'Yorkshire and the Humber', 4], ['Bristol', 'South West England', 4, 1.03], ['Glasgow', 'Scotland', 4],
      ['Edinburgh', 'Scotland', 4, 1.03], ['Liverpool', 'North West England', 3, 0.95], ['Newcastle upon Tyne', 'North East England', 2.5, 0.94],
      ['Sheffield', 'Yorkshire and the Humber', 2.5, 0.94], ['Nottingham', 'East Midlands', 2.5, 0.95], ['Leicester', 'East Midlands', 2, 0.95],
      ['Cardiff', 'Wales', 2.5, 0.95], ['Belfast', 'Northern Ireland', 2, 0.92], ['Cambridge', 'East of England', 2, 1.08],
      ['Oxford', 'South East England', 2, 1.05], ['Reading', 'South East England', 2, 1.05], ['Brighton', 'South East England', 1.5],
      ['Southampton', 'South East England', 1.5], ['Norwich', 'East of England', 1, 0.94], ['Exeter', 'South West England', 1, 0.95],
      ['Aberdeen', 'Scotland', 1], ['Milton Keynes', 'South East England', 1.5], ['Coventry', 'West Midlands', 1.5, 0.96],
    ],
    perks: [
      "25 days' annual leave plus bank holidays", 'a contributory pension scheme', 'private medical insurance',
      'a cycle-to-work scheme', 'an employee assistance programme', 'enhanced maternity and paternity pay', 'life assurance at four times salary',
    ],
  },
  {
    code: 'CA', name: 'Canada', currency: 'CAD', weight: 8, payFactor: 0.85, minimumHourly: 17.75,
    hoursPerYear: 1950, locale: 'en-CA', symbol: '$',
    cities: [
      ['Toronto', 'Ontario', 8, 1.08], ['Vancouver', 'British Columbia', 5, 1.08], ['Montreal', 'Quebec', 4], ['Calgary', 'Alberta', 3],
      ['Ottawa', 'Ontario', 3], ['Edmonton', 'Alberta', 2], ['Winnipeg', 'Manitoba', 1, 0.95], ['Halifax', 'Nova Scotia', 1, 0.95],
      ['Mississauga', 'Ontario', 1.5], ['Waterloo', 'Ontario', 1],
    ],
    perks: [
      'extended health and dental benefits', 'RRSP matching', "three weeks' vacation to start", 'a wellness spending account',
      'paid personal days', 'an employee and family assistance program',
    ],
  },
  {
    code: 'DE', name: 'Germany', currency: 'EUR', weight: 6, payFactor: 0.52, minimumHourly: 12.82,
    hoursPerYear: 1720, locale: 'en-IE', symbol: '€',
    cities: [
      ['Berlin', 'Berlin', 8], ['Munich', 'Bavaria', 6, 1.1], ['Hamburg', 'Hamburg', 5, 1.03], ['Frankfurt am Main', 'Hesse', 4, 1.06],
      ['Cologne', 'North Rhine-Westphalia', 3], ['Stuttgart', 'Baden-Württemberg', 3, 1.05], ['Düsseldorf', 'North Rhine-Westphalia', 2],
      ['Leipzig', 'Saxony', 1.5, 0.9], ['Dresden', 'Saxony', 1, 0.9], ['Nuremberg', 'Bavaria', 1],
    ],
    perks: [
      "30 days' holiday", 'a company pension scheme', 'a subsidised public-transport ticket', 'a subsidised gym membership',
      'relocation support and German lessons', 'a job bike leasing scheme',
    ],
  },
  {
    code: 'IE', name: 'Ireland', currency: 'EUR', weight: 4, payFactor: 0.6, minimumHourly: 13.5,
    hoursPerYear: 1950, locale: 'en-IE', symbol: '€',
    cities: [
      ['Dublin', 'County Dublin', 10, 1.08], ['Cork', 'County Cork', 3], ['Galway', 'County Galway', 2],
      ['Limerick', 'County Limerick', 1.5, 0.95], ['Waterford', 'County Waterford', 0.8, 0.94],
    ],
    perks: [
      'a pension with employer contribution', 'private health insurance', 'the bike-to-work scheme',
      "23 days' annual leave plus public holidays", 'an education assistance programme',
    ],
  },
  {
    code: 'AU', name: 'Australia', currency: 'AUD', weight: 7, payFactor: 0.95, minimumHourly: 24.95,
    hoursPerYear: 1976, locale: 'en-AU', symbol: '$',
    cities: [
      ['Sydney', 'New South Wales', 8, 1.08], ['Melbourne', 'Victoria', 7, 1.03], ['Brisbane', 'Queensland', 4],
      ['Perth', 'Western Australia', 3], ['Adelaide', 'South Australia', 2, 0.95], ['Canberra', 'Australian Capital Territory', 1.5],
      ['Gold Coast', 'Queensland', 1, 0.95], ['Hobart', 'Tasmania', 0.5, 0.93],
    ],
    perks: [
      'superannuation on top of salary', '17.5% leave loading', "four weeks' annual leave", 'salary packaging options',
      'paid parental leave', 'an employee assistance program',
    ],
  },
  {
    code: 'IN', name: 'India', currency: 'INR', weight: 8, payFactor: 13, minimumHourly: 60,
    hoursPerYear: 2300, locale: 'en-IN', symbol: '₹',
    cities: [
      ['Bengaluru', 'Karnataka', 8, 1.1], ['Hyderabad', 'Telangana', 5, 1.05], ['Pune', 'Maharashtra', 4], ['Mumbai', 'Maharashtra', 5, 1.08],
      ['Chennai', 'Tamil Nadu', 4], ['Gurugram', 'Haryana', 3, 1.05], ['Noida', 'Uttar Pradesh', 2], ['Delhi', 'Delhi', 3, 1.03],
      ['Kolkata', 'West Bengal', 2, 0.92], ['Ahmedabad', 'Gujarat', 1.5, 0.92], ['Kochi', 'Kerala', 1, 0.9],
    ],
    perks: [
      'group medical insurance for you and your family', 'provident fund and gratuity', 'an annual performance bonus',
      'meal and transport allowances', 'a flexible leave policy', 'term life insurance',
    ],
  },
  {
    code: 'NL', name: 'the Netherlands', currency: 'EUR', weight: 3, payFactor: 0.56, minimumHourly: 14.06,
    hoursPerYear: 1820, locale: 'en-IE', symbol: '€',
    cities: [
      ['Amsterdam', 'North Holland', 6, 1.06], ['Rotterdam', 'South Holland', 3], ['Utrecht', 'Utrecht', 2],
      ['Eindhoven', 'North Brabant', 2], ['The Hague', 'South Holland', 2],
    ],
    perks: [
      'an 8% holiday allowance', 'the 30% ruling for eligible international hires', 'a pension scheme',
      'a public-transport pass', "25 vacation days", 'a home-office allowance',
    ],
  },
];

/** Countries by code, for the salary model and tests. */
export const COUNTRY_BY_CODE: ReadonlyMap<CountryCode, Country> = new Map(COUNTRIES.map((c) => [c.code, c]));
