/** Healthcare: nursing, allied health professions, pharmacy and care. */
import type { CountryCode, Credentials, FieldVocabulary, Level } from './types.ts';

/**
 * NHS Agenda for Change pay bands (England, 2025/26, yearly, GBP). British NHS postings state the
 * band in the title and quote the band's published range, so the generator does the same.
 */
const NHS_BANDS = {
  '2': [24_465, 24_465], '3': [24_937, 26_598], '4': [27_485, 30_162], '5': [31_049, 37_796],
  '6': [38_682, 46_580], '7': [47_810, 54_710], '8a': [55_690, 62_682],
} as const;

/** Years of experience a band's adverts usually ask for. */
const BAND_YEARS = { '2': [0, 1], '3': [1, 2], '4': [1, 3], '5': [0, 2], '6': [2, 5], '7': [4, 8], '8a': [6, 10] } as const;

/** A GB-only rung that puts the band in the title ("Staff Nurse - Band 5"). */
function band(b: keyof typeof NHS_BANDS, title = '{role}', weight = 1): Level {
  return { title: `${title} - Band ${b}`, pay: 1, years: BAND_YEARS[b], weight, countries: ['GB'], payScale: NHS_BANDS[b] };
}

const ELSEWHERE: readonly CountryCode[] = ['US', 'CA', 'IE', 'AU', 'IN', 'DE', 'NL'];
/** Plain rungs for every country except GB, where the band rungs apply. */
const plain = (senior = true): Level[] => [
  { title: '{role}', pay: 1, years: [1, 4], weight: 3, countries: ELSEWHERE },
  ...(senior ? [{ title: 'Senior {role}', pay: 1.18, years: [4, 8] as const, countries: ELSEWHERE }] : []),
];

/** Registrations, which every clinical posting asks for, by profession and country. */
const NURSE: Credentials = {
  GB: ['NMC registration'], US: ['active state RN license'], CA: ['registration with the provincial nursing college'],
  AU: ['AHPRA registration'], IE: ['NMBI registration'], IN: ['Indian Nursing Council registration'], NL: ['BIG registration'],
  DE: ['recognised nursing qualification'],
};
const ALLIED: Credentials = {
  GB: ['HCPC registration'], US: ['state licensure'], CA: ['registration with the provincial regulatory college'],
  AU: ['AHPRA registration'], IE: ['CORU registration'], NL: ['BIG registration'],
};
const PHARMACY: Credentials = { ...ALLIED, GB: ['GPhC registration'], IE: ['PSI registration'], US: ['state pharmacy license'] };
const CARE: Credentials = {
  GB: ['Care Certificate'], US: ['state CNA certification'], IE: ['QQI Level 5 in Healthcare Support'],
  AU: ['Certificate III in Individual Support'], IN: ['GNM or ANM diploma'],
};
const DENTAL: Credentials = { GB: ['GDC registration'], US: ['state dental hygiene license'], AU: ['AHPRA registration'], IE: ['Dental Council registration'], CA: ['provincial dental registration'] };

