/**
 * Passwords, tokens and login throttling, on node:crypto only.
 *
 * Passwords: scrypt (memory-hard) with N=2^15, r=8, p=1 — 32 MiB and roughly 60–100 ms per
 * hash on one core, the parameters OWASP's password storage cheat sheet lists for scrypt.
 * Hashes are self-describing ("scrypt$N$r$p$salt$hash") so parameters can rise later.
 * Tokens: 32 random bytes, base64url; the database keeps only their SHA-256.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function maxmem(N: number, r: number, p: number): number {
  return 128 * N * r * p + 16 * 1024 * 1024;
}

export async function hashPassword(
  password: string,
  params: { N: number; r: number; p: number } = SCRYPT_PARAMS,
): Promise<string> {
  const salt = crypto.randomBytes(16);
  const { N, r, p } = params;
  const key = await scryptAsync(password.normalize('NFKC'), salt, KEY_LENGTH, {
    N,
    r,
    p,
    maxmem: maxmem(N, r, p),
  });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20) return false;
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  const key = await scryptAsync(password.normalize('NFKC'), salt, expected.length, {
    N,
    r,
    p,
    maxmem: maxmem(N, r, p),
  });
  return key.length === expected.length && crypto.timingSafeEqual(key, expected);
}

/** A fresh secret for cookies, API tokens and feed URLs. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Fever's api_key: md5("name:password"), lower-case hex (the protocol fixes the hash). */
export function feverKey(name: string, password: string): string {
  return crypto.createHash('md5').update(`${name}:${password}`).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/**
 * Failed-login throttle: at most `limit` failures per key (IP and user name, separately)
 * within `windowMs`. In memory: one process serves the reader, and a restart forgetting
 * counts is acceptable for a self-hosted install.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly limit = 10,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Milliseconds until `key` may try again; 0 when allowed now. */
  retryAfter(key: string, now = Date.now()): number {
    const times = this.recent(key, now);
    return times.length >= this.limit ? times[0] + this.windowMs - now : 0;
  }

  fail(key: string, now = Date.now()): void {
    const times = this.recent(key, now);
    times.push(now);
    this.failures.set(key, times);
    if (this.failures.size > 10_000) this.prune(now);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  private prune(now: number): void {
    for (const [key, times] of this.failures) {
      if (!times.some((t) => t > now - this.windowMs)) this.failures.delete(key);
    }
  }
}
