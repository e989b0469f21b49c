/**
 * A small, maintained gazetteer: general knowledge about places, well-known organisations,
 * news outlets, titles and role nouns. It types capitalised spans the chunker finds; it is not
 * a list of answers for any article. Extend freely (keep entries in canonical spelling).
 */

const COUNTRIES =
  'Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|Bahrain|' +
  'Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia and Herzegovina|Bosnia|Botswana|Brazil|' +
  'Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|Chad|Chile|' +
  'China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica|' +
  'Dominican Republic|Ecuador|Egypt|El Salvador|England|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|' +
  'Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras|' +
  'Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|' +
  'Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|' +
  'Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|Moldova|Monaco|Mongolia|' +
  'Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|' +
  'North Korea|North Macedonia|Northern Ireland|Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|' +
  'Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia|Scotland|' +
  'Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Korea|' +
  'South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|' +
  'Togo|Tonga|Trinidad and Tobago|Tunisia|Turkey|Türkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|' +
  'United Kingdom|United States|Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|Vietnam|Wales|Yemen|Zambia|Zimbabwe';

const US_STATES =
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois|' +
  'Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|' +
  'Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York State|North Carolina|North Dakota|Ohio|' +
  'Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|' +
  'West Virginia|Wisconsin|Wyoming';

const CITIES =
  'Abu Dhabi|Accra|Addis Ababa|Adelaide|Amsterdam|Ankara|Athens|Atlanta|Auckland|Baghdad|Baltimore|Bangkok|' +
  'Barcelona|Beijing|Beirut|Belfast|Belgrade|Berlin|Birmingham|Bogota|Boston|Brisbane|Brussels|Bucharest|Budapest|' +
  'Buenos Aires|Cairo|Calgary|Canberra|Cape Town|Caracas|Chicago|Copenhagen|Dallas|Damascus|Delhi|Denver|Detroit|' +
  'Doha|Dubai|Dublin|Edinburgh|Frankfurt|Geneva|Glasgow|Hamburg|Hanoi|Havana|Helsinki|Hong Kong|Honolulu|Houston|' +
  'Islamabad|Istanbul|Jakarta|Jerusalem|Johannesburg|Kabul|Karachi|Kharkiv|Kyiv|Kiev|Lagos|Las Vegas|Lima|Lisbon|' +
  'Liverpool|London|Los Angeles|Madrid|Manchester|Manila|Melbourne|Mexico City|Miami|Milan|Minsk|Montreal|Moscow|' +
  'Mumbai|Munich|Nairobi|New Delhi|New Orleans|New York|New York City|Odesa|Odessa|Oslo|Ottawa|Paris|Perth|' +
  'Philadelphia|Phoenix|Pittsburgh|Prague|Pyongyang|Rio de Janeiro|Riyadh|Rome|San Diego|San Francisco|Santiago|' +
  'Sao Paulo|São Paulo|Seattle|Seoul|Shanghai|Singapore|St Petersburg|Stockholm|Sydney|Taipei|Tehran|Tel Aviv|' +
  'Tokyo|Toronto|Vancouver|Vienna|Warsaw|Washington|Wellington|Zurich|Silicon Valley|Wall Street|Westminster|' +
  'Brussels|Strasbourg|The Hague|Hollywood';

const REGIONS =
  'Africa|Antarctica|Arctic|Asia|Europe|North America|South America|Latin America|Central America|Oceania|' +
  'Middle East|Balkans|Baltics|Caribbean|Scandinavia|Siberia|Crimea|Donbas|Donbass|Donetsk|Luhansk|Gaza|' +
  'Gaza Strip|West Bank|Golan Heights|Kashmir|Tibet|Xinjiang|Kurdistan|Chechnya|Sahara|Sahel|Himalayas|' +
  'Pacific|Atlantic|Indian Ocean|Mediterranean|Black Sea|Baltic Sea|South China Sea|Red Sea|Persian Gulf|' +
  'Gulf|Patagonia|Queensland|New South Wales|Ontario|Quebec|British Columbia|Bavaria|Catalonia|' +
  'Kent|Yorkshire|Cornwall|Texas Panhandle|Midwest|Appalachia|New England';

