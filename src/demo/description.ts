/**
 * Composes a posting's description: an introduction, duties, requirements, perks, sometimes the
 * salary, and a closing line, in one of four layouts (headed lists, plain prose, a mix, a short
 * ad). Real boards are not one template, and search ranking and skill extraction must not be
 * tuned to one.
 *
 * Skills are written into the text naturally ("strong experience with Python and SQL", "NMC
 * registration (essential)"); the generator never sets `skills`, since extracting them from the
 * text is another module's job and the demo data should exercise it.
 */
import type { Random } from './random.ts';
import * as common from './vocabulary/common.ts';
import { capitalise, list, Writer, type DescriptionInput } from './writer.ts';

export type { DescriptionInput } from './writer.ts';

/** Per-posting typography: real ads differ in bullets, headings and full stops. */
interface Style {
  bullet: string;
  headingCase: 'colon' | 'plain' | 'upper';
  fullStops: boolean;
  oxford: boolean;
  /** Extra items per list in the long ads, which give the word count its long tail. */
  more: number;
  /** Chance of each optional paragraph (team, hours, hiring process, equal opportunities). */
  extra: number;
}

type Layout = (rng: Random, w: Writer, input: DescriptionInput, style: Style) => string[];

function heading(pool: readonly string[], rng: Random, style: Style): string {
  const h = rng.pick(pool);
  return style.headingCase === 'upper' ? h.toUpperCase() : style.headingCase === 'colon' ? `${h}:` : h;
}

function bullets(title: string, items: readonly string[], style: Style): string {
  const end = style.fullStops ? '.' : '';
  return `${title}\n${items.map((i) => style.bullet + capitalise(i) + end).join('\n')}`;
}

/** The opening paragraph: about the employer, the role, where and on what terms. */
function intro(rng: Random, w: Writer, input: DescriptionInput, aboutCount: number): string {
  const sentences: string[] = [];
  const opening = w.fill(rng.pick(input.agency ? common.AGENCY_OPENINGS : common.ROLE_OPENINGS));
  const about = rng.sample(input.about, aboutCount).map((t) => w.fill(t));
  if (rng.chance(0.5)) sentences.push(...about, opening);
  else sentences.push(opening, ...about);
  sentences.push(w.fill(rng.pick(common.REMOTE_LINES[input.remoteMode])));
  const employment = common.EMPLOYMENT_LINES[input.employmentType];
  if (employment) sentences.push(rng.pick(employment));
  return sentences.filter((s) => s !== '').join(' ');
}

function perks(rng: Random, input: DescriptionInput, count: number): string[] {
  const local = input.field.localPerks[input.country.code] ?? [];
  return rng.sample([...input.field.perks, ...local, ...input.country.perks], count);
}

/** The salary or "competitive salary" line, then a closing line; either may be absent. */
function ending(rng: Random, w: Writer, input: DescriptionInput, closingChance: number): string[] {
  const out: string[] = [];
  if (input.payLine !== undefined) out.push(input.payLine);
  if (rng.chance(closingChance)) out.push(w.fill(rng.pick(common.CLOSINGS)));
  return out;
}

/**
 * Optional paragraphs (the team, hours, hiring process, equal opportunities), each with its own
 * chance. They give the longer tail of real ads, which run from a hundred words to many hundreds.
 */
function extras(rng: Random, w: Writer, input: DescriptionInput, chance: number, withTeam = true): string[] {
  const out: string[] = [];
  if (withTeam && rng.chance(chance)) out.push(w.fill(rng.pick(common.TEAM_PARAGRAPHS)));
  if (rng.chance(chance)) out.push(rng.pick(input.field.schedules));
  if (rng.chance(chance * 0.8)) out.push(w.fill(rng.pick(common.HIRING_PROCESS)));
  if (rng.chance(chance * 0.8)) out.push(w.fill(rng.pick(common.EQUAL_OPPORTUNITY)));
  return out;
}

function keySkills(rng: Random, w: Writer, input: DescriptionInput): string[] {
  const rest = w.remainingSkills();
  if (rest.length < 2) return [];
  w.useAllSkills();
  const label = input.field.id === 'software' || input.field.id === 'data' ? rng.pick(['Tech stack', 'Our stack', 'Key skills']) : 'Key skills';
  return [`${label}: ${rest.join(', ')}`];
}

const headed: Layout = (rng, w, input, style) => {
  const paras = [intro(rng, w, input, rng.int(1, 2))];
  if (rng.chance(style.extra)) paras.push(w.fill(rng.pick(common.TEAM_PARAGRAPHS)));
  paras.push(bullets(heading(common.DUTY_HEADINGS, rng, style), w.some(input.duties, rng.int(4, 6) + style.more), style));
  paras.push(bullets(heading(common.REQUIREMENT_HEADINGS, rng, style), w.requirements(rng.int(4, 6) + style.more), style));
  if (rng.chance(0.35)) {
    const bonus = w.some(common.BONUS_TEMPLATES, rng.int(1, 2));
    if (bonus.length > 0) paras.push(bullets(heading(common.BONUS_HEADINGS, rng, style), bonus, style));
  }
  if (rng.chance(0.2)) paras.push(...keySkills(rng, w, input));
  paras.push(bullets(heading(common.PERK_HEADINGS, rng, style), perks(rng, input, rng.int(3, 5) + style.more), style));
  return [...paras, ...extras(rng, w, input, style.extra, false), ...ending(rng, w, input, 0.8)];
};

