/** Hospitality: restaurants, bars, hotels, catering and events. */
import type { Credentials, FieldVocabulary, Level } from './types.ts';

/** Kitchens and front of house have their own ranks; the rank is usually the role itself. */
const ONE: readonly Level[] = [{ title: '{role}', pay: 1, years: [1, 3] }];
const FLOOR: readonly Level[] = [{ title: '{role}', pay: 1, years: [0, 2], weight: 4 }, { title: 'Head {role}', pay: 1.12, years: [2, 4] }];
const DESK: readonly Level[] = [{ title: '{role}', pay: 1, years: [0, 2], weight: 4 }, { title: 'Senior {role}', pay: 1.1, years: [2, 4] }];
const MANAGER: readonly Level[] = [{ title: 'Assistant {role}', pay: 0.78, years: [2, 4] }, { title: '{role}', pay: 1, years: [3, 6], weight: 2 }];

const FOOD: Credentials = {
  GB: ['Level 2 Food Hygiene Certificate'], US: ['ServSafe Food Handler certification'], CA: ['FoodSafe Level 1'],
  AU: ['Food Safety Supervisor certificate'], IE: ['HACCP Level 2 training'], IN: ['FSSAI food safety training'],
};
const ALCOHOL: Credentials = {
  GB: ['Personal Licence'], US: ['TIPS certification'], CA: ['Smart Serve certification'], AU: ['RSA certificate'], IE: ['responsible serving training'],
};