/** Organisations, with their usual aliases (alias → canonical). */
const ORGANISATIONS: Record<string, string[]> = {
  NASA: [],
  Pentagon: [],
  Kremlin: [],
  'White House': [],
  Congress: [],
  Senate: [],
  'House of Representatives': [],
  Parliament: [],
  'Downing Street': [],
  'Supreme Court': [],
  'State Department': [],
  'Justice Department': ['Department of Justice', 'DOJ'],
  'Defense Department': ['Department of Defense', 'DoD'],
  'Department of Homeland Security': ['DHS'],
  FBI: [],
  CIA: [],
  NSA: [],
  'European Union': ['EU'],
  'European Commission': [],
  'United Nations': ['UN', 'U.N.'],
  NATO: ['Nato'],
  WHO: ['World Health Organization'],
  IMF: ['International Monetary Fund'],
  'World Bank': [],
  'Federal Reserve': ['Fed'],
  'Bank of England': [],
  'European Central Bank': ['ECB'],
  OPEC: [],
  'Red Cross': [],
  Hamas: [],
  Hezbollah: [],
  Taliban: [],
  'Islamic State': ['ISIS', 'ISIL'],
  'al-Qaeda': ['al Qaeda', 'Al Qaeda'],
  'Republican Party': ['GOP', 'Republicans'],
  'Democratic Party': ['Democrats'],
  'Labour Party': ['Labour'],
  'Conservative Party': ['Tories'],
  Apple: [],
  Google: [],
  Alphabet: [],
  Microsoft: [],
  Amazon: [],
  Meta: ['Facebook'],
  Instagram: [],
  WhatsApp: [],
  Twitter: [],
  TikTok: [],
  YouTube: [],
  Netflix: [],
  Tesla: [],
  SpaceX: [],
  Starlink: [],
  OpenAI: [],
  Nvidia: [],
  Intel: [],
  Samsung: [],
  Huawei: [],
  Boeing: [],
  Airbus: [],
  Toyota: [],
  Volkswagen: [],
  'General Motors': ['GM'],
  Ford: [],
  Walmart: [],
  'Goldman Sachs': [],
  'JPMorgan Chase': ['JPMorgan', 'JP Morgan'],
  'Morgan Stanley': [],
  BlackRock: [],
  Gazprom: [],
  Rosneft: [],
  'Premier League': [],
  FIFA: [],
  UEFA: [],
  IOC: ['International Olympic Committee'],
  'Manchester United': [],
  'Manchester City': [],
  'Real Madrid': [],
  Barcelona: [],
  Chelsea: [],
  Arsenal: [],
  Liverpool: [],
  'Harvard University': ['Harvard'],
  'Oxford University': ['University of Oxford'],
  'Cambridge University': ['University of Cambridge'],
  MIT: [],
};

/** News outlets (alias → canonical); also organisations. */
const OUTLETS: Record<string, string[]> = {
  'Wall Street Journal': ['WSJ', 'The Wall Street Journal'],
  'New York Times': ['NYT', 'The New York Times'],
  'Washington Post': ['The Washington Post'],
  'Financial Times': ['FT'],
  Reuters: [],
  'Associated Press': ['AP'],
  AFP: ['Agence France-Presse'],
  Bloomberg: [],
  BBC: [],
  CNN: [],
  'Fox News': [],
  NBC: ['NBC News'],
  CBS: ['CBS News'],
  ABC: ['ABC News'],
  MSNBC: [],
  NPR: [],
  Politico: [],
  Axios: [],
  'The Guardian': ['Guardian'],
  'The Times': [],
  'The Telegraph': ['Telegraph'],
  'Daily Mail': ['Mail Online', 'MailOnline'],
  'The Sun': [],
  'The Economist': ['Economist'],
  'The Atlantic': [],
  'The New Yorker': [],
  Vox: [],
  'USA Today': [],
  'Los Angeles Times': ['LA Times'],
  'Sky News': [],
  'Al Jazeera': [],
  'Der Spiegel': ['Spiegel'],
  'Le Monde': [],
  TASS: [],
  'RIA Novosti': [],
  RT: ['Russia Today'],
  Xinhua: [],
  'The Information': [],
  'Business Insider': [],
  'The Verge': [],
  TechCrunch: [],
  Wired: [],
  'Herald Sun': [],
  'News Corp': [],
};

