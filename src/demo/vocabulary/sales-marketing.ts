/** Sales, marketing, customer success and retail. */
import type { FieldVocabulary, Level, Weights } from './types.ts';
import type { RemoteMode } from '../../core/posting.ts';

/** Shop-floor roles: no "Principal Retail Sales Associate". */
const IN_STORE: Weights<RemoteMode> = [['onsite', 1]];
const SHOP_FLOOR: readonly Level[] = [{ title: '{role}', pay: 1, years: [0, 2], weight: 4 }, { title: 'Senior {role}', pay: 1.1, years: [1, 3] }];

export const salesMarketing: FieldVocabulary = {
  id: 'sales-marketing',
  weight: 13,
  levels: [
    { title: 'Junior {role}', pay: 0.72, years: [0, 2], weight: 1.5 },
    { title: '{role}', pay: 1, years: [2, 5], weight: 4 },
    { title: 'Senior {role}', pay: 1.25, years: [4, 8], weight: 2.5 },
  ],
  roles: [
    { title: 'Account Executive', group: 'sales', baseUsd: 78_000, weight: 4, skills: ['B2B sales', 'Salesforce', 'pipeline management', 'negotiation', 'SaaS sales', 'MEDDIC'],
      levels: [{ title: '{role}', pay: 1, years: [2, 4], weight: 3 }, { title: 'Senior {role}', pay: 1.25, years: [4, 8], weight: 2 }, { title: 'Enterprise {role}', pay: 1.45, years: [6, 10] }] },
    { title: 'Sales Development Representative', group: 'sales', baseUsd: 55_000, weight: 3, skills: ['lead generation', 'cold calling', 'HubSpot', 'LinkedIn Sales Navigator', 'Salesforce'],
      levels: [{ title: '{role}', pay: 1, years: [0, 2], weight: 3 }, { title: 'Senior {role}', pay: 1.15, years: [1, 3] }] },
    { title: 'Business Development Manager', group: 'sales', baseUsd: 88_000, weight: 3, skills: ['new business development', 'negotiation', 'CRM', 'account management', 'tendering'] },
    { title: 'Account Manager', group: 'sales', baseUsd: 70_000, weight: 3, skills: ['account management', 'upselling', 'Salesforce', 'customer retention', 'negotiation'] },
    { title: 'Customer Success Manager', group: 'sales', baseUsd: 82_000, weight: 2, skills: ['customer retention', 'Gainsight', 'Salesforce', 'onboarding', 'renewals'] },
    { title: 'Sales Manager', group: 'sales', baseUsd: 110_000, weight: 1.5, skills: ['sales leadership', 'forecasting', 'Salesforce', 'coaching', 'pipeline management'],
      levels: [{ title: '{role}', pay: 1, years: [5, 10], weight: 3 }, { title: 'Regional {role}', pay: 1.15, years: [7, 12] }] },
    { title: 'Marketing Manager', group: 'marketing', baseUsd: 98_000, weight: 2, skills: ['marketing strategy', 'HubSpot', 'campaign management', 'budget management', 'Google Analytics'] },
    { title: 'Digital Marketing Specialist', group: 'marketing', baseUsd: 66_000, weight: 3, skills: ['Google Ads', 'SEO', 'Google Analytics', 'Meta Ads', 'HubSpot', 'email marketing'] },
    { title: 'SEO Specialist', group: 'marketing', baseUsd: 66_000, weight: 1.2, skills: ['SEO', 'Google Search Console', 'Ahrefs', 'Semrush', 'content strategy', 'keyword research'] },
    { title: 'Content Marketing Manager', group: 'marketing', baseUsd: 86_000, weight: 1.2, skills: ['copywriting', 'content strategy', 'SEO', 'WordPress', 'editorial planning'] },
    { title: 'Social Media Manager', group: 'marketing', baseUsd: 62_000, weight: 1.5, skills: ['social media marketing', 'Hootsuite', 'Canva', 'community management', 'TikTok', 'Instagram'] },
    { title: 'Product Marketing Manager', group: 'marketing', baseUsd: 128_000, weight: 1, skills: ['positioning', 'go-to-market strategy', 'competitive analysis', 'messaging', 'market research'] },
    { title: 'Brand Manager', group: 'marketing', baseUsd: 100_000, weight: 0.8, skills: ['brand strategy', 'market research', 'agency management', 'consumer insights'] },
    { title: 'Marketing Coordinator', group: 'marketing', baseUsd: 50_000, weight: 1.5, levels: SHOP_FLOOR, skills: ['Mailchimp', 'Canva', 'event coordination', 'social media marketing', 'Microsoft Office'] },
    { title: 'Copywriter', group: 'marketing', baseUsd: 66_000, weight: 0.8, skills: ['copywriting', 'brand voice', 'editing', 'SEO', 'content strategy'] },
    { title: 'Graphic Designer', group: 'marketing', baseUsd: 60_000, weight: 1.2, skills: ['Adobe Photoshop', 'Adobe Illustrator', 'Adobe InDesign', 'Figma', 'typography'] },
    { title: 'Ecommerce Manager', group: 'marketing', baseUsd: 88_000, weight: 1, skills: ['Shopify', 'Google Analytics', 'email marketing', 'conversion rate optimisation', 'merchandising'] },
    { title: 'Retail Sales Associate', group: 'retail', baseUsd: 33_000, remote: IN_STORE, weight: 3, levels: SHOP_FLOOR, skills: ['customer service', 'cash handling', 'visual merchandising', 'POS systems', 'stock replenishment'] },
    { title: 'Store Manager', group: 'retail', baseUsd: 62_000, remote: IN_STORE, weight: 1.5, skills: ['people management', 'P&L management', 'visual merchandising', 'stock control', 'rota planning'],
      levels: [{ title: 'Assistant {role}', pay: 0.8, years: [2, 4] }, { title: '{role}', pay: 1, years: [3, 7], weight: 2 }] },
    { title: 'Field Sales Representative', group: 'sales', baseUsd: 65_000, weight: 1.5, skills: ['territory management', 'new business development', 'negotiation', 'CRM', 'product demonstrations'] },
  ],
  commonSkills: ['CRM', 'communication', 'negotiation', 'Microsoft Excel', 'presentation skills', 'HubSpot'],
  localSkills: { GB: ['full UK driving licence'], US: ["valid driver's license"], AU: ["valid driver's licence"] },
  credentials: {},
  companies: [
    'Bellwether Brands', 'Sparrowhawk Media', 'Conway & Pike', 'Truefold', 'Tangerine Harbour', 'Blueberry Lane Retail',
    'Oxbridge Supplies', 'Maplecrest Home', 'Hartwell Outdoor', 'Pipit Marketing', 'Stonebridge Beverages', 'Nimbus Office Supply',
    'Wrenfield Cosmetics', 'Kettleby Foods', 'Quillon CRM', 'Lodestar Events',
  ],
  localCompanies: {
    IN: ['Sutra Retail', 'Kalpana Consumer Brands'],
    CA: ['Northern Pines Outfitters'],
    AU: ['Wattle & Gum Homewares'],
  },
  teams: ['Sales', 'Enterprise Sales', 'Mid-Market', 'Marketing', 'Growth Marketing', 'Brand', 'Customer Success', 'Partnerships', 'Retail', 'Ecommerce'],
  about: [
    '{company} makes kitchenware sold in more than 2,000 stores.',
    'We are a B2B software company whose customers range from local councils to global retailers.',
    '{company} is an independent creative agency working with challenger brands.',
    '{company} has grown revenue by over 40% in each of the last three years.',
    'We sell outdoor clothing online and through our own stores across {country}.',
    '{company} supplies offices, schools and hospitals with everything from paper to furniture.',
    'Our marketing team is small, ambitious and trusted to try new things.',
  ],
  duties: [
    'work closely with colleagues across the business',
    'put your {skill} experience to work every day',
    'share what works, and what does not, with the wider team',
  ],
  groups: {
    sales: {
      duties: [
        'build and manage a healthy pipeline of new business',
        'run discovery calls and product demonstrations',
        'negotiate and close deals, and hit quarterly targets',
        'grow revenue within an existing book of accounts',
        'keep the CRM accurate and up to date',
        'work with marketing to turn leads into opportunities',
        'coach and motivate a team to exceed targets',
      ],
      requirements: [
        'a proven track record of hitting targets',
        'resilience, energy and a competitive streak',
      ],
    },
    marketing: {
      duties: [
        'plan and run multi-channel campaigns from brief to results',
        'manage paid search and social budgets',
        'report on performance and turn insights into action',
        'write clear, persuasive copy for web, email and social',
        'work with sales to generate qualified leads',
        'brief and manage agencies and freelancers',
        'keep our brand consistent across every channel',
      ],
      requirements: [
        'a creative mindset backed by data',
        'a portfolio or examples of campaigns you have run',
      ],
    },
    retail: {
      duties: [
        'deliver excellent service to every customer who walks through the door',
        'keep the shop floor tidy and well merchandised',
        'process sales, returns and exchanges at the till',
        'replenish stock and help with deliveries',
        'open and close the store safely',
        'lead, train and motivate the store team',
      ],
      requirements: [
        'a genuine passion for customer service',
        'flexibility to work weekends and peak periods',
      ],
    },
  },
  requirements: [
    '{years}+ years of experience in a similar role',
    'strong experience with {skill} and {skill}',
    'hands-on experience with {skill}',
    'solid {skill} skills',
    'excellent communication and presentation skills',
    'experience with tools such as {skill}',
    'a positive attitude and a willingness to learn',
  ],
  schedules: [
    'Hours are Monday to Friday, 9am to 5:30pm, with occasional travel to customer sites and events.',
    'Some evening and weekend work is needed around events and peak trading periods.',
  ],
  perks: ['uncapped commission', 'a generous staff discount', 'a car allowance', 'a quarterly team offsite', 'clear progression paths', 'sales incentive trips'],
  localPerks: {},
  remote: [['hybrid', 40], ['onsite', 40], ['remote', 20]],
  employment: [['full_time', 80], ['part_time', 10], ['contract', 5], ['temporary', 3], ['internship', 2]],
  hourlyShare: 0.12,
  noSalaryShare: 0.18,
  countryBias: {},
};
