/**
 * The filter flags every search-like command takes (search, similar, match, stats), and their
 * translation into the library's filter object. Validation, with field names, happens there.
 */
import { Option, type Command } from 'commander';
import { EMPLOYMENT_TYPES, REMOTE_MODES } from '../core/posting.ts';
import type { SearchFiltersInput } from '../search/filters.ts';
import { list, number } from './parse.ts';

export interface FilterFlags {
  country?: string[];
  city?: string;
  remote?: string[];
  salaryMin?: number;
  salaryMax?: number;
  currency?: string;
  postedAfter?: string;
  postedBefore?: string;
  company?: string;
  employmentType?: string[];
  skills?: string[];
  anySkills?: string[];
}

/** Adds the filter flags to `command` and returns it. */
export function addFilterOptions(command: Command): Command {
  return command
    .option('--country <codes>', 'filter: countries, e.g. GB,US', list)
    .option('--city <name>', 'filter: city')
    .addOption(new Option('--remote <modes>', `filter: ${REMOTE_MODES.join(', ')} (comma-separated)`).argParser(list))
    .option('--salary-min <amount>', 'filter: annual salary reaching at least this (needs --currency)', number('--salary-min'))
    .option('--salary-max <amount>', 'filter: annual salary starting at most this (needs --currency)', number('--salary-max'))
    .option('--currency <code>', 'filter: salary currency, e.g. GBP')
    .option('--posted-after <date>', 'filter: posted on or after YYYY-MM-DD')
    .option('--posted-before <date>', 'filter: posted on or before YYYY-MM-DD')
    .option('--company <name>', 'filter: employer')
    .addOption(new Option('--employment-type <types>', `filter: ${EMPLOYMENT_TYPES.join(', ')} (comma-separated)`).argParser(list))
    .option('--skills <list>', 'filter: postings that ask for all of these skills', list)
    .option('--any-skills <list>', 'filter: postings that ask for at least one of these skills', list);
}

/** The flags as the library's filter object, or undefined when none were given. */
export function filtersFrom(f: FilterFlags): SearchFiltersInput | undefined {
  const filters: Record<string, unknown> = {
    country: f.country,
    city: f.city,
    remoteMode: f.remote,
    salaryMin: f.salaryMin,
    salaryMax: f.salaryMax,
    currency: f.currency,
    postedAfter: f.postedAfter,
    postedBefore: f.postedBefore,
    company: f.company,
    employmentType: f.employmentType,
    skillsAll: f.skills,
    skillsAny: f.anySkills,
  };
  for (const key of Object.keys(filters)) if (filters[key] === undefined) delete filters[key];
  return Object.keys(filters).length > 0 ? (filters as SearchFiltersInput) : undefined;
}
