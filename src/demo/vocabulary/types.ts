/**
 * The shape of the generator's vocabulary. Each field of work (software, nursing, trades...)
 * lives in its own file and exports one `FieldVocabulary`; `index.ts` lists them.
 *
 * Text templates may hold placeholders, filled in by `../description.ts`:
 * `{skill}` (the posting's next skill), `{company}`, `{place}` (city, or country for remote roles),
 * `{country}`, `{title}`, `{a_title}` ("an Electrician"), `{team}`, `{years}`, and `{credential}` (the
 * licence or registration the posting asks for; templates using it are skipped when there is none).
 */
import type { EmploymentType, RemoteMode } from '../../core/posting.ts';

/** The countries postings are generated for (ISO 3166-1 alpha-2). */
export type CountryCode = 'US' | 'GB' | 'CA' | 'DE' | 'IE' | 'AU' | 'IN' | 'NL';

/** `[value, weight]` pairs for `Random.weightedPick`. */
export type Weights<T> = readonly (readonly [T, number])[];

/** Licences, registrations or qualifications by country; a posting asks for one of them. */
export type Credentials = Partial<Record<CountryCode, readonly string[]>>;

/** One rung of a career ladder: how it changes the title, the pay and the experience asked for. */
export interface Level {
  /** The title, with `{role}` standing for the role's name: "Senior {role}", "{role} - Band 6". */
  title: string;
  /** Pay relative to the role's mid-level base (1 = mid-level). Ignored when `payScale` is set. */
  pay: number;
  /** Years of experience asked for. */
  years: readonly [number, number];
  /** How common this rung is among postings (default 1). */
  weight?: number;
  /** Only used in these countries (NHS bands are British). */
  countries?: readonly CountryCode[];
  /**
   * A national pay scale, yearly, in the local currency, used as the range instead of the computed
   * one: NHS Agenda for Change bands are published and every NHS posting quotes them.
   */
  payScale?: readonly [number, number];
}

/** Work that only some roles of a field do: a kitchen's duties are not a hotel reception's. */
export interface RoleGroup {
  /** Verb phrases, like `FieldVocabulary.duties`; used alongside the field's. */
  duties: readonly string[];
  /** Noun phrases, like `FieldVocabulary.requirements`; used alongside the field's. */
  requirements?: readonly string[];
  /** Teams, wards or departments for these roles, instead of the field's. */
  teams?: readonly string[];
}

/** A job as a field names it ("Data Engineer"), before seniority is added. */
export interface Role {
  title: string;
  /** Mid-level yearly pay in the US, in USD. Other countries scale it (see `locations.ts`). */
  baseUsd: number;
  /** Skills this role asks for most; field-wide skills are added to these. */
  skills: readonly string[];
  /** The role's own ladder, when the field's ladder would give odd titles ("Senior Labourer"). */
  levels?: readonly Level[];
  /** The key of the field's `groups` entry whose duties and requirements apply. */
  group?: string;
  /** Licences or registrations by country, replacing the field's (`{}`: this role needs none). */
  credentials?: Credentials;
  /** Only posted in these countries ("Staff Nurse" is British/Irish/Indian usage, "RN" American). */
  countries?: readonly CountryCode[];
  /** Where the work happens, when it differs from the field's (shop floors are never remote). */
  remote?: Weights<RemoteMode>;
  /** How common this role is within its field (default 1). */
  weight?: number;
}

/** Everything the generator knows about one field of work. */
export interface FieldVocabulary {
  /** A stable identifier: `software`, `healthcare`... */
  id: string;
  /** Share of all postings, relative to the other fields. */
  weight: number;
  roles: readonly Role[];
  /** The default career ladder for roles without their own. */
  levels: readonly Level[];
  /** Skills any role in the field may mention. */
  commonSkills: readonly string[];
  /** Tools and skills that only make sense in one country (SystmOne, Tally, OSHA 30). */
  localSkills: Partial<Record<CountryCode, readonly string[]>>;
  /** The licence or registration a posting asks for, by country (NMC registration, CDL Class A). */
  credentials: Credentials;
  /** Invented employers. */
  companies: readonly string[];
  /** Invented employers that only exist in one country (NHS trusts, GmbHs). */
  localCompanies: Partial<Record<CountryCode, readonly string[]>>;
  /** Teams, wards or departments, for "join our {team} team". */
  teams: readonly string[];
  /** Sentences about the employer. */
  about: readonly string[];
  /** What any job holder in the field does, as verb phrases without a subject: "mentor junior engineers". */
  duties: readonly string[];
  /** Duties and requirements of groups of roles, by `Role.group`. */
  groups: Readonly<Record<string, RoleGroup>>;
  /** What the employer asks for, as noun phrases: "strong experience with {skill} and {skill}". */
  requirements: readonly string[];
  /** Sentences on hours and shifts ("Monday to Friday, 8am to 5pm"). */
  schedules: readonly string[];
  /** What the employer offers, as noun phrases: "a yearly learning budget". */
  perks: readonly string[];
  /** Country-specific perks, used alongside the country's own ("the NHS Pension Scheme"). */
  localPerks: Partial<Record<CountryCode, readonly string[]>>;
  remote: Weights<RemoteMode>;
  employment: Weights<EmploymentType>;
  /** Chance that a full-time posting quotes an hourly rate (shift work does, office work rarely). */
  hourlyShare: number;
  /** Chance that a posting gives no salary at all. */
  noSalaryShare: number;
  /** Multipliers on the countries' base weights (nursing is posted more in GB, software in IN). */
  countryBias: Partial<Record<CountryCode, number>>;
}

const ALL_COUNTRIES: readonly CountryCode[] = ['US', 'GB', 'CA', 'DE', 'IE', 'AU', 'IN', 'NL'];

/** The same credentials in every country (CISSP, CELTA), for `Role.credentials`. */
export function inEveryCountry(names: readonly string[]): Credentials {
  return Object.fromEntries(ALL_COUNTRIES.map((c) => [c, names]));
}
