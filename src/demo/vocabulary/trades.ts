/** Skilled trades, construction, manufacturing and logistics. */
import type { Credentials, FieldVocabulary, Level } from './types.ts';

/** Trades progress by qualification, not by "Senior"/"Principal". */
const TRADE: readonly Level[] = [
  { title: 'Apprentice {role}', pay: 0.55, years: [0, 0], weight: 0.6 },
  { title: '{role}', pay: 1, years: [2, 5], weight: 5 },
  { title: 'Experienced {role}', pay: 1.08, years: [4, 8], weight: 1 },
  { title: 'Lead {role}', pay: 1.2, years: [6, 10], weight: 0.8 },
];
const ENTRY: readonly Level[] = [{ title: '{role}', pay: 1, years: [0, 1], weight: 5 }, { title: 'Team Leader - {role}', pay: 1.15, years: [2, 4] }];
const SINGLE: readonly Level[] = [{ title: '{role}', pay: 1, years: [3, 6] }];

const ELECTRICAL: Credentials = {
  GB: ['18th Edition wiring regulations', 'ECS card', 'NVQ Level 3 in Electrotechnical Services'], US: ['journeyman electrician license'],
  CA: ['309A licence', 'Red Seal certification'], AU: ['A-grade electrical licence'], IE: ['Safe Electric registration'],
  IN: ['ITI certificate in Electrician trade'], DE: ['completed vocational training as an electrician'], NL: ['VCA certificate'],
};
const DRIVING: Credentials = {
  GB: ['Class 1 licence', 'Class 2 licence', 'Driver CPC'], US: ['CDL Class A'], CA: ['AZ licence'], AU: ['HR licence', 'MC licence'],
  IE: ['Category C licence'], IN: ['heavy vehicle driving licence'], DE: ['CE driving licence'], NL: ['CE driving licence'],
};
const SITE: Credentials = {
  GB: ['CSCS card', 'SMSTS', 'SSSTS'], US: ['OSHA 30', 'OSHA 10'], CA: ['WHMIS', 'Working at Heights training'],
  AU: ['White Card'], IE: ['Safe Pass'], NL: ['VCA certificate'], DE: ['SCC certificate'],
};
const FORKLIFT: Credentials = {
  GB: ['counterbalance forklift licence', 'reach truck licence'], US: ['forklift certification'], CA: ['forklift certification'],
  AU: ['LF forklift licence'], IE: ['forklift licence'], NL: ['forklift certificate'], DE: ['forklift licence'],
};

