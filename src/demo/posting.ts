/**
 * Draws one new posting: field, country, role, seniority, employer, place, contract, pay and
 * text. Dates, ids and reposts are `generate-postings.ts`'s business.
 *
 * Choices are made in a fixed order from one random stream, so a seed reproduces every posting;
 * changing the order (or the vocabulary) changes the output, which the shipped demo file pins.
 */
import type { EmploymentType, JobInput, RemoteMode } from '../core/posting.ts';
import { composeDescription } from './description.ts';
import type { Random } from './random.ts';
import { choosePay, payLine } from './salary.ts';
import * as common from './vocabulary/common.ts';
import { COUNTRIES, FIELDS, type Country, type CountryCode, type FieldVocabulary, type Level, type Role } from './vocabulary/index.ts';
import type { City } from './vocabulary/locations.ts';
import type { Weights } from './vocabulary/types.ts';

/** The parts of a posting that `generate-postings.ts` completes with dates, id and url. */
export type PostingBody = Omit<JobInput, 'source' | 'externalId' | 'postedAt' | 'expiresAt' | 'url'> & {
  title: string;
  description: string;
  company: string;
};

const TEAM_IN_TITLE = new Set(['healthcare', 'software', 'data']);

interface RoleTemplates {
  duties: readonly string[];
  requirements: readonly string[];
  teams: readonly string[];
}

/** Lookup tables built once per generator run, so each posting costs array picks, not filters. */
export class Tables {
  readonly fields: Weights<FieldVocabulary> = FIELDS.map((f) => [f, f.weight]);
  private readonly countries = new Map<FieldVocabulary, Weights<Country>>();
  private readonly roles = new Map<string, readonly Role[]>();
  private readonly levels = new Map<Role, Map<CountryCode, readonly Level[]>>();
  private readonly templates = new Map<Role, RoleTemplates>();
  readonly cities = new Map<CountryCode, Weights<City>>(COUNTRIES.map((c) => [c.code, c.cities.map((city) => [city, city[2]])]));

  countriesFor(field: FieldVocabulary): Weights<Country> {
    let table = this.countries.get(field);
    if (!table) {
      table = COUNTRIES.map((c) => [c, c.weight * (field.countryBias[c.code] ?? 1)]);
      this.countries.set(field, table);
    }
    return table;
  }

  rolesFor(field: FieldVocabulary, country: CountryCode): readonly Role[] {
    const key = `${field.id}:${country}`;
    let roles = this.roles.get(key);
    if (!roles) {
      roles = field.roles.filter((r) => !r.countries || r.countries.includes(country));
      this.roles.set(key, roles);
    }
    return roles;
  }

  /** The role's duties and requirements (its group's and the field's) and teams. */
  templatesFor(field: FieldVocabulary, role: Role): RoleTemplates {
    let templates = this.templates.get(role);
    if (!templates) {
      const group = role.group === undefined ? undefined : field.groups[role.group];
      if (role.group !== undefined && !group) throw new Error(`demo vocabulary: role "${role.title}" has unknown group "${role.group}"`);
      templates = {
        duties: [...(group?.duties ?? []), ...field.duties],
        requirements: [...(group?.requirements ?? []), ...field.requirements],
        teams: group?.teams ?? field.teams,
      };
      this.templates.set(role, templates);
    }
    return templates;
  }

  levelsFor(field: FieldVocabulary, role: Role, country: CountryCode): readonly Level[] {
    let byCountry = this.levels.get(role);
    if (!byCountry) {
      byCountry = new Map();
      this.levels.set(role, byCountry);
    }
    let levels = byCountry.get(country);
    if (!levels) {
      levels = (role.levels ?? field.levels).filter((l) => !l.countries || l.countries.includes(country));
      if (levels.length === 0) throw new Error(`demo vocabulary: role "${role.title}" has no level for ${country}`);
      byCountry.set(country, levels);
    }
    return levels;
  }
}

interface Employer {
  name: string;
  /** A recruitment agency, writing about an unnamed client. */
  agency: boolean;
  /** Sentences that may describe this employer. */
  about: readonly string[];
}

