/**
 * Which IP addresses the fetcher may connect to. A feed URL is untrusted input: without this
 * check it could make NewsBite read the user's router, cloud metadata service or local admin
 * pages (SSRF). Only globally routable unicast addresses pass, unless the configured
 * allow-list names the host, the address or a range containing it.
 */
import ipaddr from 'ipaddr.js';
import { NewsBiteError } from '../errors.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Parses an IP literal, with or without the brackets URLs put around IPv6; null if not an IP. */
export function parseIp(text: string): Address | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  // isValid accepts odd IPv4 forms ("0x7f.1"); the URL parser has already normalised those
  // in hostnames, and for DNS answers Node only returns canonical forms.
  if (!ipaddr.isValid(bare)) return null;
  try {
    return ipaddr.parse(bare);
  } catch {
    return null;
  }
}

/** The IPv4 address embedded in an IPv6 address of a translation/tunnel scheme, if any. */
function embeddedIPv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4[] {
  const p = address.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  switch (range) {
    case '6to4': // 2002:AABB:CCDD::/48
      return [v4(p[1], p[2])];
    case 'teredo': // 2001:0:SERVER:..:~CLIENT — both ends are IPv4 hosts that will see traffic
      return [v4(p[2], p[3]), v4(p[6] ^ 0xffff, p[7] ^ 0xffff)];
    case 'rfc6052': // NAT64 64:ff9b::/96 (DNS64 networks give every IPv4 host such an address)
      return [v4(p[6], p[7])];
    default:
      return [];
  }
}

/**
 * Why an address is not publicly routable, or null when it is. IPv4-mapped (::ffff:a.b.c.d)
 * and IPv4-compatible (::a.b.c.d) forms are refused outright: no honest DNS answer uses them,
 * and some stacks route them to the embedded IPv4 address. 6to4, Teredo and NAT64 addresses
 * are judged by the IPv4 addresses they wrap.
 */
export function nonPublicReason(address: Address): string | null {
  const range = address.range();
  if (address.kind() === 'ipv4') return range === 'unicast' ? null : `${range} address`;
  const v6 = address as ipaddr.IPv6;
  if (range === 'ipv4Mapped' || range === 'rfc6145') return 'IPv4-mapped IPv6 address';
  const p = v6.parts;
  if (
    range === 'unicast' &&
    p[0] === 0 &&
    p[1] === 0 &&
    p[2] === 0 &&
    p[3] === 0 &&
    p[4] === 0 &&
    p[5] === 0
  ) {
    return 'IPv4-compatible IPv6 address';
  }
  const wrapped = embeddedIPv4(v6, range);
  if (wrapped.length > 0) {
    for (const inner of wrapped) {
      const reason = nonPublicReason(inner);
      if (reason) return `${range} address wrapping a ${reason}`;
    }
    return null;
  }
  return range === 'unicast' ? null : `${range} address`;
}

/** Parsed form of config.fetch.allowPrivate: host names, single addresses and CIDR ranges. */
export interface AllowList {
  hosts: Set<string>;
  ranges: [Address, number][];
}

export function parseAllowList(entries: readonly string[]): AllowList {
  const list: AllowList = { hosts: new Set(), ranges: [] };
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes('/')) {
      const [ip, bits] = entry.split('/');
      const address = parseIp(ip);
      const prefix = Number(bits);
      const max = address?.kind() === 'ipv4' ? 32 : 128;
      if (!address || !/^\d+$/.test(bits) || prefix > max) {
        throw new NewsBiteError('CONFIG_INVALID', `allowPrivate entry "${raw}" is not a valid CIDR range`);
      }
      list.ranges.push([address, prefix]);
      continue;
    }
    const address = parseIp(entry);
    if (address) {
      list.ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9_.-]+$/.test(entry)) {
      list.hosts.add(entry.replace(/\.$/, ''));
    } else {
      throw new NewsBiteError(
        'CONFIG_INVALID',
        `allowPrivate entry "${raw}" is not a host name, IP or CIDR range`,
      );
    }
  }
  return list;
}

function inRange(address: Address, [base, prefix]: [Address, number]): boolean {
  return address.kind() === base.kind() && address.match(base, prefix);
}

/**
 * The reason to refuse connecting to `address` (reached through `hostname`), or null when
 * allowed. An allow-listed host name permits whatever it resolves to; an allow-listed
 * address or range permits exactly those addresses, whatever name led there.
 */
export function refusalReason(hostname: string, address: Address, allow: AllowList): string | null {
  const reason = nonPublicReason(address);
  if (!reason) return null;
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (allow.hosts.has(host)) return null;
  if (allow.ranges.some((range) => inRange(address, range))) return null;
  return `${address.toString()} is a ${reason} (add it to allowPrivate to fetch from your own network)`;
}
