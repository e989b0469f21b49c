/**
 * Naming publishers from URLs: a maintained table of news publishers by registrable domain,
 * and a readable fallback built from the domain itself. Used for syndication credits
 * ("Original URL: https://www.heraldsun.com.au/…" → Herald Sun) by the text source and
 * the extractor.
 */
import { PUBLISHERS } from './publishers-data.js';

/** Second-level labels under which sites register (example.co.uk, example.com.au …). */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'gv', 'or', 'ne', 'go', 'nic', 'in']);

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
    .map((w) => (w.length <= 3 && !/[aeiou]/.test(w) ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)))
    .join(' ');
}

let byName: Map<string, string> | undefined;

function nameKey(name: string): string {
  return name.toLowerCase().replace(/^the\s+/, '').replace(/[’']/g, "'").trim();
}

/**
 * The table's spelling of a publisher named in prose ("the Herald Sun" → "Herald Sun",
 * "the sydney morning herald" → "The Sydney Morning Herald"); unknown names are kept,
 * with a sentence-initial "the" capitalised.
 */
export function canonicalPublisherName(name: string): string {
  if (!byName) {
    byName = new Map();
    for (const value of Object.values(PUBLISHERS)) if (!byName.has(nameKey(value))) byName.set(nameKey(value), value);
  }
  return byName.get(nameKey(name)) ?? name.replace(/^the\s/, 'The ');
}
