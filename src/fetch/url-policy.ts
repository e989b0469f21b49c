/**
 * Checks a URL before any request is made: scheme, credentials, and IP-literal hosts (which
 * never pass through DNS, so the resolver-side guard would not see them).
 */
import { NewsBiteError } from '../errors.js';
import { type AllowList, parseIp, refusalReason } from './address-policy.js';

const ALLOWED_SCHEMES = new Set(['http:', 'https:']);

/** Parses and vets a URL to fetch; throws FETCH_REFUSED naming the URL and the reason. */
export function checkUrl(input: string | URL, allow: AllowList, base?: string): URL {
  let url: URL;
  try {
    url = new URL(String(input), base);
  } catch {
    throw new NewsBiteError('FETCH_REFUSED', `${String(input)}: not a valid absolute URL`);
  }
  const shown = redact(url);
  if (!ALLOWED_SCHEMES.has(url.protocol)) {
    throw new NewsBiteError(
      'FETCH_REFUSED',
      `${shown}: scheme ${url.protocol} is not allowed (only http and https)`,
    );
  }
  if (url.username || url.password) {
    // Refused rather than stripped: silently dropping them would fetch something else than
    // asked, and keeping them would store passwords in feed URLs and logs.
    throw new NewsBiteError(
      'FETCH_REFUSED',
      `${shown}: credentials in URLs are not allowed; send an Authorization header for this source instead`,
    );
  }
  const literal = parseIp(url.hostname);
  if (literal) {
    const reason = refusalReason(url.hostname, literal, allow);
    if (reason) throw new NewsBiteError('FETCH_REFUSED', `${shown}: ${reason}`);
  }
  url.hash = '';
  return url;
}

/** The URL as safe to show: credentials replaced. */
export function redact(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const copy = new URL(url.href);
  copy.username = '***';
  copy.password = '';
  return copy.href;
}
