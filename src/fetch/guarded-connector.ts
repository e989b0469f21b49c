/**
 * The SSRF guard at the socket level. undici's connector hands our `lookup` to net/tls.connect,
 * so the addresses we vet are exactly the ones the socket then connects to — a DNS answer
 * cannot change between check and use (DNS rebinding). IP-literal hosts skip DNS, so the
 * connector checks those itself before dialling.
 */

import type { LookupAddress, LookupOptions } from 'node:dns';
import dns from 'node:dns';
import tls from 'node:tls';
import { buildConnector } from 'undici';
import { type AllowList, parseIp, refusalReason } from './address-policy.js';
import { AddressRefusedError } from './errors.js';

/** Resolves a host name to all its addresses (injectable so tests can fake DNS). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  dns.promises.lookup(hostname, { all: true, verbatim: true });

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A net.connect `lookup` that drops refused addresses and fails when none is left. */
export function guardedLookup(allow: AllowList, resolve: Resolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (found) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const candidates = found.filter((a) => wanted === 0 || a.family === wanted);
        const allowed: LookupAddress[] = [];
        let firstRefusal = '';
        for (const candidate of candidates) {
          const address = parseIp(candidate.address);
          const reason = address
            ? refusalReason(hostname, address, allow)
            : `${candidate.address} is not an IP`;
          if (reason) firstRefusal ||= reason;
          else allowed.push(candidate);
        }
        if (allowed.length === 0) {
          const why = firstRefusal || 'no address';
          callback(new AddressRefusedError(hostname, why), options.all ? [] : '', 0);
        } else if (options.all) {
          callback(null, allowed);
        } else {
          callback(null, allowed[0].address, allowed[0].family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, options.all ? [] : '', 0),
    );
  };
}

export interface ConnectorOptions {
  connectTimeoutMs: number;
  /** Extra trusted CA certificates (PEM), added to Node's built-in roots. */
  extraCa?: string[];
}

export function guardedConnector(allow: AllowList, resolve: Resolver, settings: ConnectorOptions) {
  const base = buildConnector({
    timeout: settings.connectTimeoutMs,
    lookup: guardedLookup(allow, resolve),
    // Setting `ca` replaces Node's roots, so keep them alongside the extra ones.
    ...(settings.extraCa?.length ? { ca: [...tls.rootCertificates, ...settings.extraCa] } : {}),
  });
  const connect: buildConnector.connector = (options, callback) => {
    const literal = parseIp(options.hostname);
    if (literal) {
      const reason = refusalReason(options.hostname, literal, allow);
      if (reason) {
        callback(new AddressRefusedError(options.hostname, reason), null);
        return;
      }
    }
    base(options, callback);
  };
  return connect;
}
