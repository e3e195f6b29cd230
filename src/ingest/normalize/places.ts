/**
 * Place names `parseLocation` recognises. Only what job boards put in a location field: states,
 * provinces, UK counties and the countries postings come from, not a gazetteer.
 * Keys are lower case.
 */

/** US states, DC and Puerto Rico: code → name. */
export const US_STATES: Readonly<Record<string, string>> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado',
  CT: 'Connecticut', DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia',
  HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas',
  KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts',
  MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico',
  NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma',
  OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota',
  TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont', VA: 'Virginia', WA: 'Washington',
  WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming', PR: 'Puerto Rico',
};

/** Canadian provinces and territories: code → name. */
export const CANADIAN_PROVINCES: Readonly<Record<string, string>> = {
  AB: 'Alberta', BC: 'British Columbia', MB: 'Manitoba', NB: 'New Brunswick',
  NL: 'Newfoundland and Labrador', NS: 'Nova Scotia', NT: 'Northwest Territories', NU: 'Nunavut',
  ON: 'Ontario', PE: 'Prince Edward Island', QC: 'Quebec', SK: 'Saskatchewan', YT: 'Yukon',
};

/**
 * UK counties and regions as NHS Jobs writes them after a town ("Chertsey, Surrey"). Names that
 * are also towns (Durham, Bristol, York) are left out: there the town is the likelier reading.
 */
export const UK_REGIONS: ReadonlySet<string> = new Set(
  [
    'Bedfordshire', 'Berkshire', 'Buckinghamshire', 'Cambridgeshire', 'Cheshire', 'Cornwall',
    'County Durham', 'Cumbria', 'Derbyshire', 'Devon', 'Dorset', 'East Riding of Yorkshire',
    'East Sussex', 'Essex', 'Gloucestershire', 'Greater London', 'Greater Manchester', 'Hampshire',
    'Herefordshire', 'Hertfordshire', 'Isle of Wight', 'Kent', 'Lancashire', 'Leicestershire',
    'Lincolnshire', 'Merseyside', 'Middlesex', 'Norfolk', 'North Yorkshire', 'Northamptonshire',
    'Northumberland', 'Nottinghamshire', 'Oxfordshire', 'Rutland', 'Shropshire', 'Somerset',
    'South Yorkshire', 'Staffordshire', 'Suffolk', 'Surrey', 'Tyne and Wear', 'Warwickshire',
    'West Midlands', 'West Sussex', 'West Yorkshire', 'Wiltshire', 'Worcestershire',
    'East Yorkshire', 'Yorkshire', 'Cleveland', 'Teesside', 'Sussex', 'Wessex', 'East Midlands',
    'East Anglia', 'North Hampshire', 'South and West Devon',
    'Anglesey', 'Gwynedd', 'Conwy', 'Denbighshire', 'Flintshire', 'Powys', 'Ceredigion',
    'Pembrokeshire', 'Carmarthenshire', 'Monmouthshire', 'Glamorgan', 'Vale of Glamorgan', 'Gwent',
    'Lanarkshire', 'Ayrshire', 'Fife', 'Lothian', 'Aberdeenshire', 'Perthshire', 'Highland',
    'County Antrim', 'County Down', 'County Armagh', 'County Tyrone', 'County Fermanagh',
  ].map((name) => name.toLowerCase()),
);

/** Country names, spellings and codes → ISO 3166-1 alpha-2. */
export const COUNTRIES: Readonly<Record<string, string>> = {
  'united states': 'US', 'united states of america': 'US', usa: 'US', 'u.s.': 'US', 'u.s.a.': 'US',
  us: 'US', america: 'US',
  'united kingdom': 'GB', uk: 'GB', 'u.k.': 'GB', gb: 'GB', 'great britain': 'GB', britain: 'GB',
  england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB',
  canada: 'CA', ireland: 'IE', 'republic of ireland': 'IE', australia: 'AU', 'new zealand': 'NZ',
  germany: 'DE', france: 'FR', spain: 'ES', italy: 'IT', netherlands: 'NL', 'the netherlands': 'NL',
  belgium: 'BE', switzerland: 'CH', austria: 'AT', sweden: 'SE', norway: 'NO', denmark: 'DK',
  finland: 'FI', poland: 'PL', portugal: 'PT', india: 'IN', china: 'CN', japan: 'JP',
  'south korea': 'KR', korea: 'KR', singapore: 'SG', 'hong kong': 'HK', bermuda: 'BM', israel: 'IL',
  mexico: 'MX', brazil: 'BR', 'south africa': 'ZA', 'united arab emirates': 'AE', uae: 'AE',
  // Not Jersey or Guernsey: NHS Jobs gives them as towns in GB, and a town is what is meant.
};

/** Alpha-2 codes accepted as written in a country field ("GB", "us"). */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(Object.values(COUNTRIES));
