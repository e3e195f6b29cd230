import { beforeAll, describe, expect, it } from 'vitest';
import { createSkillMatcher, type SkillMatcher } from '../../../src/ingest/skills/matcher.ts';
import { loadTaxonomy, type Taxonomy } from '../../../src/ingest/skills/taxonomy.ts';

let matcher: SkillMatcher;
const names = (description: string, title = '') => matcher.match(title, description).map((s) => s.name);

beforeAll(async () => {
  matcher = createSkillMatcher(await loadTaxonomy());
});

describe('aliases resolve to canonical names', () => {
  it.each([
    ['Strong JS and TypeScript', ['JavaScript', 'TypeScript']],
    ['Postgres, PostgreSQL or psql', ['PostgreSQL']],
    ['ML and NLP experience', ['Machine Learning', 'Natural Language Processing']],
    ['Deploy on k8s', ['Kubernetes']],
    ['Advanced MS Excel', ['Excel']],
    ['Golang microservices', ['Go', 'Microservices']],
    ['Registered with the Nursing and Midwifery Council', ['NMC Registration']],
    ['Experience of venepuncture and wound management', ['Phlebotomy', 'Wound Care']],
    ['Full UK driving licence and a CSCS card', ['Driving Licence', 'CSCS Card']],
  ])('%s', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it('matches multi-word aliases across hyphens, line breaks and spelling variants', () => {
    expect(names('machine-learning, machine\nlearning, Machine Learning')).toEqual(['Machine Learning']);
    expect(names('paediatric wound care; pediatric data visualisation')).toEqual(['Paediatrics', 'Wound Care', 'Data Visualization']);
  });

  it('matches plurals of case-insensitive aliases', () => {
    expect(names('12-lead ECGs and care plans')).toEqual(['ECG', 'Care Planning']);
  });
});

describe('tokens with symbols', () => {
  it('finds C++, C#, .NET, Node.js, CI/CD and A&E', () => {
    expect(names('C++ and C# on .NET; Node.js services; CI/CD; A&E and A & E experience')).toEqual([
      'C++',
      'C#',
      '.NET',
      'Node.js',
      'CI/CD',
      'Emergency Care',
    ]);
  });

  it('takes ASP.NET as one skill rather than finding .NET inside it', () => {
    expect(names('ASP.NET MVC developer')).toEqual(['ASP.NET']);
  });

  it('finds R in lists and next to slashes', () => {
    expect(names('Python, R, SQL')).toEqual(['Python', 'R', 'SQL']);
    expect(names('R/Python packages')).toEqual(['R', 'Python']);
  });
});

describe('no false positives on tricky sentences', () => {
  it.each([
    'you will excel in a fast-paced team',
    'Join our R&D department',
    'Our R & D team',
    'go the extra mile for patients',
    'we need a swift response to referrals',
    'the Swift Ward team',
    'Excellent rest and agile working arrangements',
    'one of the largest teaching hospitals in the country',
    'this post is exempt under the Rehabilitation of Offenders Act',
    'a team of 8 SAS doctors and 3 consultants',
    'medical, dental and vision insurance',
    'Care for people in a caring team',
  ])('%s', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('does not find C, Go or Java inside longer tokens', () => {
    expect(names('vitamin C; JavaScript; Google; Gothic')).toEqual(['JavaScript']);
  });

  it('still finds SAS the software next to the SAS doctor grade', () => {
    expect(names('SAS doctors welcome; SAS programming for audits')).toEqual(['SAS']);
  });
});

describe('match()', () => {
  it('returns each skill once, title skills first, then in order of first mention', () => {
    const skills = matcher.match('Data Scientist (Python)', 'SQL and Python; more SQL; Tableau');
    expect(skills.map((s) => s.name)).toEqual(['Python', 'SQL', 'Tableau']);
    expect(skills[0]).toEqual({ name: 'Python', category: 'programming-language' });
  });

  it('does not join the title and the description into one phrase', () => {
    expect(names('learning disabilities', 'Machine')).toEqual(['Learning Disabilities']);
  });

  it('returns an empty list for empty text', () => {
    expect(matcher.match('', '')).toEqual([]);
  });
});

describe('a small taxonomy', () => {
  const taxonomy: Taxonomy = {
    skills: [
      { name: 'SQL', category: 'data', aliases: [{ text: 'SQL', caseSensitive: false }] },
      { name: 'SQL Server', category: 'database', aliases: [{ text: 'SQL Server', caseSensitive: false }] },
      { name: 'Lean', category: 'business', aliases: [{ text: 'Lean', caseSensitive: true }] },
    ],
    ignore: [{ text: 'Lean Street', caseSensitive: false }],
  };
  const small = createSkillMatcher(taxonomy);

  it('prefers the longest alias at a position', () => {
    expect(small.match('', 'SQL Server and SQL').map((s) => s.name)).toEqual(['SQL Server', 'SQL']);
  });

  it('honours case-sensitive aliases', () => {
    expect(small.match('', 'a lean budget').map((s) => s.name)).toEqual([]);
    expect(small.match('', 'Lean methods').map((s) => s.name)).toEqual(['Lean']);
  });

  it('lets a case-insensitive ignore phrase swallow a case-sensitive alias', () => {
    expect(small.match('', 'Lean Street clinic').map((s) => s.name)).toEqual([]);
    expect(small.match('', 'Lean trained, on LEAN STREET').map((s) => s.name)).toEqual(['Lean']);
  });
});

describe('speed', () => {
  it('scans hundreds of 600-word postings per second even on a loaded machine', () => {
    const posting = 'We need Python, SQL and Tableau for patient care analytics within the NHS. '.repeat(50);
    const start = performance.now();
    for (let i = 0; i < 200; i++) matcher.match('Data Analyst', posting);
    const perSecond = 200 / ((performance.now() - start) / 1000);
    // A floor, not a benchmark: about 3,000 a second on a 2-core machine, while a matcher that
    // looped over every alias would manage a few dozen.
    expect(perSecond).toBeGreaterThan(300);
  });
});
