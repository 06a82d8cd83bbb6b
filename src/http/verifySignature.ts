/**
 * Discord signs every request to an interactions endpoint with the application's Ed25519 key:
 * `X-Signature-Ed25519` is the signature (hex) of `X-Signature-Timestamp` followed by the raw body.
 * node:crypto checks it; no dependency needed.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** DER SubjectPublicKeyInfo header for an Ed25519 key (RFC 8410); the raw 32 key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PUBLIC_KEY_HEX = /^[0-9a-f]{64}$/i;
const SIGNATURE_HEX = /^[0-9a-f]{128}$/i;
/** How old (or how far ahead) a signed timestamp may be: older requests may be replays. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1_000;

export function isPublicKeyHex(value: string): boolean {
  return PUBLIC_KEY_HEX.test(value);
}

/** The application's public key, from the 64 hex characters the Developer Portal shows. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!isPublicKeyHex(hex)) throw new Error('an Ed25519 public key is 64 hex characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

export type SignatureVerdict = 'valid' | 'missing' | 'bad-signature' | 'stale';

export interface SignedRequest {
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
}

/** Whether the request is Discord's, signed recently. Cheap checks first; the curve math last. */
export function checkSignature(key: KeyObject, request: SignedRequest, now = Date.now()): SignatureVerdict {
  const { signature, timestamp } = request;
  if (signature === undefined || timestamp === undefined || signature === '' || timestamp === '') return 'missing';
  if (!SIGNATURE_HEX.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'bad-signature';
  const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), request.body]);
  if (!verify(null, message, key, Buffer.from(signature, 'hex'))) return 'bad-signature';
  // Checked after the signature, so that a stale verdict is only ever given to Discord's own requests.
  return Math.abs(now - Number(timestamp) * 1_000) > MAX_SIGNATURE_AGE_MS ? 'stale' : 'valid';
}