/** Personal titles: a capitalised span that starts with one of these names a person. */
export const TITLES = new Set(
  (
    'President|Vice President|Prime Minister|Deputy Prime Minister|Chancellor|Minister|Secretary|Senator|Sen.|' +
    'Representative|Rep.|Congressman|Congresswoman|Governor|Gov.|Mayor|Judge|Justice|King|Queen|Prince|Princess|' +
    'Pope|Archbishop|Bishop|Cardinal|Rabbi|Imam|General|Gen.|Colonel|Col.|Major|Captain|Capt.|Lieutenant|Lt.|' +
    'Sergeant|Sgt.|Admiral|Commander|Chief|Dr|Dr.|Doctor|Professor|Prof.|Mr|Mr.|Mrs|Mrs.|Ms|Ms.|Mx|Sir|Dame|Lord|' +
    'Lady|Speaker|Ambassador|Attorney General|Defense Secretary|Foreign Minister|Foreign Secretary|Home Secretary|' +
    'Sheikh|Crown Prince|Emperor|Premier|Leader|Founder|CEO|Chairman|Chairwoman|Director|Coach|Manager|Detective|' +
    'Officer|Inspector|Superintendent|Constable|Father|Sister|Brother|Reverend|Rev.|Saint|St|Executive|' +
    'Chief Executive|President-elect|Vice-President|Spokesman|Spokeswoman'
  ).split('|'),
);

/** Lowercase role nouns that, right before a capitalised name, mark it as a person ("spokesman Dmitry Peskov"). */
export const ROLE_NOUNS = new Set(
  (
    'spokesman spokeswoman spokesperson president minister secretary chancellor senator governor mayor ' +
    'commentator host presenter anchor journalist reporter correspondent editor columnist writer author ' +
    'actor actress singer rapper musician star player striker midfielder defender goalkeeper coach manager ' +
    'boss chief executive ceo founder co-founder chairman chairwoman director adviser advisor aide analyst ' +
    'economist scientist researcher professor doctor lawyer attorney prosecutor judge officer detective ' +
    'businessman businesswoman billionaire entrepreneur investor tycoon mogul leader candidate nominee ' +
    'lawmaker legislator politician diplomat ambassador envoy general commander colonel captain premier ' +
    'son daughter wife husband mother father brother sister widow friend colleague rival opponent ' +
    'teacher student pilot driver victim suspect witness owner'
  ).split(' '),
);

/** Adjectives of nationality: modifiers, not entities ("Russian President …"). */
export const DEMONYMS = new Set(
  (
    'American|Russian|Chinese|British|English|Scottish|Welsh|Irish|French|German|Italian|Spanish|Portuguese|' +
    'Ukrainian|Ukrainians|Russians|Americans|Europeans|Brazilian|Argentine|Argentinian|Mexican|Canadian|Australian|' +
    'Japanese|Korean|Indian|Pakistani|Iranian|Iraqi|Israeli|Palestinian|Syrian|Turkish|Saudi|Egyptian|African|' +
    'European|Asian|Western|Eastern|Northern|Southern|Dutch|Belgian|Swiss|Swedish|Norwegian|Danish|Finnish|Polish|' +
    'Hungarian|Greek|Austrian|Czech|Nigerian|Kenyan|Taiwanese|Vietnamese|Thai|Filipino|Indonesian|Venezuelan|' +
    'Colombian|Chilean|Peruvian|Cuban|Afghan|Belarusian|Georgian|Serbian|Croatian|Romanian|Bulgarian|Lebanese|' +
    'Jordanian|Qatari|Emirati|Yemeni|Libyan|Sudanese|Ethiopian|Somali|Muslim|Christian|Jewish|Catholic|' +
    'Democratic|Republican|Conservative|Liberal|Soviet|Arab|Latino|Hispanic|Kurdish|Sunni|Shia|Shiite'
  ).split('|'),
);

