/** Retry rules: which failures are worth another try, and how long to wait before it. */

/** Statuses that mean "try again later" rather than "this will never work". */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * Network-level failures worth retrying: the connection dropped or could not be made.
 * Header and body timeouts are not retried — the server is up but slow, and a retry would
 * hold a worker for another full timeout.
 */
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export function isRetryableNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

/**
 * Parses Retry-After (delta-seconds or an HTTP date) into milliseconds from `now`;
 * undefined when absent or unparseable. Dates in the past mean "now" (0).
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only the formats HTTP allows (IMF-fixdate and the two obsolete ones) contain a weekday
  // or month name; refuse bare numbers with signs/decimals that Date.parse would accept.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * Exponential backoff with jitter: attempt 0 waits about `baseMs`, each later attempt twice
 * as long, each wait drawn from [half, full] so many clients hit by the same outage spread out.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const full = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(full / 2 + (random() * full) / 2);
}
