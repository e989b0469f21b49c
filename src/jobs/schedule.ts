/**
 * When to poll a feed next. Pure functions: the poller passes the clock.
 *
 * Interval = the median gap between the feed's recent entries (a feed posting hourly is polled
 * hourly; one posting weekly, about weekly), never sooner than the feed asks (RSS <ttl>,
 * Cache-Control max-age), clamped to config.poll min/max. After a failure the interval doubles
 * per consecutive error (capped at max), and a server's Retry-After is honoured.
 */
import type { PollConfig } from '../config.js';

/** How many recent entries the median gap looks at. */
export const RECENT_ENTRIES = 20;
/** Feeds whose entries carry no dates start here (clamped). */
export const UNKNOWN_FREQUENCY_SEC = 3600;
/** Doublings before the back-off stops growing (2^8 × interval, then capped at max anyway). */
const MAX_DOUBLINGS = 8;

export interface IntervalInputs {
  /** Entry dates (ISO); undated entries are left out. */
  entryDates: (string | undefined)[];
  /** RSS <ttl>, in minutes. */
  ttlMinutes?: number;
  /** Cache-Control max-age of the feed response, in seconds. */
  maxAgeSec?: number;
  now: Date;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Median gap (seconds) between the most recent dated entries, or undefined when fewer than two. */
export function medianGapSec(entryDates: (string | undefined)[], now: Date): number | undefined {
  const times = entryDates
    .map((d) => (d ? Date.parse(d) : Number.NaN))
    // Future dates are typos or time-zone slips; they would shrink the gaps.
    .filter((t) => Number.isFinite(t) && t <= now.getTime() + 3600_000)
    .sort((a, b) => b - a)
    .slice(0, RECENT_ENTRIES);
  if (times.length < 2) return undefined;
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) gaps.push((times[i - 1] - times[i]) / 1000);
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

/** The next regular interval (seconds) for a feed that was fetched successfully. */
export function pollInterval(
  inputs: IntervalInputs,
  config: Pick<PollConfig, 'minIntervalSec' | 'maxIntervalSec'>,
): number {
  const gap = medianGapSec(inputs.entryDates, inputs.now);
  let interval = gap ?? UNKNOWN_FREQUENCY_SEC;
  // A feed that has gone quiet for longer than its usual gap is probably slowing down.
  const newest = Math.max(
    ...inputs.entryDates.map((d) => (d ? Date.parse(d) : Number.NaN)).filter(Number.isFinite),
  );
  if (gap !== undefined && Number.isFinite(newest)) {
    const quietSec = (inputs.now.getTime() - newest) / 1000;
    if (quietSec > gap) interval = Math.max(interval, quietSec / 4);
  }
  const askedSec = Math.max(inputs.ttlMinutes ? inputs.ttlMinutes * 60 : 0, inputs.maxAgeSec ?? 0);
  interval = Math.max(interval, askedSec);
  return Math.round(clamp(interval, config.minIntervalSec, config.maxIntervalSec));
}

/** Delay (seconds) before retrying a feed after `errorCount` consecutive failures (≥ 1). */
export function backoffSec(
  errorCount: number,
  intervalSec: number,
  config: Pick<PollConfig, 'minIntervalSec' | 'maxIntervalSec'>,
  retryAfterSec?: number,
): number {
  const base = clamp(intervalSec, config.minIntervalSec, config.maxIntervalSec);
  const doubled = base * 2 ** Math.min(Math.max(errorCount - 1, 0), MAX_DOUBLINGS);
  const delay = Math.max(doubled, retryAfterSec ?? 0);
  return Math.round(clamp(delay, config.minIntervalSec, config.maxIntervalSec));
}

/** `max-age` of a Cache-Control header, in seconds. */
export function cacheMaxAgeSec(headers: Record<string, string>): number | undefined {
  const value = Object.entries(headers).find(([k]) => k.toLowerCase() === 'cache-control')?.[1];
  if (!value) return undefined;
  if (/\b(no-cache|no-store)\b/i.test(value)) return undefined;
  // max-age only: s-maxage is for shared caches, and we are a private client.
  const match = /(?:^|[\s,])max-age\s*=\s*"?(\d+)/i.exec(value);
  return match ? Number(match[1]) : undefined;
}
