/**
 * Wording shared by all fields: section headings, openings and closings, how remote work and
 * contract terms are described, and the employers that hire in every field.
 */
import type { EmploymentType, RemoteMode } from '../../core/posting.ts';

/**
 * Employers that post in several fields, as large groups and public bodies do on real boards
 * (a hospital group hires data analysts, a retailer hires software engineers). Analytics over the
 * demo data should show one company spanning fields.
 */
export const SHARED_COMPANIES: readonly string[] = [
  'Harbourline Group', 'Meridale Holdings', 'Oakhaven Partners', 'Silverbirch Health', 'Carrowmore Retail',
  'Brackenridge Logistics', 'Wexcombe Council Services', 'Larkspur Education Trust',
];

/** About sentences for the shared employers, which fit any field they hire in. */
export const SHARED_ABOUT: readonly string[] = [
  '{company} is one of the largest employers in {place}, with teams in operations, technology, finance and customer service.',
  '{company} is a group of businesses employing more than 8,000 people across {country}.',
  'At {company}, every part of the organisation, from the front line to head office, shares one goal: doing right by our customers.',
  '{company} has been part of the community for over 60 years.',
];

/** Recruitment agencies, who post for an unnamed client ("Our client, a leading..."). */
export const AGENCIES: readonly string[] = [
  'Halloway Recruitment', 'Peakstone Talent', 'Bridgemoor Staffing', 'Cinderfield Search', 'Talentquay', 'Redwick Resourcing',
];

/** What agencies say about the client they cannot name, and about themselves. */
export const AGENCY_ABOUT: readonly string[] = [
  'Our client has an excellent reputation locally and very low staff turnover.',
  'This is a chance to join an organisation that genuinely invests in its people.',
  'The business is growing steadily and offers real progression for the right person.',
  '{company} is acting as an employment agency in relation to this vacancy.',
];

/** How agencies describe the client they cannot name. */
export const AGENCY_CLIENTS: readonly string[] = [
  'a well-established employer', 'a fast-growing business', 'a market-leading organisation', 'a respected, family-owned company',
  'a large public-sector organisation', 'an award-winning employer',
];

/** Openings that introduce the role; each is a full sentence. */
export const ROLE_OPENINGS: readonly string[] = [
  "We're looking for {a_title} to join our {team} team in {place}.",
  '{company} is hiring {a_title} for its {team} team.',
  'Are you {a_title} looking for your next challenge? {company} wants to hear from you.',
  'We have an exciting opportunity for {a_title} to join {company} in {place}.',
  'Join {company} as {a_title} and help shape how our {team} team works.',
  "This is an opportunity for {a_title} who wants real ownership. You'll join our {team} team.",
  '{company} is growing, and we need {a_title} to strengthen our {team} team.',
];

export const AGENCY_OPENINGS: readonly string[] = [
  '{company} is working with {client} in {place} to recruit {a_title}.',
  'Our client, {client}, is looking for {a_title} to join their {team} team in {place}.',
  "We're partnering with {client} to find {a_title} on a long-term basis.",
];

export const DUTY_HEADINGS = ["What you'll do", 'Responsibilities', 'Key responsibilities', 'The role', 'Your day-to-day', 'Main duties'];
export const REQUIREMENT_HEADINGS = ["What we're looking for", 'Requirements', 'About you', 'Essential criteria', "You'll need", 'Skills and experience'];
export const PERK_HEADINGS = ['What we offer', 'Benefits', 'Why join us', 'Perks and benefits', "What's in it for you"];
export const BONUS_HEADINGS = ['Nice to have', 'Desirable', 'Bonus points for'];
export const BULLETS = ['- ', '• ', '* '];

/** How prose paragraphs begin. */
export const DUTY_LEADS = ['In this role you will', 'Day to day, you will', 'You will', "As part of the team, you'll"];
export const REQUIREMENT_LEADS = ['You bring', "We'd love to see", 'Ideally you have', 'To succeed here you will need', 'You have'];
export const PERK_LEADS = ['In return we offer', 'We offer', 'Benefits include', "You'll get"];

/** "Desirable" items, built around one skill. */
export const BONUS_TEMPLATES = [
  'exposure to {skill}', 'experience with {skill}', 'any knowledge of {skill}', 'familiarity with {skill}',
];

/** Closing lines, at most one per posting. */
export const CLOSINGS: readonly string[] = [
  'Apply today with your CV and a short note about why the role interests you.',
  'We welcome applications from people of all backgrounds and are committed to an inclusive workplace.',
  'Interviews will be held on a rolling basis, so we encourage early applications.',
  'If you need any adjustments during the application process, just let us know.',
  'We review every application and aim to reply within two weeks.',
  'Sponsorship is not available for this role; applicants must have the right to work in {country}.',
  'Not sure you tick every box? Apply anyway; we care more about potential than a perfect match.',
  'Click apply to find out more.',
];

