import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSignature, isPublicKeyHex, publicKeyFromHex } from '../../src/http/verifySignature.ts';
import { generateApplicationKey } from './httpHarness.ts';

const NOW = Date.UTC(2026, 0, 1);
const stamp = String(NOW / 1_000);

describe('request signatures', () => {
  const { publicKeyHex, privateKey } = generateApplicationKey();
  const key = publicKeyFromHex(publicKeyHex);
  const body = Buffer.from('{"type":1}');
  const signature = sign(null, Buffer.concat([Buffer.from(stamp), body]), privateKey).toString('hex');

  it('accepts Discord’s signature over timestamp + raw body, with the key given as 64 hex characters', () => {
    expect(isPublicKeyHex(publicKeyHex)).toBe(true);
    expect(checkSignature(key, { signature, timestamp: stamp, body }, NOW)).toBe('valid');
    expect(checkSignature(publicKeyFromHex(publicKeyHex.toUpperCase()), { signature, timestamp: stamp, body }, NOW)).toBe('valid');
  });

  it('refuses missing headers, another key, another body, another timestamp, and garbage', () => {
    expect(checkSignature(key, { signature: undefined, timestamp: stamp, body }, NOW)).toBe('missing');
    expect(checkSignature(key, { signature, timestamp: undefined, body }, NOW)).toBe('missing');
    const other = generateKeyPairSync('ed25519').privateKey;
    const forged = sign(null, Buffer.concat([Buffer.from(stamp), body]), other).toString('hex');
    expect(checkSignature(key, { signature: forged, timestamp: stamp, body }, NOW)).toBe('bad-signature');
    expect(checkSignature(key, { signature, timestamp: stamp, body: Buffer.from('{"type":2}') }, NOW)).toBe('bad-signature');
    expect(checkSignature(key, { signature, timestamp: String(NOW / 1_000 + 1), body }, NOW + 1_000)).toBe('bad-signature');
    expect(checkSignature(key, { signature: 'not hex', timestamp: stamp, body }, NOW)).toBe('bad-signature');
  });

  it('refuses a correct signature more than 5 minutes old (or ahead), accepts one just inside', () => {
    expect(checkSignature(key, { signature, timestamp: stamp, body }, NOW + 5 * 60_000)).toBe('valid');
    expect(checkSignature(key, { signature, timestamp: stamp, body }, NOW + 5 * 60_000 + 1_000)).toBe('stale');
    expect(checkSignature(key, { signature, timestamp: stamp, body }, NOW - 5 * 60_000 - 1_000)).toBe('stale');
  });

  it('takes only 64 hex characters as a public key', () => {
    expect(isPublicKeyHex('ab'.repeat(31))).toBe(false);
    expect(isPublicKeyHex('zz'.repeat(32))).toBe(false);
    expect(() => publicKeyFromHex('abc')).toThrow(/64 hex/u);
  });
});