export const healthcare: FieldVocabulary = {
  id: 'healthcare',
  weight: 18,
  levels: [
    { title: '{role}', pay: 1, years: [1, 4], weight: 3 },
    { title: 'Senior {role}', pay: 1.18, years: [4, 8] },
  ],
  roles: [
    { title: 'Staff Nurse', group: 'nursing', baseUsd: 82_000, credentials: NURSE, weight: 6, countries: ['GB', 'IE', 'IN'], skills: ['medication administration', 'patient assessment', 'care planning', 'IV therapy'],
      levels: [band('5', '{role}', 3), band('5', 'Registered Nurse'), band('6', 'Senior Staff Nurse'), band('6', 'Charge Nurse', 0.5), ...plain()] },
    { title: 'Registered Nurse', group: 'nursing', baseUsd: 88_000, credentials: NURSE, weight: 7, countries: ['US', 'CA', 'AU'], skills: ['patient assessment', 'medication administration', 'IV therapy', 'care planning'],
      levels: [
        { title: '{role} - Med/Surg', pay: 1, years: [1, 3], weight: 3 }, { title: '{role} - ICU', pay: 1.1, years: [2, 5] },
        { title: '{role} - Emergency Department', pay: 1.08, years: [2, 5] }, { title: '{role} - Labor & Delivery', pay: 1.08, years: [2, 5], weight: 0.6 },
        { title: 'Charge Nurse', pay: 1.15, years: [4, 8], weight: 0.7 },
      ] },
    { title: 'Mental Health Nurse', group: 'nursing', baseUsd: 84_000, credentials: NURSE, weight: 2, countries: ['GB', 'IE', 'AU'], skills: ['risk assessment', 'de-escalation', 'care planning', 'Mental Health Act'],
      levels: [band('5', 'Registered Mental Health Nurse (RMN)'), band('6', 'Community Mental Health Nurse'), ...plain()] },
    { title: 'Ward Manager', group: 'nursing', baseUsd: 105_000, credentials: NURSE, weight: 1, countries: ['GB', 'IE', 'AU'], skills: ['leadership', 'rostering', 'clinical governance', 'budget management'],
      levels: [band('7'), { title: '{role}', pay: 1, years: [5, 10], countries: ['IE', 'AU'] }] },
    { title: 'Nurse Practitioner', group: 'nursing', baseUsd: 125_000, credentials: NURSE, weight: 2, skills: ['prescribing', 'patient assessment', 'differential diagnosis', 'chronic disease management'],
      levels: [band('8a', 'Advanced Nurse Practitioner'), ...plain(false)] },
    { title: 'Healthcare Assistant', group: 'care', baseUsd: 38_000, credentials: CARE, weight: 3, countries: ['GB', 'IE', 'AU', 'IN'], skills: ['personal care', 'observations', 'infection control', 'manual handling'],
      levels: [band('2', '{role}', 2), band('3', 'Senior Healthcare Assistant'), ...plain(false)] },
    { title: 'Certified Nursing Assistant', group: 'care', baseUsd: 39_000, credentials: CARE, weight: 3, countries: ['US'], skills: ['personal care', 'vital signs', 'infection control', 'patient safety'],
      levels: [{ title: '{role}', pay: 1, years: [0, 2] }, { title: '{role} (CNA)', pay: 1, years: [0, 2] }] },
    { title: 'Physiotherapist', group: 'therapy', baseUsd: 95_000, weight: 2, countries: ['GB', 'IE', 'AU', 'CA', 'IN', 'NL', 'DE'], skills: ['musculoskeletal assessment', 'rehabilitation', 'exercise prescription'],
      levels: [band('5', '{role}', 2), band('6', 'Senior Physiotherapist'), band('7', 'Clinical Specialist Physiotherapist', 0.5), ...plain()] },
    { title: 'Physical Therapist', group: 'therapy', baseUsd: 98_000, weight: 2, countries: ['US'], skills: ['rehabilitation', 'manual therapy', 'exercise prescription', 'gait training'] },
    { title: 'Occupational Therapist', group: 'therapy', baseUsd: 94_000, weight: 1.5, skills: ['functional assessment', 'rehabilitation', 'discharge planning', 'equipment prescription'],
      levels: [band('5'), band('6', 'Senior Occupational Therapist'), ...plain()] },
    { title: 'Diagnostic Radiographer', group: 'diagnostics', baseUsd: 76_000, weight: 1, countries: ['GB', 'IE', 'AU'], skills: ['CT scanning', 'MRI', 'X-ray imaging', 'radiation safety'],
      levels: [band('5'), band('6', 'Senior Radiographer'), ...plain()] },
    { title: 'Radiologic Technologist', group: 'diagnostics', baseUsd: 72_000, weight: 1, countries: ['US', 'CA'], skills: ['X-ray imaging', 'CT scanning', 'radiation safety', 'patient positioning'] },
    { title: 'Pharmacist', group: 'pharmacy', baseUsd: 132_000, credentials: PHARMACY, weight: 1.5, skills: ['clinical pharmacy', 'medicines reconciliation', 'prescribing', 'pharmacy law'],
      levels: [band('6', '{role}'), band('7', 'Specialist Pharmacist'), ...plain()] },
    { title: 'Pharmacy Technician', group: 'pharmacy', baseUsd: 43_000, credentials: PHARMACY, weight: 1.2, skills: ['dispensing', 'stock control', 'medicines reconciliation', 'pharmacy software'],
      levels: [band('4', '{role}'), band('5', 'Senior Pharmacy Technician'), ...plain()] },
    { title: 'Paramedic', group: 'paramedic', baseUsd: 58_000, weight: 1.2, countries: ['GB', 'US', 'CA', 'AU', 'IE'], skills: ['emergency care', 'triage', 'advanced life support', 'patient assessment'],
      levels: [band('5', '{role}'), band('6', 'Specialist Paramedic'), ...plain(false)] },
    { title: 'Speech and Language Therapist', group: 'therapy', baseUsd: 88_000, weight: 0.8, countries: ['GB', 'IE', 'AU'], skills: ['dysphagia assessment', 'communication therapy', 'care planning'],
      levels: [band('5'), band('6', 'Specialist Speech and Language Therapist'), ...plain()] },
    { title: 'Midwife', group: 'midwifery', baseUsd: 90_000, credentials: NURSE, weight: 1.2, countries: ['GB', 'IE', 'AU', 'CA', 'NL'], skills: ['antenatal care', 'intrapartum care', 'postnatal care', 'neonatal resuscitation'],
      levels: [band('5', '{role}'), band('6', 'Registered Midwife'), band('7', 'Senior Midwife', 0.5), ...plain()] },
    { title: 'Biomedical Scientist', group: 'lab', baseUsd: 70_000, weight: 0.8, skills: ['haematology', 'clinical biochemistry', 'laboratory quality control', 'microbiology'],
      levels: [band('5'), band('6', 'Specialist Biomedical Scientist'), ...plain()] },
    { title: 'Dietitian', group: 'therapy', baseUsd: 72_000, weight: 0.6, skills: ['nutritional assessment', 'enteral feeding', 'patient education'], levels: [band('5'), band('6', 'Specialist Dietitian'), ...plain()] },
    { title: 'Care Assistant', group: 'care', baseUsd: 34_000, credentials: CARE, weight: 2, countries: ['GB', 'IE', 'AU', 'NL'], skills: ['personal care', 'dementia care', 'medication administration', 'manual handling'],
      levels: [{ title: '{role}', pay: 1, years: [0, 1], weight: 3 }, { title: 'Senior {role}', pay: 1.1, years: [1, 3] }] },
    { title: 'Dental Nurse', group: 'dental', baseUsd: 40_000, credentials: DENTAL, weight: 0.8, countries: ['GB', 'IE', 'AU'], skills: ['chairside assistance', 'infection control', 'dental radiography'] },
    { title: 'Dental Hygienist', group: 'dental', baseUsd: 90_000, credentials: DENTAL, weight: 0.8, countries: ['US', 'CA', 'AU'], skills: ['periodontal care', 'dental radiography', 'patient education'] },
  ],
  commonSkills: ['infection control', 'safeguarding', 'Basic Life Support', 'clinical documentation', 'teamwork', 'patient safety', 'wound care'],
  localSkills: {
    GB: ['SystmOne', 'EMIS', 'enhanced DBS check'],
    US: ['BLS certification', 'ACLS certification', 'Epic', 'Cerner', 'PALS certification'],
    CA: ['BLS certification', 'Meditech'],
    AU: ['Working With Children Check', 'Cerner'],
    IE: ['Garda vetting'],
    IN: ['B.Sc. Nursing'],
  },
  credentials: ALLIED,
  companies: [
    'Brightmoor Health', 'St. Aldwyn Medical Centre', 'Cedarvale Hospital', 'Ridgemont Care Group', 'Willowmere Clinics',
    'Kingsholm Healthcare', 'Mercy Vale Health System', 'Larchfield Care Homes', 'Northbridge Physio', 'Clearwater Dental Group',
    'Amberley Pharmacy', 'Havenwood Rehabilitation', 'Rosehill Medical Group', 'Pinecrest Community Health',
  ],
  localCompanies: {
    GB: [
      'North Wexley NHS Foundation Trust', 'Calder Valley Hospitals NHS Trust', 'Thamesmead and Arden NHS Trust',
      'South Penrith Community Healthcare NHS Trust', 'Mersey Vale University Hospitals NHS Trust', 'Avonleigh Mental Health NHS Trust',
      'East Fenland Ambulance Service NHS Trust',
    ],
    US: ['Saint Brendan Regional Medical Center', 'Lakeshore Valley Health', 'Mesa Ridge Children\'s Hospital'],
    IN: ['Sanjeevani Multispeciality Hospital', 'Arogya Health City'],
    AU: ['Coastal Districts Health Service'],
    IE: ['Shannonside University Hospital'],
  },
  teams: ['Acute Medical Unit', 'Cardiology', 'Emergency Department', 'Intensive Care', 'Orthopaedics', 'Oncology', 'Paediatrics',
    'Community', 'Stroke Rehabilitation', 'Outpatients', 'Respiratory', 'Elderly Care', 'Theatres'],
  about: [
    '{company} provides acute and community services to around half a million people across {place} and the surrounding area.',
    'We are a friendly, well-staffed unit with strong links to the local university.',
    '{company} was rated highly for patient care at its most recent inspection.',
    'Our teams care for patients from diagnosis through rehabilitation.',
    '{company} is a not-for-profit health system with hospitals, clinics and home-care services.',
    'We are proud of our supportive culture and our investment in staff development.',
    '{company} runs a network of clinics focused on prevention and long-term care.',
  ],
  duties: [
    'keep accurate, timely clinical records',
    'work closely with colleagues across the multidisciplinary team',
    'support and supervise students and junior staff',
    'contribute to audits and quality improvement projects',
    'follow infection prevention and control procedures',
    'apply your {skill} skills as part of the multidisciplinary team',
    'educate patients and families about their treatment',
  ],
  groups: {
    nursing: {
      duties: [
        'deliver high-quality, compassionate care to patients with complex needs',
        'assess, plan, implement and evaluate care',
        'administer medicines safely and in line with policy',
        'take charge of the shift when required',
        'escalate concerns about deteriorating patients promptly',
        'plan safe, timely discharges with the wider team',
      ],
      requirements: [
        'willingness to work shifts, including nights and weekends',
        '{years}+ years of post-registration experience',
      ],
    },
    midwifery: {
      duties: [
        'provide antenatal, intrapartum and postnatal care',
        'support women and families to make informed choices',
        'recognise complications early and escalate promptly',
        'run antenatal clinics and parent education sessions',
      ],
      requirements: ['willingness to work shifts, including nights and weekends'],
      teams: ['Maternity', 'Labour Ward', 'Community Midwifery', 'Birth Centre'],
    },
    care: {
      duties: [
        'help patients with washing, dressing, eating and moving around',
        'record observations such as temperature, pulse and blood pressure',
        "report changes in a patient's condition to the nurse in charge",
        'keep bed areas and equipment clean and stocked',
        'spend time with residents and support their wellbeing',
      ],
      requirements: [
        'a kind, patient and reliable nature',
        'willingness to work shifts, including nights and weekends',
      ],
    },
    therapy: {
      duties: [
        'carry a caseload and plan treatment with patients',
        'assess patients and set goals for their rehabilitation',
        'write clear reports and treatment plans',
        'run group sessions, clinics and home visits',
        'advise on equipment and adaptations that help patients stay independent',
      ],
      teams: ['Therapies', 'Community Rehabilitation', 'Musculoskeletal Outpatients', 'Stroke Rehabilitation', 'Neurology'],
      requirements: [
        '{years}+ years of post-registration experience',
        'a full driving licence for community visits',
      ],
    },
    diagnostics: {
      duties: [
        'carry out examinations and procedures safely and accurately',
        'position patients and explain each procedure clearly',
        'apply radiation protection rules at all times',
        'take part in the on-call and weekend rota',
      ],
      teams: ['Radiology', 'Imaging', 'CT'],
    },
    lab: {
      duties: [
        'process and analyse samples on time, including urgent work',
        'run quality control checks and look after analysers',
        'validate and report results',
        'take part in the on-call and weekend rota',
      ],
      teams: ['Pathology', 'Blood Sciences', 'Microbiology'],
    },
    pharmacy: {
      duties: [
        'dispense and check prescriptions accurately',
        "reconcile patients' medicines on admission",
        'advise clinicians on the safe and effective use of medicines',
        'manage stock and controlled drugs in line with legislation',
      ],
      teams: ['Pharmacy', 'Medicines Optimisation', 'Aseptic Services'],
    },
    dental: {
      duties: [
        'prepare the surgery and instruments for each patient',
        'support the dentist during treatment',
        'advise patients on oral hygiene',
        'take and process dental radiographs',
      ],
      teams: ['General Dental Practice', 'Community Dental Services'],
    },
    paramedic: {
      duties: [
        'respond to emergency calls and assess patients on scene',
        'deliver emergency care and transport patients safely',
        'hand over clearly and promptly to hospital teams',
        'check your vehicle and equipment at the start of every shift',
      ],
      teams: ['Emergency Operations', 'Urgent Care'],
      requirements: [
        'a full driving licence with C1 entitlement or equivalent',
      ],
    },
  },
  requirements: [
    'current {credential}',
    '{credential} (essential)',
    'experience with {skill} and {skill}',
    'competence in {skill}',
    'up-to-date training in {skill}',
    'excellent communication and interpersonal skills',
    'the ability to stay calm and prioritise under pressure',
    'a commitment to continuing professional development',
    'a relevant degree or diploma',
  ],
  schedules: [
    'Shifts are 12.5 hours, days and nights, on a rota published six weeks in advance.',
    'The post is 37.5 hours per week, worked over a mix of early, late and long days, including weekends.',
    'Hours are Monday to Friday, 8am to 6pm, with no on-call commitment.',
  ],
  perks: ['free parking on site', 'funded professional development', 'flexible rostering', 'paid registration fees', 'a wellbeing service for staff', 'preceptorship for newly qualified staff'],
  localPerks: {
    GB: ['the NHS Pension Scheme', "27 days' annual leave rising to 33 with service", 'NHS discounts and salary sacrifice schemes'],
    US: ['a sign-on bonus', 'shift differentials for nights and weekends', 'a 403(b) retirement plan'],
    AU: ['salary packaging up to the public-health cap'],
  },
  remote: [['onsite', 95], ['hybrid', 4], ['remote', 1]],
  employment: [['full_time', 70], ['part_time', 15], ['per_diem', 7], ['contract', 4], ['temporary', 4]],
  hourlyShare: 0.12,
  noSalaryShare: 0.08,
  countryBias: { GB: 1.8, IE: 1.3, AU: 1.2, IN: 0.6, DE: 0.4, NL: 0.5 },
};
