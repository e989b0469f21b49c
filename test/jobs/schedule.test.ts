import { describe, expect, it } from 'vitest';
import { backoffSec, cacheMaxAgeSec, medianGapSec, pollInterval } from '../../src/jobs/schedule.js';

const now = new Date('2026-06-01T12:00:00Z');
const config = { minIntervalSec: 300, maxIntervalSec: 86_400 };
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000).toISOString();

describe('pollInterval', () => {
  it('follows the median gap between recent entries', () => {
    const dates = [0.5, 2.5, 4.5, 6.5, 8.5].map(hoursAgo);
    expect(medianGapSec(dates, now)).toBe(2 * 3600);
    expect(pollInterval({ entryDates: dates, now }, config)).toBe(2 * 3600);
  });

  it('is robust to one burst or one long pause', () => {
    const dates = [0.2, 1.2, 1.21, 2.2, 3.2, 4.2, 30].map(hoursAgo);
    expect(pollInterval({ entryDates: dates, now }, config)).toBe(3600);
  });

  it('clamps to the configured bounds', () => {
    const burst = Array.from({ length: 10 }, (_, i) => hoursAgo(i / 60));
    expect(pollInterval({ entryDates: burst, now }, config)).toBe(300);
    const weekly = [1, 8, 15, 22].map((d) => hoursAgo(d * 24));
    expect(pollInterval({ entryDates: weekly, now }, config)).toBe(86_400);
  });

  it('slows down for a feed that has gone quiet', () => {
    const old = [48, 49, 50, 51].map(hoursAgo);
    expect(pollInterval({ entryDates: old, now }, config)).toBe(12 * 3600);
  });

  it('never polls sooner than ttl or max-age ask, and ignores undated and future entries', () => {
    const hourly = [0.5, 1.5, 2.5, 3.5].map(hoursAgo);
    expect(pollInterval({ entryDates: hourly, ttlMinutes: 120, now }, config)).toBe(7200);
    expect(pollInterval({ entryDates: hourly, maxAgeSec: 10_800, now }, config)).toBe(10_800);
    expect(pollInterval({ entryDates: [undefined, hoursAgo(-48), hoursAgo(1)], now }, config)).toBe(3600);
  });
});

describe('backoffSec', () => {
  it('doubles per consecutive error from the interval, capped at the maximum', () => {
    expect(backoffSec(1, 600, config)).toBe(600);
    expect(backoffSec(2, 600, config)).toBe(1200);
    expect(backoffSec(4, 600, config)).toBe(4800);
    expect(backoffSec(30, 600, config)).toBe(86_400);
  });

  it('honours a longer Retry-After', () => {
    expect(backoffSec(1, 600, config, 7200)).toBe(7200);
    expect(backoffSec(3, 600, config, 60)).toBe(2400);
  });
});

describe('cacheMaxAgeSec', () => {
  it('reads max-age and ignores no-cache', () => {
    expect(cacheMaxAgeSec({ 'Cache-Control': 'public, max-age=900' })).toBe(900);
    expect(cacheMaxAgeSec({ 'cache-control': 's-maxage=60' })).toBeUndefined();
    expect(cacheMaxAgeSec({ 'cache-control': 'no-cache, max-age=900' })).toBeUndefined();
    expect(cacheMaxAgeSec({})).toBeUndefined();
  });
});
