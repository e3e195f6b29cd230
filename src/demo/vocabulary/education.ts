/** Education: schools, early years, colleges, universities and training. */
import type { Credentials, FieldVocabulary, Level } from './types.ts';
import type { RemoteMode } from '../../core/posting.ts';

/** Teaching titles rarely say "Senior"; responsibility shows up as a separate role. */
const TEACHER: readonly Level[] = [
  { title: '{role}', pay: 1, years: [1, 5], weight: 6 },
  { title: '{role} (ECT welcome)', pay: 0.9, years: [0, 1], weight: 1, countries: ['GB'] },
  { title: 'Lead {role}', pay: 1.15, years: [4, 8], weight: 0.8 },
];
const SUPPORT: readonly Level[] = [{ title: '{role}', pay: 1, years: [0, 2], weight: 4 }, { title: 'Senior {role}', pay: 1.1, years: [2, 4] }];

const TEACHING: Credentials = {
  GB: ['Qualified Teacher Status (QTS)'], US: ['state teaching license'], CA: ['Ontario College of Teachers certification'],
  AU: ['teacher registration'], IE: ['Teaching Council registration'], IN: ['B.Ed degree'], NL: ['teaching qualification'], DE: ['teaching qualification'],
};
const CHECKS: Credentials = {
  GB: ['enhanced DBS check'], US: ['background check clearance'], AU: ['Working With Children Check'], IE: ['Garda vetting'], CA: ['vulnerable sector check'],
};
const ONLINE: readonly (readonly [RemoteMode, number])[] = [['remote', 6], ['hybrid', 2], ['onsite', 2]];

