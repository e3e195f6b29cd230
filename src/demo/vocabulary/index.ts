/**
 * The generator's whole vocabulary: one entry per field of work, in a fixed order (the order
 * is part of what a seed reproduces, so append new fields rather than reordering).
 */
import { data } from './data.ts';
import { education } from './education.ts';
import { finance } from './finance.ts';
import { healthcare } from './healthcare.ts';
import { hospitality } from './hospitality.ts';
import { salesMarketing } from './sales-marketing.ts';
import { software } from './software.ts';
import { trades } from './trades.ts';
import type { FieldVocabulary } from './types.ts';

export const FIELDS: readonly FieldVocabulary[] = [software, data, healthcare, finance, salesMarketing, trades, education, hospitality];

/**
 * Every skill, tool and credential name the generator can write into a description, sorted.
 * Tests use it to check that descriptions mention skills; a skill extractor can use it as a
 * starting list of names to recognise.
 */
export const ALL_SKILL_NAMES: readonly string[] = [
  ...new Set(
    FIELDS.flatMap((f) => [
      ...f.commonSkills,
      ...Object.values(f.localSkills).flat(),
      ...Object.values(f.credentials).flat(),
      ...f.roles.flatMap((r) => [...r.skills, ...Object.values(r.credentials ?? {}).flat()]),
    ]),
  ),
].sort();

export type { CountryCode, FieldVocabulary, Level, Role } from './types.ts';
export { COUNTRIES, COUNTRY_BY_CODE, type Country } from './locations.ts';