const prose: Layout = (rng, w, input, style) => {
  const paras = [intro(rng, w, input, rng.int(1, 2))];
  const duties = w.some(input.duties, rng.int(3, 5) + style.more);
  let work = `${rng.pick(common.DUTY_LEADS)} ${list(duties.slice(0, 2), style.oxford)}.`;
  if (duties.length > 2) work += ` You will also ${list(duties.slice(2), style.oxford)}.`;
  paras.push(work);
  const reqs = w.requirements(rng.int(3, 5) + style.more);
  let fit = `${rng.pick(common.REQUIREMENT_LEADS)} ${list(reqs.slice(0, 3), style.oxford)}.`;
  if (reqs.length > 3) fit += ` It also helps to have ${list(reqs.slice(3), style.oxford)}.`;
  const bonus = rng.chance(0.4) ? w.some(common.BONUS_TEMPLATES, 1)[0] : undefined;
  if (bonus !== undefined) fit += ` ${capitalise(bonus)} would be a bonus.`;
  paras.push(fit);
  paras.push(`${rng.pick(common.PERK_LEADS)} ${list(perks(rng, input, rng.int(3, 4)), style.oxford)}.`);
  return [...paras, ...extras(rng, w, input, style.extra), ...ending(rng, w, input, 0.85)];
};

const mixed: Layout = (rng, w, input, style) => {
  const paras: string[] = [];
  const about = rng.sample(input.about, rng.int(1, 2)).map((t) => w.fill(t));
  const aboutHeadings = input.agency ? ['About our client', 'The company'] : ['About us', `About ${input.company}`, 'Who we are'];
  paras.push(`${heading(aboutHeadings, rng, style)}\n${about.join(' ')}`);
  const duties = w.some(input.duties, rng.int(2, 3) + style.more);
  const role = `${intro(rng, w, input, 0)} ${rng.pick(common.DUTY_LEADS)} ${list(duties, style.oxford)}.`;
  paras.push(`${heading(['The role', 'About the role', 'The opportunity'], rng, style)}\n${role}`);
  paras.push(bullets(heading(common.REQUIREMENT_HEADINGS, rng, style), w.requirements(rng.int(4, 6) + style.more), style));
  if (rng.chance(0.3)) paras.push(...keySkills(rng, w, input));
  paras.push(`${rng.pick(common.PERK_LEADS)} ${list(perks(rng, input, rng.int(3, 5)), style.oxford)}.`);
  return [...paras, ...extras(rng, w, input, style.extra), ...ending(rng, w, input, 0.8)];
};

const short: Layout = (rng, w, input, style) => {
  const duties = w.some(input.duties, rng.int(2, 3));
  const paras = [`${intro(rng, w, input, 2)} ${rng.pick(common.DUTY_LEADS)} ${list(duties, style.oxford)}.`];
  paras.push(bullets(heading(['Requirements', "You'll need", 'Essential'], rng, style), w.requirements(rng.int(4, 5)), style));
  paras.push(...keySkills(rng, w, input));
  paras.push(`${rng.pick(common.PERK_LEADS)} ${list(perks(rng, input, 3), style.oxford)}.`);
  return [...paras, ...ending(rng, w, input, 1)];
};

const LAYOUTS: readonly (readonly [Layout, number])[] = [
  [headed, 40],
  [prose, 25],
  [mixed, 25],
  [short, 10],
];

/**
 * The description of one posting, as paragraphs separated by blank lines.
 *
 * @example
 * composeDescription(rng, { field: software, title: 'Senior Backend Engineer', company: 'Quillstack',
 *   agency: false, place: 'Leeds', country: gb, team: 'Payments', skills: ['Go', 'PostgreSQL', 'Kafka'],
 *   credential: undefined, years: 5, remoteMode: 'hybrid', employmentType: 'full_time', payLine: undefined });
 */
export function composeDescription(rng: Random, input: DescriptionInput): string {
  const style: Style = {
    bullet: rng.pick(common.BULLETS),
    headingCase: rng.weightedPick([
      ['colon', 5],
      ['plain', 3],
      ['upper', 1],
    ]),
    fullStops: rng.chance(0.3),
    oxford: input.country.code === 'US',
    more: 0,
    extra: 0.3,
  };
  if (rng.chance(0.15)) {
    style.more = rng.int(2, 4);
    style.extra = 0.85;
  }
  const layout = rng.weightedPick(LAYOUTS);
  return layout(rng, new Writer(rng, input), input, style).join('\n\n');
}