export const trades: FieldVocabulary = {
  id: 'trades',
  weight: 14,
  levels: TRADE,
  roles: [
    { title: 'Electrician', group: 'trade', baseUsd: 64_000, weight: 4, credentials: ELECTRICAL, skills: ['fault finding', 'testing and inspection', 'conduit installation', 'PLC', 'wiring diagrams'] },
    { title: 'Plumber', group: 'trade', baseUsd: 60_000, weight: 3, skills: ['pipefitting', 'boiler servicing', 'drainage', 'bathroom installation', 'leak detection'],
      credentials: { GB: ['Gas Safe registration', 'NVQ Level 3 in Plumbing'], US: ['journeyman plumber license'], AU: ['plumbing licence'], CA: ['Red Seal certification'] } },
    { title: 'HVAC Technician', group: 'trade', baseUsd: 60_000, weight: 2, skills: ['refrigeration', 'air conditioning', 'heat pumps', 'preventive maintenance', 'troubleshooting'],
      credentials: { US: ['EPA 608 certification'], GB: ['F-Gas certification'], CA: ['Refrigeration and Air Conditioning Mechanic licence'], AU: ['ARCtick licence'] } },
    { title: 'Carpenter', group: 'trade', baseUsd: 54_000, weight: 2, skills: ['first fix', 'second fix', 'framing', 'blueprint reading', 'finishing'], credentials: SITE },
    { title: 'Welder', group: 'workshop', baseUsd: 52_000, weight: 2, skills: ['MIG welding', 'TIG welding', 'stick welding', 'blueprint reading', 'fabrication'],
      credentials: { US: ['AWS D1.1 certification'], GB: ['coded welder certificate'], CA: ['CWB certification'], AU: ['AS/NZS 2980 qualification'] } },
    { title: 'Maintenance Technician', group: 'workshop', baseUsd: 58_000, weight: 3, skills: ['electrical maintenance', 'mechanical maintenance', 'PLC', 'preventive maintenance', 'hydraulics', 'pneumatics'] },
    { title: 'CNC Machinist', group: 'workshop', baseUsd: 52_000, weight: 1.5, skills: ['CNC programming', 'G-code', 'Fanuc', 'precision measurement', 'blueprint reading'] },
    { title: 'Vehicle Technician', group: 'workshop', baseUsd: 52_000, weight: 1.5, skills: ['vehicle diagnostics', 'servicing', 'MOT testing', 'electrical fault finding', 'hybrid vehicles'],
      credentials: { GB: ['IMI Level 3'], US: ['ASE certification'], CA: ['310S licence'], AU: ['Certificate III in Light Vehicle Mechanical Technology'] } },
    { title: 'Site Manager', group: 'site', baseUsd: 88_000, weight: 2, levels: [{ title: 'Assistant {role}', pay: 0.82, years: [3, 5] }, { title: '{role}', pay: 1, years: [5, 10], weight: 2 }, { title: 'Senior {role}', pay: 1.15, years: [8, 12] }],
      countries: ['GB', 'IE', 'AU'], skills: ['health and safety', 'programme management', 'subcontractor management', 'quality control', 'RAMS'], credentials: SITE },
    { title: 'Construction Project Manager', group: 'site', baseUsd: 108_000, weight: 1.5, levels: SINGLE, skills: ['Procore', 'MS Project', 'cost control', 'contract administration', 'health and safety'], credentials: SITE },
    { title: 'Quantity Surveyor', group: 'site', baseUsd: 78_000, weight: 1.5, countries: ['GB', 'IE', 'AU', 'IN', 'CA'], skills: ['cost planning', 'NEC contracts', 'valuations', 'CostX', 'estimating'],
      credentials: { GB: ['RICS membership'], IE: ['SCSI membership'], AU: ['AIQS membership'] },
      levels: [{ title: 'Assistant {role}', pay: 0.75, years: [1, 3] }, { title: '{role}', pay: 1, years: [3, 6], weight: 2 }, { title: 'Senior {role}', pay: 1.2, years: [6, 10] }] },
    { title: 'Civil Engineer', group: 'site', baseUsd: 92_000, weight: 1.5, skills: ['AutoCAD', 'Civil 3D', 'drainage design', 'site supervision', 'structural analysis'],
      credentials: { GB: ['Chartered Engineer (CEng) status'], US: ['PE license'], CA: ['P.Eng.'], AU: ['Engineers Australia membership'] },
      levels: [{ title: 'Graduate {role}', pay: 0.7, years: [0, 1] }, { title: '{role}', pay: 1, years: [3, 6], weight: 2 }, { title: 'Senior {role}', pay: 1.25, years: [6, 10] }] },
    { title: 'Labourer', group: 'trade', baseUsd: 40_000, weight: 2, countries: ['GB', 'IE', 'AU'], levels: ENTRY, skills: ['manual handling', 'site clearance', 'groundworks', 'power tools'], credentials: SITE },
    { title: 'Construction Laborer', group: 'trade', baseUsd: 42_000, weight: 2, countries: ['US', 'CA'], levels: ENTRY, skills: ['manual handling', 'concrete work', 'power tools', 'site cleanup'], credentials: SITE },
    { title: 'HGV Driver', group: 'driving', baseUsd: 54_000, weight: 2, countries: ['GB', 'IE'], levels: SINGLE, skills: ['digital tachograph', 'load securing', 'route planning', 'vehicle checks'], credentials: DRIVING },
    { title: 'Truck Driver', group: 'driving', baseUsd: 62_000, weight: 2, countries: ['US', 'CA', 'AU', 'IN', 'DE', 'NL'], levels: SINGLE, skills: ['ELD logs', 'load securing', 'DOT regulations', 'route planning', 'vehicle inspections'], credentials: DRIVING },
    { title: 'Delivery Driver', group: 'driving', baseUsd: 40_000, weight: 2, levels: ENTRY, skills: ['route planning', 'customer service', 'handheld scanners', 'safe driving'] },
    { title: 'Warehouse Operative', group: 'warehouse', baseUsd: 37_000, weight: 3, countries: ['GB', 'IE', 'AU', 'IN', 'NL', 'DE'], levels: ENTRY, skills: ['pick and pack', 'RF scanners', 'stock rotation', 'loading and unloading'], credentials: FORKLIFT },
    { title: 'Warehouse Associate', group: 'warehouse', baseUsd: 38_000, weight: 3, countries: ['US', 'CA'], levels: ENTRY, skills: ['order picking', 'RF scanners', 'inventory counts', 'shipping and receiving'], credentials: FORKLIFT },
    { title: 'Forklift Operator', group: 'warehouse', baseUsd: 41_000, weight: 1.5, levels: ENTRY, skills: ['reach truck', 'counterbalance forklift', 'stock control', 'loading and unloading'], credentials: FORKLIFT },
    { title: 'Logistics Coordinator', group: 'planning', baseUsd: 54_000, weight: 1.5, skills: ['SAP', 'WMS', 'freight forwarding', 'customs documentation', 'Excel'] },
    { title: 'Warehouse Manager', group: 'warehouse', baseUsd: 78_000, weight: 1, levels: SINGLE, skills: ['lean', '5S', 'WMS', 'health and safety', 'KPI reporting', 'people management'] },
    { title: 'Supply Chain Analyst', group: 'planning', baseUsd: 76_000, weight: 1, skills: ['demand planning', 'Excel', 'SAP', 'SQL', 'inventory optimisation'], credentials: {},
      levels: [{ title: '{role}', pay: 1, years: [2, 4], weight: 2 }, { title: 'Senior {role}', pay: 1.2, years: [4, 8] }] },
    { title: 'Scaffolder', group: 'trade', baseUsd: 52_000, weight: 0.8, countries: ['GB', 'IE', 'AU'], skills: ['tube and fitting', 'system scaffolding', 'working at height'],
      credentials: { GB: ['CISRS card'], IE: ['CSCS scaffolding card'], AU: ['scaffolding high-risk work licence'] } },
    { title: 'Painter and Decorator', group: 'trade', baseUsd: 46_000, weight: 0.8, countries: ['GB', 'IE', 'AU'], skills: ['surface preparation', 'spray painting', 'wallpapering', 'finishing'], credentials: SITE },
    { title: 'Facilities Manager', group: 'site', baseUsd: 82_000, weight: 1, levels: SINGLE, skills: ['planned maintenance', 'contractor management', 'health and safety', 'CAFM systems', 'budget management'] },
  ],
  commonSkills: ['health and safety', 'teamwork', 'reliability', 'time management', 'working at height', 'manual handling', 'first aid'],
  localSkills: {
    GB: ['IPAF', 'PASMA', 'full UK driving licence'], US: ["valid driver's license", 'NCCER certification'], CA: ['WHMIS'],
    AU: ['White Card'], IE: ['Safe Pass'],
  },
  // Field default: none. Warehouse and workshop roles rarely ask for a card; roles that do say so.
  credentials: {},
  companies: [
    'Greystone Build', 'Harlow & Mason Construction', 'Ironwood Mechanical', 'Brightspark Electrical', 'Coldharbour Haulage',
    'Ridgeway Civil Engineering', 'Fairbairn Facilities', 'Blackthorn Plumbing & Heating', 'Anvil Works Manufacturing', 'Swiftlane Logistics',
    'Kilnworth Precision', 'Redgate Fleet Services', 'Tamberlane Distribution', 'Corbel Homes', 'Westfield Scaffolding',
  ],
  localCompanies: {
    IN: ['Narmada Infra Projects', 'Sahyadri Logistics'],
    DE: ['Weserbau GmbH', 'Spreelogistik GmbH'],
    AU: ['Southern Cross Civil'],
    CA: ['Maple Ridge Mechanical'],
  },
  teams: ['Maintenance', 'Projects', 'Installation', 'Service', 'Transport', 'Warehouse', 'Fabrication', 'Facilities', 'Groundworks', 'Operations'],
  about: [
    '{company} is a family-run contractor with a reputation for quality work and repeat clients.',
    'We build new homes and regenerate town centres across {country}.',
    '{company} runs one of the busiest distribution centres in the region.',
    '{company} maintains schools, hospitals and offices for public and private clients.',
    'We manufacture precision parts for the aerospace and automotive industries.',
    'Our fleet delivers to supermarkets and building merchants every day of the week.',
    '{company} has grown from a one-van business into a team of more than 150 engineers.',
  ],
  duties: [
    'work safely and follow site and company procedures',
    'complete paperwork and records accurately',
    'use your {skill} skills on varied, interesting work',
    'help train apprentices and new starters',
  ],
  groups: {
    trade: {
      duties: [
        'carry out installations, repairs and maintenance to a high standard',
        'read drawings and work to specifications',
        'keep the work area clean, tidy and safe',
        'diagnose faults and put them right first time',
        'complete job sheets and test certificates',
        'work on new-build and refurbishment projects across the region',
      ],
      requirements: [
        'your own hand tools',
        'a full driving licence',
      ],
    },
    site: {
      duties: [
        'run the site day to day, from programme to handover',
        'manage subcontractors, deliveries and site logistics',
        'chair progress meetings and report to senior managers',
        'keep health and safety documentation and RAMS up to date',
        'control costs and valuations against budget',
        'plan works so that jobs finish on time and on budget',
      ],
      requirements: [
        'a relevant degree, HNC or equivalent',
        'experience delivering projects worth several million',
      ],
    },
    workshop: {
      duties: [
        'diagnose faults and put them right first time',
        'carry out planned preventive maintenance on plant and equipment',
        'set up and run machines to tight tolerances',
        'inspect finished work against drawings',
        'respond to breakdowns and keep downtime to a minimum',
      ],
      requirements: [
        'your own hand tools',
        'a recognised apprenticeship or equivalent experience',
      ],
    },
    driving: {
      duties: [
        'deliver goods safely and on time',
        'carry out daily vehicle checks and report defects',
        'load and secure goods correctly',
        'provide friendly, professional service at every drop',
        'plan your route and keep customers updated on delays',
      ],
      requirements: [
        'a clean driving licence',
        'good knowledge of local roads',
      ],
    },
    warehouse: {
      duties: [
        'pick, pack and load orders accurately against targets',
        'receive, check and put away deliveries',
        'operate forklifts and other equipment safely',
        'take part in stock counts and keep the warehouse tidy',
        'meet productivity and accuracy targets',
      ],
      requirements: [
        'willingness to work shifts, overtime or weekends when needed',
        'the ability to do physical work for long periods',
      ],
    },
    planning: {
      duties: [
        'book and track shipments with carriers and freight forwarders',
        'prepare customs and shipping documentation',
        'keep stock and order data accurate in the WMS',
        'analyse demand and inventory to cut costs and stock-outs',
        'report on KPIs such as on-time delivery and fill rate',
      ],
      requirements: [
        'strong Excel skills',
        'excellent organisation and communication',
      ],
    },
  },
  requirements: [
    '{credential} (essential)',
    '{credential}, or the willingness to obtain it',
    '{years}+ years of experience in a similar role',
    'proven experience with {skill}',
    'good knowledge of {skill} and {skill}',
    'experience with {skill}',
    'a strong work ethic and a safety-first attitude',
    'the ability to work on your own and as part of a team',
    'reliable timekeeping and a flexible approach',
  ],
  schedules: [
    'Hours are Monday to Friday, 7:30am to 4:30pm, with paid overtime available most weeks.',
    'The role works a four-on, four-off shift pattern of 12-hour days and nights.',
    'Expect regular travel between sites across the region; travel time is paid.',
  ],
  perks: ['paid overtime', 'a company van and fuel card', 'tools and PPE provided', 'funded training and qualifications', 'a weekly pay cycle', 'an attendance bonus'],
  localPerks: { US: ['union benefits and a pension plan'], GB: ['a company pension'] },
  remote: [['onsite', 99], ['hybrid', 1]],
  employment: [['full_time', 80], ['contract', 8], ['temporary', 9], ['part_time', 3]],
  hourlyShare: 0.6,
  noSalaryShare: 0.14,
  countryBias: { IN: 0.6, DE: 0.8 },
};