/** Closing line appended to reposted ads, as boards see when a vacancy is advertised again. */
export const REPOST_NOTES: readonly string[] = [
  'Please note: this vacancy is being re-advertised. Previous applicants need not apply.',
  'Re-advertised: we are still looking for the right person for this role.',
  'Closing date extended.',
];

/** A sentence on where the work happens, by remote mode. */
export const REMOTE_LINES: Readonly<Record<RemoteMode, readonly string[]>> = {
  remote: [
    'This is a fully remote role open to candidates anywhere in {country}.',
    'Remote-first: work from home, with occasional team meet-ups.',
    'You can work remotely from anywhere in {country}.',
  ],
  hybrid: [
    'Hybrid working: two to three days a week in our {place} office.',
    'This is a hybrid role based in {place}, with flexibility on the days you come in.',
    'We work hybrid, typically two days a week on site in {place}.',
  ],
  onsite: ['This role is based on site in {place}.', 'The position is full-time on site at our {place} location.', ''],
};

/** A sentence on the contract, by employment type (empty: say nothing). */
export const EMPLOYMENT_LINES: Readonly<Partial<Record<EmploymentType, readonly string[]>>> = {
  part_time: ['This is a part-time position of around 20 to 25 hours per week.', 'Part-time hours, with some flexibility on days.'],
  contract: ['This is a 6-month contract with a strong chance of extension.', 'Initial 12-month contract.', 'Contract role, 3 months initially.'],
  temporary: ['Temporary position, starting as soon as possible.', 'This is a temporary role covering a busy period.'],
  per_diem: ['Per diem: pick up shifts that fit your schedule.', 'Flexible per diem shifts, including weekends.'],
  internship: ['This is a paid internship of 10 to 12 weeks, with the possibility of a graduate offer.'],
};

/** Title suffixes that mark the contract, as some employers write it ("Bartender (Part-Time)"). */
export const EMPLOYMENT_TITLE_SUFFIXES: Readonly<Partial<Record<EmploymentType, readonly string[]>>> = {
  part_time: [' (Part-Time)', ' - Part Time'],
  contract: [' (Contract)', ' - Contract'],
  temporary: [' - Temporary', ' (Temp)'],
  per_diem: [' - Per Diem', ' (PRN)'],
};

/** Said instead of a figure when a posting gives no salary. */
export const NO_SALARY_LINES: readonly string[] = [
  'Competitive salary, depending on experience.', 'Salary: negotiable.', 'Excellent package for the right candidate.',
];

/** A paragraph about the team; longer ads often have one. */
export const TEAM_PARAGRAPHS: readonly string[] = [
  "You'll be joining a {team} team of around a dozen people who care about doing things well and look out for each other.",
  'Our {team} team is friendly and experienced. New starters get a structured induction, a named buddy and regular check-ins with their manager during the first months.',
  'The {team} team has grown steadily over the last two years and works closely with colleagues across the business. We value clear communication, honest feedback and getting things done.',
  'You will report to the {team} lead and work alongside people at every stage of their careers, so there is always someone to learn from and someone to teach.',
];

/** How the hiring process runs. */
export const HIRING_PROCESS: readonly string[] = [
  'Our process is simple: a 30-minute call with the hiring manager, a practical exercise based on real work, and a final conversation with the team. We aim to complete it within three weeks.',
  'Shortlisted candidates will be invited to an informal chat, followed by a face-to-face interview in {place}.',
  'Interviews are expected to take place about two weeks after the closing date, and we will contact shortlisted candidates by email.',
  'After an initial phone screen, you will meet two members of the team and then the hiring manager. We share feedback at every stage, whatever the outcome.',
];

/** Equal-opportunity statements, which many employers add at the end. */
export const EQUAL_OPPORTUNITY: readonly string[] = [
  '{company} is an equal opportunities employer. We welcome applications from all suitably qualified people regardless of age, disability, gender, race, religion or belief, sexual orientation or background.',
  'We are committed to building a diverse and inclusive team. If you are excited about this role but your experience does not match every requirement, we encourage you to apply anyway.',
  'Diversity makes us better at what we do. We are happy to discuss flexible working and any reasonable adjustments you may need during the recruitment process or in the role.',
  'We celebrate difference and are committed to creating an environment where everyone can do their best work. Applications from under-represented groups are particularly welcome.',
];
