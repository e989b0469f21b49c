import { describe, expect, it } from 'vitest';
import { NewsBiteError } from '../../errors.js';
import { nonPublicReason, parseAllowList, parseIp, refusalReason } from '../address-policy.js';
import { backoffDelay, parseRetryAfter } from '../retry.js';
import { checkUrl } from '../url-policy.js';

const ip = (text: string) => {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(`bad test address ${text}`);
  return parsed;
};
const none = parseAllowList([]);

describe('address policy', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.254',
    '0.0.0.0',
    '224.0.0.251',
    '255.255.255.255',
    '240.0.0.1',
    '192.0.2.10',
    '::',
    '::1',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    'fec0::1',
    '::ffff:127.0.0.1',
    '::ffff:8.8.8.8',
    '::127.0.0.1',
    '2002:7f00:1::1', // 6to4 wrapping 127.0.0.1
    '2002:a00:1::', // 6to4 wrapping 10.0.0.1
    '64:ff9b::a9fe:a9fe', // NAT64 of 169.254.169.254
    '2001:0:4136:e378:8000:63bf:f5ff:fffe', // Teredo, client 10.0.0.1 (obfuscated)
    '2001:db8::1',
  ])('refuses %s', (address) => {
    expect(nonPublicReason(ip(address))).not.toBeNull();
    expect(refusalReason('example.org', ip(address), none)).toMatch(/allowPrivate/);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '1.1.1.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '2002:5db8:d822::1', // 6to4 wrapping 93.184.216.34
    '64:ff9b::808:808', // NAT64 of 8.8.8.8
  ])('allows public %s', (address) => {
    expect(nonPublicReason(ip(address))).toBeNull();
  });

  it('allows private addresses named by the allow-list, and only those', () => {
    const allow = parseAllowList(['127.0.0.1', '10.1.0.0/16', 'nas.lan', 'FD00::/8']);
    expect(refusalReason('x', ip('127.0.0.1'), allow)).toBeNull();
    expect(refusalReason('x', ip('127.0.0.2'), allow)).not.toBeNull();
    expect(refusalReason('x', ip('10.1.200.3'), allow)).toBeNull();
    expect(refusalReason('x', ip('10.2.0.1'), allow)).not.toBeNull();
    expect(refusalReason('NAS.lan.', ip('192.168.1.5'), allow)).toBeNull();
    expect(refusalReason('other.lan', ip('192.168.1.5'), allow)).not.toBeNull();
    expect(refusalReason('x', ip('fd00::5'), allow)).toBeNull();
    // An allowed IPv4 address does not open its IPv4-mapped IPv6 form.
    expect(refusalReason('x', ip('::ffff:127.0.0.1'), allow)).not.toBeNull();
  });

  it.each(['10.0.0.0/33', '10.0.0.0/x', 'not a host', '::1/129', 'http://x/'])(
    'rejects the allow-list entry %s with CONFIG_INVALID',
    (entry) => {
      expect(() => parseAllowList([entry])).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    },
  );
});

describe('URL policy', () => {
  it.each([
    ['file:///etc/passwd', /scheme file:/],
    ['data:text/html,<p>hi</p>', /scheme data:/],
    ['ftp://ftp.example.org/feed.xml', /scheme ftp:/],
    ['javascript:alert(1)', /scheme javascript:/],
    ['gopher://example.org/', /scheme gopher:/],
    ['ws://example.org/', /scheme ws:/],
    ['not a url', /not a valid absolute URL/],
    ['/relative/feed.xml', /not a valid absolute URL/],
    ['http://user:secret@example.org/feed', /credentials/],
    ['http://127.0.0.1/', /loopback/],
    ['http://2130706433/', /loopback/], // decimal form of 127.0.0.1
    ['http://0x7f.1/', /loopback/],
    ['http://[::ffff:7f00:1]/', /IPv4-mapped/],
    ['http://169.254.169.254/latest/meta-data/', /linkLocal/],
  ])('refuses %s', (url, why) => {
    const error = (() => {
      try {
        checkUrl(url, none);
      } catch (e) {
        return e as NewsBiteError;
      }
      throw new Error('not refused');
    })();
    expect(error).toBeInstanceOf(NewsBiteError);
    expect(error.code).toBe('FETCH_REFUSED');
    expect(error.message).toMatch(why);
    expect(error.message).not.toContain('secret');
  });

  it('accepts http(s) URLs with public or host names and drops the fragment', () => {
    expect(checkUrl('https://example.org/feed.xml#top', none).href).toBe('https://example.org/feed.xml');
    expect(checkUrl('HTTP://Example.ORG:8080/a?b=1', none).href).toBe('http://example.org:8080/a?b=1');
    expect(checkUrl('http://93.184.216.34/', none).hostname).toBe('93.184.216.34');
  });
});

describe('retry rules', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });

  it('backs off exponentially within [half, full] of the step and never above the cap', () => {
    expect(backoffDelay(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelay(0, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelay(3, 100, 10_000, () => 1)).toBe(800);
    expect(backoffDelay(3, 100, 10_000, () => 0)).toBe(400);
    expect(backoffDelay(30, 100, 10_000, () => 1)).toBe(10_000);
  });
});
