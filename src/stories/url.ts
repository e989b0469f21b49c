/**
 * URL canonicalisation for copy detection: two URLs that name the same article compare
 * equal after `canonicalUrl`. Removes tracking parameters, AMP and mobile variants,
 * default ports, fragments and trailing slashes; lower-cases the host; sorts the query.
 */
import { NewsBiteError } from '../errors.js';

/** Query parameters that only track a click, never select content. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'mc_cid',
  'mc_eid',
  'mkt_tok',
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  'hsctatracking',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  'ncid',
  'ocid',
  'cmpid',
  'cmp',
  'icid',
  'ito',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'via',
  's_cid',
  's_kwcid',
  'smid',
  'smtyp',
  'sr_share',
  'rss',
  'outputtype',
  'amp',
  'amp_js_v',
  'amp_gsa',
  'usqp',
  '_ga',
  '_gl',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
]);

/** Prefixes of tracking parameter families (utm_source, utm_medium, pk_campaign, …). */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'piwik_', 'hmb_', 'ga_', 'at_', 'oly_', 'trk_', 'spm'];

/** Host prefixes that serve the same articles as the bare host (www., mobile and AMP editions). */
const MOBILE_HOST_PREFIXES = ['www.', 'm.', 'mobile.', 'amp.', 'mobil.', 'touch.'];

function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p));
}

/**
 * Unwraps AMP cache URLs: https://example-com.cdn.ampproject.org/c/s/example.com/a → https://example.com/a
 * and https://www.google.com/amp/s/example.com/a → https://example.com/a.
 */
function unwrapAmpCache(url: URL): URL {
  const host = url.hostname.toLowerCase();
  const viaCache = host.endsWith('.cdn.ampproject.org') || host === 'cdn.ampproject.org';
  const viaGoogle = /^(www\.)?google\.[a-z.]+$/.test(host) && url.pathname.startsWith('/amp/');
  if (!viaCache && !viaGoogle) return url;
  // Path shape: /c/s/host/path, /v/s/host/path, /i/s/host/path, /amp/s/host/path ("s" = https).
  const match = /^\/(?:[a-z]\/|amp\/)?(?:(?:[a-z]\/)*)?(s\/)?(.+)$/.exec(url.pathname);
  if (!match) return url;
  const scheme = match[1] ? 'https' : 'http';
  try {
    return new URL(`${scheme}://${match[2]}${url.search}`);
  } catch {
    return url;
  }
}

/** The canonical form of an article URL; throws NewsBiteError for a string that is not an http(s) URL. */
export function canonicalUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new NewsBiteError('INPUT_INVALID', `canonicalUrl: "${input.slice(0, 200)}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NewsBiteError('INPUT_INVALID', `canonicalUrl: "${input.slice(0, 200)}" is not an http(s) URL`);
  }
  url = unwrapAmpCache(url);

  let host = url.hostname.toLowerCase().replace(/\.$/, '');
  for (;;) {
    const prefix = MOBILE_HOST_PREFIXES.find((p) => host.startsWith(p) && host.split('.').length > 2);
    if (!prefix) break;
    host = host.slice(prefix.length);
  }
  // One scheme for the same article: https wins over http.
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';

  let path = url.pathname.replace(/\/{2,}/g, '/');
  // AMP path variants: /amp, /amp/, /amp.html, /article.amp, /amp/article
  path = path
    .replace(/\/amp(\.html?)?\/?$/i, '/')
    .replace(/\.amp(\.html?)?$/i, '$1')
    .replace(/^\/amp\//i, '/')
    .replace(/\/amp\//gi, '/');
  path = path.replace(/\/index\.(html?|php|aspx?)$/i, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');

  const params = [...url.searchParams.entries()].filter(([name]) => !isTrackingParam(name));
  params.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';

  return `https://${host}${port}${path}${query}`;
}

/** The registrable-ish host of a URL (lower case, no www./m.), or undefined when unparsable. */
export function hostOf(input: string | undefined): string | undefined {
  if (!input) return undefined;
  try {
    return new URL(canonicalUrl(input)).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}
