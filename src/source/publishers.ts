/**
 * Naming publishers from URLs: a maintained table of news publishers by registrable domain,
 * and a readable fallback built from the domain itself. Used for syndication credits
 * ("Original URL: https://www.heraldsun.com.au/…" → Herald Sun) by the text source and
 * the extractor.
 */
import { PUBLISHERS } from './publishers-data.js';

/** Second-level labels under which sites register (example.co.uk, example.com.au …). */
const SECOND_LEVEL = new Set([
  'co',
  'com',
  'net',
  'org',
  'gov',
  'ac',
  'edu',
  'gv',
  'or',
  'ne',
  'go',
  'nic',
  'in',
]);

/** Lower-case host without "www." and mobile / AMP prefixes. */
export function bareHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^(www\d*|m|mobile|amp|edition|beta)\./, '');
}

/** The registrable domain of a host: "www.heraldsun.com.au" → "heraldsun.com.au". */
export function registrableDomain(host: string): string {
  const labels = bareHost(host).split('.');
  if (labels.length <= 2) return labels.join('.');
  const secondLast = labels[labels.length - 2];
  const take = SECOND_LEVEL.has(secondLast) && labels[labels.length - 1].length === 2 ? 3 : 2;
  return labels.slice(-take).join('.');
}

function hostOf(urlOrHost: string): string | undefined {
  const value = urlOrHost.trim();
  if (!value) return undefined;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`).hostname || undefined;
  } catch {
    return undefined;
  }
}

/** Known publisher name for a URL or host, if the table has it (most specific host first). */
export function knownPublisher(urlOrHost: string): string | undefined {
  const host = hostOf(urlOrHost);
  if (!host) return undefined;
  const bare = bareHost(host);
  const labels = bare.split('.');
  // Try "news.example.com" before "example.com", so sections with their own name win.
  for (let i = 0; i < labels.length - 1; i++) {
    const name = PUBLISHERS[labels.slice(i).join('.')];
    if (name) return name;
  }
  return undefined;
}

/**
 * A readable publisher name for a URL or host: the table's name when known, else the
 * domain's main label in title case ("some-local-news.org" → "Some Local News").
 */
export function publisherName(urlOrHost: string): string | undefined {
  const known = knownPublisher(urlOrHost);
  if (known) return known;
  const host = hostOf(urlOrHost);
  if (!host) return undefined;
  const domain = registrableDomain(host);
  const label = domain.split('.')[0];
  if (!label || /^\d+$/.test(label)) return domain;
  return label
    .split(/[-_]+/)
    .filter(Boolean)
    .flatMap(splitMastheadWords)
    .map((w) => (w.length <= 3 && !/[aeiou]/.test(w) ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)))
    .join(' ');
}

/** Words newspaper names end with, to split run-together domains ("riverbendtimes" → riverbend times). */
const MASTHEAD_WORDS = [
  'times',
  'herald',
  'post',
  'news',
  'daily',
  'tribune',
  'courier',
  'sentinel',
  'ledger',
  'gazette',
  'journal',
  'star',
  'sun',
  'mail',
  'chronicle',
  'express',
  'record',
  'observer',
  'examiner',
  'telegraph',
  'guardian',
  'standard',
  'register',
  'review',
  'press',
  'bulletin',
  'dispatch',
  'leader',
  'mercury',
  'advertiser',
  'globe',
  'monitor',
  'wire',
  'report',
  'reporter',
  'today',
  'weekly',
  'inquirer',
  'democrat',
  'republic',
  'citizen',
  'voice',
  'beacon',
  'banner',
  'enterprise',
  'argus',
  'statesman',
  'patriot',
  'pioneer',
  'messenger',
  'eagle',
  'insider',
  'digest',
  'media',
  'network',
];

function splitMastheadWords(label: string): string[] {
  const words: string[] = [];
  let rest = label.toLowerCase();
  // Peel masthead words off the end while a name of at least 3 letters stays in front.
  for (;;) {
    const word = MASTHEAD_WORDS.find((w) => rest.length >= w.length + 3 && rest.endsWith(w));
    if (!word) break;
    words.unshift(word);
    rest = rest.slice(0, -word.length);
  }
  if (rest.startsWith('the') && rest.length > 5 && words.length > 0) words.unshift('the', rest.slice(3));
  else words.unshift(rest);
  return words;
}

let byName: Map<string, string> | undefined;

function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[’']/g, "'")
    .trim();
}

function publishersByName(): Map<string, string> {
  if (!byName) {
    byName = new Map();
    for (const value of Object.values(PUBLISHERS))
      if (!byName.has(nameKey(value))) byName.set(nameKey(value), value);
  }
  return byName;
}

/** True when the table knows a publisher by this name ("the Herald Sun", "Reuters"). */
export function isKnownPublisherName(name: string): boolean {
  return publishersByName().has(nameKey(name));
}

/**
 * The table's spelling of a publisher named in prose ("the Herald Sun" → "Herald Sun",
 * "the sydney morning herald" → "The Sydney Morning Herald"); unknown names are kept,
 * with a sentence-initial "the" capitalised.
 */
export function canonicalPublisherName(name: string): string {
  return publishersByName().get(nameKey(name)) ?? name.replace(/^the\s/, 'The ');
}
