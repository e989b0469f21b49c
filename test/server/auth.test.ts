import { describe, expect, it } from 'vitest';
import { feverKey, hashPassword, LoginThrottle, tokenHash, verifyPassword } from '../../src/server/auth.js';

describe('passwords and tokens', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterx', stored)).toBe(false);
  });

  it('salts: the same password hashes differently', async () => {
    const params = { N: 1024, r: 8, p: 1 };
    expect(await hashPassword('pw-pw-pw-pw', params)).not.toBe(await hashPassword('pw-pw-pw-pw', params));
  });

  it('rejects malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$8$1$aa$bb')).toBe(false);
  });

  it('computes the Fever key as md5(name:password)', () => {
    // md5("alice:secret"), computed independently with `printf 'alice:secret' | md5sum`.
    expect(feverKey('alice', 'secret')).toBe('6f622058968bb90757e6c6ed79e5df81');
    expect(feverKey('alice', 'secret')).toMatch(/^[0-9a-f]{32}$/);
    expect(feverKey('alice', 'secret')).not.toBe(feverKey('alice', 'secreT'));
  });

  it('stores token hashes, not tokens', () => {
    expect(tokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('login throttle', () => {
  it('blocks a key after the limit within the window and frees it after', () => {
    const t = new LoginThrottle(3, 1000);
    for (let i = 0; i < 3; i++) t.fail('ip:1', 100 + i);
    expect(t.retryAfter('ip:1', 200)).toBeGreaterThan(0);
    expect(t.retryAfter('ip:2', 200)).toBe(0);
    expect(t.retryAfter('ip:1', 1200)).toBe(0);
  });

  it('forgets failures after a success', () => {
    const t = new LoginThrottle(2, 1000);
    t.fail('k', 1);
    t.succeed('k');
    t.fail('k', 2);
    expect(t.retryAfter('k', 3)).toBe(0);
  });
});