export type GazetteerType = 'place' | 'organisation';

export interface GazetteerEntry {
  canonical: string;
  type: GazetteerType;
  outlet?: boolean;
}

function build(): Map<string, GazetteerEntry> {
  const map = new Map<string, GazetteerEntry>();
  const add = (name: string, entry: GazetteerEntry) => {
    if (!map.has(name.toLowerCase())) map.set(name.toLowerCase(), entry);
  };
  for (const list of [COUNTRIES, US_STATES, CITIES, REGIONS]) {
    for (const name of list.split('|')) add(name, { canonical: name, type: 'place' });
  }
  const placeAliases: Record<string, string> = {
    US: 'United States',
    'U.S.': 'United States',
    USA: 'United States',
    'U.S.A.': 'United States',
    America: 'United States',
    UK: 'United Kingdom',
    'U.K.': 'United Kingdom',
    Britain: 'United Kingdom',
    'Great Britain': 'United Kingdom',
    UAE: 'United Arab Emirates',
    DRC: 'Congo',
    Holland: 'Netherlands',
    Burma: 'Myanmar',
  };
  for (const [alias, canonical] of Object.entries(placeAliases)) add(alias, { canonical, type: 'place' });
  for (const [canonical, aliases] of Object.entries(OUTLETS)) {
    for (const name of [canonical, ...aliases]) add(name, { canonical, type: 'organisation', outlet: true });
  }
  for (const [canonical, aliases] of Object.entries(ORGANISATIONS)) {
    for (const name of [canonical, ...aliases]) add(name, { canonical, type: 'organisation' });
  }
  return map;
}

/** Lowercased name or alias → entry. */
export const GAZETTEER: ReadonlyMap<string, GazetteerEntry> = build();

/** Last words that make a span an organisation ("… Ministry", "… Inc"). */
export const ORGANISATION_SUFFIXES = new Set(
  (
    'Inc|Inc.|Corp|Corp.|Corporation|Ltd|Ltd.|LLC|PLC|plc|Group|Company|Co|Co.|Holdings|Bank|University|College|' +
    'School|Agency|Party|Council|Ministry|Department|Office|Commission|Committee|Court|Police|Army|Navy|Forces|' +
    'Force|Guard|Service|Services|Network|Media|Airlines|Airways|Association|Foundation|Institute|Institution|' +
    'Society|Union|Federation|League|Club|FC|Times|Post|Journal|News|Herald|Tribune|Gazette|Magazine|Press|' +
    'Studios|Records|Labs|Technologies|Systems|Motors|Energy|Oil|Pharmaceuticals|Hospital|Museum|Trust|Fund|' +
    'Authority|Board|Bureau|Administration|Parliament|Assembly|Senate|Congress|Cabinet|Government|Organisation|' +
    'Organization|Alliance|Coalition|Movement|Brigade|Battalion|Regiment|Church|Team'
  ).split('|'),
);

/** Last words that make a span a place ("Black Sea", "Hyde Park"). */
export const PLACE_SUFFIXES = new Set(
  (
    'Sea|Ocean|River|Lake|Mountain|Mountains|Mount|Island|Islands|Bay|Gulf|Valley|Desert|Forest|Park|Street|' +
    'Avenue|Road|Square|Bridge|County|Province|Region|State|City|Town|Village|District|Peninsula|Strait|Coast|' +
    'Beach|Airport|Station|Canal|Heights|Hills'
  ).split('|'),
);