export const education: FieldVocabulary = {
  id: 'education',
  weight: 8,
  levels: TEACHER,
  roles: [
    { title: 'Primary Teacher', group: 'teaching', baseUsd: 62_000, weight: 3, countries: ['GB', 'IE', 'AU', 'IN'], credentials: TEACHING, skills: ['phonics', 'lesson planning', 'behaviour management', 'EYFS', 'assessment for learning'] },
    { title: 'Elementary School Teacher', group: 'teaching', baseUsd: 62_000, weight: 3, countries: ['US', 'CA'], credentials: TEACHING, skills: ['lesson planning', 'classroom management', 'differentiated instruction', 'Common Core', 'Google Classroom'] },
    { title: 'Teacher of Mathematics', group: 'teaching', baseUsd: 66_000, weight: 2, countries: ['GB', 'IE'], credentials: TEACHING, skills: ['GCSE Maths', 'A-level Maths', 'lesson planning', 'behaviour management', 'data tracking'] },
    { title: 'High School Math Teacher', group: 'teaching', baseUsd: 66_000, weight: 2, countries: ['US', 'CA', 'AU'], credentials: TEACHING, skills: ['algebra', 'AP Calculus', 'classroom management', 'differentiated instruction'] },
    { title: 'Science Teacher', group: 'teaching', baseUsd: 66_000, weight: 2, credentials: TEACHING, skills: ['practical science', 'lesson planning', 'laboratory safety', 'assessment for learning', 'behaviour management'] },
    { title: 'English Teacher', group: 'teaching', baseUsd: 64_000, weight: 2, credentials: TEACHING, skills: ['literacy', 'lesson planning', 'curriculum design', 'assessment for learning', 'IB curriculum'] },
    { title: 'Computer Science Teacher', group: 'teaching', baseUsd: 68_000, weight: 1, credentials: TEACHING, skills: ['Python', 'Scratch', 'curriculum design', 'lesson planning', 'CBSE curriculum'] },
    { title: 'Special Education Teacher', group: 'teaching', baseUsd: 66_000, weight: 1.5, countries: ['US', 'CA', 'AU'], credentials: TEACHING, skills: ['IEP development', 'behaviour support', 'differentiated instruction', 'assistive technology'] },
    { title: 'SEN Teacher', group: 'teaching', baseUsd: 66_000, weight: 1.5, countries: ['GB', 'IE'], credentials: TEACHING, skills: ['SEND', 'EHCP reviews', 'behaviour support', 'phonics', 'makaton'] },
    { title: 'Teaching Assistant', group: 'support', baseUsd: 34_000, weight: 3, levels: SUPPORT, credentials: CHECKS, countries: ['GB', 'IE', 'AU', 'IN', 'NL'], skills: ['SEND', 'phonics', 'small-group support', 'behaviour management'] },
    { title: 'Early Years Practitioner', group: 'support', baseUsd: 33_000, weight: 2, countries: ['GB', 'IE'], levels: SUPPORT, skills: ['EYFS', 'safeguarding', 'paediatric first aid', 'observation and assessment'],
      credentials: { GB: ['Level 3 Early Years Educator qualification'], IE: ['QQI Level 6 in Early Childhood Care and Education'] } },
    { title: 'Preschool Teacher', group: 'support', baseUsd: 38_000, weight: 1.5, countries: ['US', 'CA', 'AU'], levels: SUPPORT, credentials: CHECKS, skills: ['early childhood development', 'CPR and first aid', 'lesson planning', 'parent communication'] },
    { title: 'Lecturer in Computer Science', group: 'higher', baseUsd: 82_000, weight: 1, countries: ['GB', 'IE', 'AU', 'IN'], credentials: {}, skills: ['machine learning', 'software engineering', 'research supervision', 'curriculum design'],
      levels: [{ title: '{role}', pay: 1, years: [2, 6], weight: 3 }, { title: 'Senior {role}', pay: 1.2, years: [5, 10] }] },
    { title: 'Assistant Professor of Economics', group: 'higher', baseUsd: 105_000, weight: 0.6, countries: ['US', 'CA', 'NL', 'DE'], credentials: {}, skills: ['econometrics', 'Stata', 'R', 'research publication'],
      levels: [{ title: '{role}', pay: 1, years: [0, 3] }] },
    { title: 'Instructional Designer', group: 'design', baseUsd: 80_000, weight: 1.5, remote: ONLINE, credentials: {}, skills: ['Articulate Storyline', 'Articulate Rise', 'LMS administration', 'Moodle', 'instructional design', 'SCORM'] },
    { title: 'Online Tutor', group: 'tutoring', baseUsd: 45_000, weight: 1.5, remote: ONLINE, levels: SUPPORT, credentials: CHECKS, skills: ['GCSE Maths', 'SAT preparation', 'Zoom', 'lesson planning', 'English'] },
    { title: 'English Language Teacher', group: 'teaching', baseUsd: 42_000, weight: 1.2, credentials: { GB: ['CELTA'], IE: ['CELTA'], DE: ['CELTA or DELTA'], NL: ['CELTA'], IN: ['TEFL certificate'], AU: ['CELTA'] },
      skills: ['EFL', 'IELTS preparation', 'Cambridge exams', 'lesson planning'] },
    { title: 'School Counselor', group: 'support', baseUsd: 62_000, weight: 0.8, countries: ['US', 'CA'], credentials: { US: ['state school counselor certification'], CA: ['registered counselling credential'] }, skills: ['college advising', 'student wellbeing', 'crisis intervention'] },
    { title: 'Head of Department', group: 'teaching', baseUsd: 80_000, weight: 0.8, countries: ['GB', 'IE', 'AU', 'IN'], credentials: TEACHING, skills: ['curriculum design', 'staff development', 'data tracking', 'lesson observation'],
      levels: [{ title: '{role} - Science', pay: 1, years: [5, 10] }, { title: '{role} - English', pay: 1, years: [5, 10] }, { title: '{role} - Mathematics', pay: 1, years: [5, 10] }] },
    { title: 'School Business Manager', group: 'admin', baseUsd: 72_000, weight: 0.6, countries: ['GB'], credentials: {}, skills: ['school finance', 'HR administration', 'Excel', 'procurement', 'premises management'], levels: [{ title: '{role}', pay: 1, years: [3, 8] }] },
  ],
  commonSkills: ['safeguarding', 'lesson planning', 'communication', 'Microsoft Teams', 'differentiation', 'Google Classroom'],
  localSkills: { GB: ['National Curriculum'], IN: ['CBSE curriculum'], US: ['Common Core'], AU: ['Australian Curriculum'] },
  credentials: TEACHING,
  companies: [
    'Hollybank Academy', 'Greenfields Primary School', 'St. Columba\'s College', 'Northlake School District', 'Beaconsfield Learning Trust',
    'Riverside Community College', 'Ashdown International School', 'Kingfisher Nursery Group', 'Learnwell Tutors', 'Brightpath Online Academy',
    'Westmoor University', 'Hartley Institute of Technology', 'Oriel Language School', 'Cobham Vale High School',
  ],
  localCompanies: {
    IN: ['Saraswati Vidya Mandir', 'Indus Valley Public School', 'Vidyanjali International School'],
    US: ['Pine Hollow Unified School District', 'Cedar Falls Charter Academy'],
    AU: ['Banksia Grammar School'],
  },
  teams: ['Maths', 'Science', 'English', 'Early Years', 'Key Stage 2', 'SEND', 'Learning Support', 'Computing', 'Humanities', 'Student Services'],
  about: [
    '{company} is a thriving, oversubscribed school with a warm and inclusive ethos.',
    'We are a growing trust of schools where pupils and staff are encouraged to be ambitious.',
    '{company} serves a diverse community in {place}, and we are proud of the progress our students make.',
    'Our pupils are curious, kind and keen to learn.',
    '{company} delivers online courses to thousands of learners every year.',
    'We are a friendly, well-resourced department with a strong record of results.',
  ],
  duties: [
    "uphold the school's safeguarding policies at all times",
    'work with colleagues to share good practice',
    'bring your {skill} experience to your work with learners',
    'take part in training and professional development',
  ],
  groups: {
    teaching: {
      duties: [
        'plan and deliver engaging, well-structured lessons',
        "assess pupils' progress and give clear, useful feedback",
        'maintain high standards of behaviour and a positive learning environment',
        'work with parents and carers to support each child',
        'contribute to the development of the curriculum',
        'take part in extracurricular activities and school events',
      ],
      requirements: [
        'excellent classroom practice and high expectations',
        'a passion for helping every pupil succeed',
      ],
    },
    support: {
      duties: [
        'support pupils individually and in small groups',
        'help prepare resources and set up the classroom',
        "support children's personal care and wellbeing",
        "observe and record children's progress",
        'work closely with the class teacher and families',
      ],
      requirements: [
        'patience, resilience and a sense of humour',
        'experience working with children or young people',
      ],
    },
    higher: {
      duties: [
        'teach undergraduate and postgraduate modules',
        'supervise student projects and dissertations',
        'publish research in leading journals',
        'contribute to grant applications and research income',
      ],
      requirements: [
        'a PhD in a relevant subject',
        'a growing record of publications',
      ],
    },
    design: {
      duties: [
        'design online courses and learning materials',
        'work with subject experts to turn content into engaging lessons',
        'evaluate learner feedback and improve courses',
        'manage course builds in the LMS',
      ],
      requirements: [
        'a portfolio of e-learning you have designed',
      ],
    },
    tutoring: {
      duties: [
        'deliver one-to-one and small-group sessions online',
        'prepare students for exams and track their progress',
        'report progress to parents after each block of sessions',
      ],
      requirements: [
        'a reliable internet connection and a quiet place to teach',
      ],
    },
    admin: {
      duties: [
        'manage the school budget and financial reporting',
        'oversee premises, HR administration and procurement',
        'support the headteacher with strategic planning',
      ],
      requirements: [
        'experience of school or public-sector finance',
      ],
    },
  },
  requirements: [
    '{credential}',
    '{credential} (essential)',
    'strong {skill} skills',
    'experience with {skill}',
    'a good understanding of {skill} and {skill}',
    'a relevant degree',
    '{years}+ years of relevant experience',
    'excellent communication with pupils, parents and colleagues',
  ],
  schedules: [
    "Hours are 8:30am to 3:30pm during term time, with occasional parents' evenings.",
    'The post is term-time only, 32.5 hours per week, starting in September.',
    'Planning, preparation and assessment time is protected at 10% of your timetable.',
  ],
  perks: ['small class sizes', 'a supportive leadership team', 'excellent professional development', 'free lunches during term time', 'on-site parking', 'a staff wellbeing programme'],
  localPerks: { GB: ['the Teachers\' Pension Scheme'], US: ['a state teachers\' retirement plan'] },
  remote: [['onsite', 94], ['hybrid', 3], ['remote', 3]],
  employment: [['full_time', 70], ['part_time', 18], ['temporary', 7], ['contract', 5]],
  hourlyShare: 0.12,
  noSalaryShare: 0.14,
  countryBias: { IN: 1.3, DE: 0.4, NL: 0.6 },
};