/** Employers: mostly the field's own, some local to the country, a few shared or agencies. */
function chooseCompany(rng: Random, field: FieldVocabulary, country: CountryCode): Employer {
  const local = field.localCompanies[country];
  const r = rng.next();
  if (r < 0.06 && field.id !== 'healthcare') return { name: rng.pick(common.AGENCIES), agency: true, about: common.AGENCY_ABOUT };
  if (r < 0.11) return { name: rng.pick(common.SHARED_COMPANIES), agency: false, about: common.SHARED_ABOUT };
  const name = local && r < (country === 'GB' && field.id === 'healthcare' ? 0.85 : 0.45) ? rng.pick(local) : rng.pick(field.companies);
  return { name, agency: false, about: field.about };
}

/** Per diem is an American (and Canadian) contract; elsewhere the same work is part-time or bank. */
function chooseEmployment(rng: Random, field: FieldVocabulary, country: CountryCode): EmploymentType {
  const type = rng.weightedPick(field.employment);
  return type === 'per_diem' && country !== 'US' && country !== 'CA' ? 'part_time' : type;
}

/** The posting's skills, most specific first: the role's, then the field's, then local ones. */
function chooseSkills(rng: Random, field: FieldVocabulary, role: Role, country: CountryCode): string[] {
  const skills = new Set(rng.sample(role.skills, rng.int(3, 5)));
  for (const s of rng.sample(field.commonSkills, rng.int(1, 2))) skills.add(s);
  const local = field.localSkills[country];
  if (local && rng.chance(0.5)) skills.add(rng.pick(local));
  return [...skills];
}

/** Draws one posting's body from `rng`. */
export function drawPosting(rng: Random, tables: Tables): PostingBody {
  const field = rng.weightedPick(tables.fields);
  const country = rng.weightedPick(tables.countriesFor(field));
  const code = country.code;
  const role = rng.weightedItem(tables.rolesFor(field, code));
  const employmentType = chooseEmployment(rng, field, code);
  const intern = employmentType === 'internship';
  const level = rng.weightedItem(tables.levelsFor(field, role, code));
  const { duties, requirements, teams } = tables.templatesFor(field, role);
  const team = rng.pick(teams);

  let title = intern ? `${role.title} Intern` : level.title.replace('{role}', role.title);
  // Hospitals name the ward and tech firms the team in the title ("Staff Nurse - Cardiology"); others rarely do.
  if (TEAM_IN_TITLE.has(field.id) && rng.chance(0.12)) title += ` - ${team}`;
  const suffixes = common.EMPLOYMENT_TITLE_SUFFIXES[employmentType];
  if (suffixes && rng.chance(0.35)) title += rng.pick(suffixes);

  const { name: company, agency, about } = chooseCompany(rng, field, code);
  const remoteMode: RemoteMode = rng.weightedPick(role.remote ?? field.remote);
  const [cityName, region, , cityFactor = 1] = rng.weightedPick(tables.cities.get(code) ?? []);
  const placeless = remoteMode === 'remote' && rng.chance(0.35);

  const pay = choosePay(rng, { field, role, level, country, cityFactor, employmentType, intern });
  let line: string | undefined;
  if (pay && rng.chance(0.35)) line = payLine(rng, pay, country, employmentType);
  else if (!pay && rng.chance(0.4)) line = rng.pick(common.NO_SALARY_LINES);

  const credentials = (role.credentials ?? field.credentials)[code];
  const description = composeDescription(rng, {
    field,
    title,
    company,
    agency,
    about,
    country,
    team,
    remoteMode,
    employmentType,
    duties,
    requirements,
    place: placeless ? country.name : cityName,
    skills: chooseSkills(rng, field, role, code),
    credential: credentials ? rng.pick(credentials) : undefined,
    years: intern || level.years[0] === 0 ? 0 : rng.int(level.years[0], Math.min(level.years[1], level.years[0] + 2)),
    payLine: line,
  });

  const body: PostingBody = { title, description, company };
  if (!placeless) {
    body.city = cityName;
    body.region = region;
  }
  body.country = code;
  body.remoteMode = remoteMode;
  body.employmentType = employmentType;
  if (pay) {
    body.salaryMin = pay.min;
    if (pay.max !== undefined) body.salaryMax = pay.max;
    body.salaryCurrency = pay.currency;
    body.salaryPeriod = pay.period;
  }
  return body;
}