export const hospitality: FieldVocabulary = {
  id: 'hospitality',
  weight: 9,
  levels: ONE,
  roles: [
    { title: 'Chef de Partie', group: 'kitchen', baseUsd: 40_000, weight: 3, credentials: FOOD, skills: ['food preparation', 'HACCP', 'menu development', 'knife skills', 'allergen management'] },
    { title: 'Sous Chef', group: 'kitchen', baseUsd: 52_000, weight: 2, credentials: FOOD, skills: ['kitchen management', 'HACCP', 'menu costing', 'stock control', 'rota planning'] },
    { title: 'Head Chef', group: 'kitchen', baseUsd: 62_000, weight: 1.5, credentials: FOOD, skills: ['menu development', 'GP management', 'kitchen management', 'supplier management', 'HACCP'] },
    { title: 'Commis Chef', group: 'kitchen', baseUsd: 32_000, weight: 2, countries: ['GB', 'IE', 'AU', 'NL', 'DE'], credentials: FOOD, skills: ['food preparation', 'knife skills', 'kitchen hygiene', 'allergen awareness'] },
    { title: 'Line Cook', group: 'kitchen', baseUsd: 36_000, weight: 3, countries: ['US', 'CA'], levels: [{ title: '{role}', pay: 1, years: [1, 2], weight: 3 }, { title: 'Lead {role}', pay: 1.12, years: [2, 4] }],
      credentials: FOOD, skills: ['grill station', 'sauté station', 'food preparation', 'kitchen hygiene', 'knife skills'] },
    { title: 'Kitchen Porter', group: 'kitchen', baseUsd: 30_000, weight: 2, countries: ['GB', 'IE', 'AU'], skills: ['dishwashing', 'kitchen hygiene', 'COSHH', 'teamwork'] },
    { title: 'Dishwasher', group: 'kitchen', baseUsd: 31_000, weight: 1.5, countries: ['US', 'CA'], skills: ['dishwashing', 'kitchen hygiene', 'food safety', 'teamwork'] },
    { title: 'Server', group: 'service', baseUsd: 32_000, weight: 2, countries: ['US', 'CA', 'AU'], levels: FLOOR, skills: ['table service', 'Toast POS', 'upselling', 'wine knowledge', 'allergen awareness'], credentials: ALCOHOL },
    { title: 'Waiter', group: 'service', baseUsd: 31_000, weight: 2, countries: ['GB', 'IE', 'IN', 'DE', 'NL'], levels: FLOOR, skills: ['table service', 'POS systems', 'upselling', 'wine knowledge', 'allergen awareness'] },
    { title: 'Bartender', group: 'service', baseUsd: 33_000, weight: 2, levels: FLOOR, credentials: ALCOHOL, skills: ['mixology', 'cocktail making', 'cash handling', 'stock rotation', 'customer service'] },
    { title: 'Barista', group: 'service', baseUsd: 30_000, weight: 2, levels: FLOOR, skills: ['latte art', 'espresso machines', 'cash handling', 'customer service', 'food hygiene'] },
    { title: 'Restaurant Manager', group: 'management', baseUsd: 60_000, weight: 2, levels: MANAGER, credentials: ALCOHOL, skills: ['P&L management', 'rota planning', 'team leadership', 'guest experience', 'stock control'] },
    { title: 'Front Desk Agent', group: 'reception', baseUsd: 35_000, weight: 2, countries: ['US', 'CA', 'AU', 'IN'], levels: DESK, skills: ['Opera PMS', 'customer service', 'reservations', 'cash handling', 'complaint handling'] },
    { title: 'Hotel Receptionist', group: 'reception', baseUsd: 33_000, weight: 2, countries: ['GB', 'IE', 'DE', 'NL'], levels: DESK, skills: ['Opera PMS', 'customer service', 'reservations', 'check-in and check-out', 'languages'] },
    { title: 'Room Attendant', group: 'housekeeping', baseUsd: 31_000, weight: 2, levels: DESK, skills: ['housekeeping', 'attention to detail', 'COSHH', 'time management'] },
    { title: 'Hotel General Manager', group: 'management', baseUsd: 98_000, weight: 0.6, levels: [{ title: '{role}', pay: 1, years: [8, 12] }], skills: ['revenue management', 'P&L management', 'team leadership', 'guest satisfaction', 'budgeting'] },
    { title: 'Events Coordinator', group: 'management', baseUsd: 52_000, weight: 1.2, levels: ONE, skills: ['event planning', 'client liaison', 'supplier management', 'Cvent', 'budgeting'] },
    { title: 'Food and Beverage Manager', group: 'management', baseUsd: 62_000, weight: 1, levels: MANAGER, credentials: ALCOHOL, skills: ['beverage costing', 'team leadership', 'stock control', 'guest experience'] },
    { title: 'Night Auditor', group: 'reception', baseUsd: 37_000, weight: 0.8, skills: ['night audit', 'Opera PMS', 'cash reconciliation', 'Excel'] },
    { title: 'Catering Assistant', group: 'kitchen', baseUsd: 30_000, weight: 1.5, credentials: FOOD, skills: ['food preparation', 'food hygiene', 'cash handling', 'customer service'] },
    { title: 'Revenue Manager', group: 'management', baseUsd: 82_000, weight: 0.6, levels: [{ title: '{role}', pay: 1, years: [3, 6] }], skills: ['revenue management', 'Excel', 'Opera PMS', 'forecasting', 'pricing strategy'] },
  ],
  commonSkills: ['customer service', 'teamwork', 'food safety', 'cash handling', 'communication', 'time management'],
  localSkills: { US: ['Toast POS'], GB: ['Fourth rota software'], AU: ['Square POS'] },
  // Field default: none; kitchen roles carry the food-safety certificate themselves.
  credentials: {},
  companies: [
    'The Copper Kettle', 'Saltmarsh Hotels', 'Juniper & Thyme', 'Harbour Lights Bistro', 'Grand Wexford Hotel', 'Bramble Kitchen',
    'The Foxglove Inn', 'Cobblestone Coffee Co.', 'Lighthouse Catering', 'Marigold Events', 'Seabright Resorts', 'Olive & Ember',
    'Hillcrest Country House Hotel', 'Urban Larder',
  ],
  localCompanies: {
    IN: ['Hotel Shalimar Residency', 'Masala Junction Restaurants'],
    DE: ['Hotel Am Stadtpark'],
    AU: ['Wattle Tree Cafe'],
  },
  teams: ['kitchen', 'front of house', 'bar', 'housekeeping', 'reception', 'events', 'banqueting', 'café'],
  about: [
    '{company} is a busy, independent restaurant serving seasonal food sourced from local producers.',
    'We are a boutique hotel with 80 rooms, a restaurant and a rooftop bar.',
    '{company} runs cafés and restaurants across {country}, with more openings planned.',
    'Our kitchen cooks everything from scratch, from bread to ice cream.',
    '{company} caters for weddings, conferences and private events.',
    'We pride ourselves on warm, genuine hospitality.',
  ],
  duties: [
    'train and support new team members',
    'make good use of your {skill} skills on every shift',
    'work as part of a friendly, hard-working team',
    'go the extra mile to make guests feel welcome',
  ],
  groups: {
    kitchen: {
      duties: [
        'prepare and cook dishes to a consistently high standard',
        'run your section during busy services',
        'keep the kitchen and equipment clean and safe',
        'follow food safety and allergen procedures',
        'receive deliveries, rotate stock and reduce waste',
        'help develop new dishes and seasonal menus',
      ],
      requirements: [
        'a passion for food and for cooking from scratch',
      ],
    },
    service: {
      duties: [
        'greet guests and make every visit memorable',
        'take orders, serve food and drinks, and handle payments',
        'know the menu well enough to make recommendations',
        'keep the bar and floor clean, stocked and ready',
        'follow licensing and allergen procedures',
      ],
      requirements: [
        'a warm, outgoing personality',
      ],
    },
    reception: {
      duties: [
        'check guests in and out quickly and warmly',
        'handle reservations by phone, email and online',
        'answer guest questions and resolve complaints',
        "balance the day's takings and run end-of-day reports",
      ],
      requirements: [
        'a smart, professional appearance',
        'a second language (desirable)',
      ],
    },
    housekeeping: {
      duties: [
        'clean and prepare guest rooms to our standards',
        'restock linen, towels and amenities',
        'report maintenance issues and lost property',
        'keep corridors and public areas spotless',
      ],
      requirements: [
        'an eye for detail and pride in your work',
      ],
    },
    management: {
      duties: [
        'manage rotas, stock and costs to hit budget',
        'lead the team through busy services and events',
        'recruit, train and develop a great team',
        'drive revenue and guest satisfaction scores',
        'make sure health, safety and licensing rules are followed',
      ],
      requirements: [
        'experience managing a team in a busy venue',
        'strong commercial awareness',
      ],
    },
  },
  requirements: [
    '{credential}',
    '{credential} (or willingness to obtain it)',
    'experience in a busy hospitality environment',
    'experience with {skill}',
    'good {skill} skills',
    'a positive, can-do attitude',
    'flexibility to work evenings, weekends and holidays',
    'knowledge of {skill} and {skill}',
    '{years}+ years of experience in a similar role',
  ],
  schedules: [
    'Shifts are typically 40 hours over five days, including evenings, weekends and bank holidays.',
    'We operate a fair rota, published two weeks in advance, with two consecutive days off each week.',
    'Split shifts are kept to a minimum, and late finishes include a paid taxi home.',
  ],
  perks: ['free meals on shift', 'a fair share of tips', 'staff discounts across our venues', 'paid breaks', 'uniform provided', 'discounted hotel stays'],
  localPerks: {},
  remote: [['onsite', 1]],
  employment: [['full_time', 58], ['part_time', 28], ['temporary', 10], ['contract', 4]],
  hourlyShare: 0.65,
  noSalaryShare: 0.15,
  countryBias: { AU: 1.3, DE: 0.7 },
};
