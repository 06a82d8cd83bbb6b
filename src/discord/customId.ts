/**
 * custom_id encoding for buttons and menus. An id names the action (for logs), the invoker (only
 * they may press) and a short key into the reply state store, plus the button's position:
 * `ad:<action>:<invoker>:<key>:<index>:<mac>`, or `ad:pick:<invoker>:<key>:<mac>` for a menu.
 *
 * Anyone can send an interaction with any custom_id, so the id is signed: `mac` is an HMAC-SHA256
 * of everything before it under the install's secret (stateSecret.ts), truncated to 96 bits. An id
 * someone edited (their own user id written over the invoker's, another key or index) fails it.
 * At the longest about 70 characters, within the 100-character limit: the query and section ids
 * live in the store, not in the id.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ReplyActionKind } from '../reply/model.ts';
import { DISCORD_LIMITS } from './limits.ts';

export type CustomIdTarget =
  | { kind: 'button'; action: ReplyActionKind; invoker: string; key: string; index: number }
  | { kind: 'menu'; invoker: string; key: string };

const PREFIX = 'ad';
const ACTIONS: readonly ReplyActionKind[] = ['more', 'summary', 'page', 'share'];
const SNOWFLAKE = /^\d{1,20}$/;
const KEY = /^[A-Za-z0-9_-]{1,24}$/;
/** 12 bytes of the HMAC, 16 base64url characters: forging one is a 2^-96 guess per try. */
const MAC_BYTES = 12;
const MAC = /^[A-Za-z0-9_-]{16}$/;
/** Shorter secrets could be guessed offline from the signed ids anyone can see. */
export const MIN_SECRET_BYTES = 16;

export class CustomIdError extends Error {
  override readonly name = 'CustomIdError';
}

export class CustomIdCodec {
  private readonly secret: Buffer;

  constructor(secret: Uint8Array) {
    if (secret.length < MIN_SECRET_BYTES) throw new CustomIdError(`the custom_id secret must be at least ${MIN_SECRET_BYTES} bytes`);
    this.secret = Buffer.from(secret);
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.secret).update(body, 'utf8').digest().subarray(0, MAC_BYTES);
  }

  encode(target: CustomIdTarget): string {
    if (!SNOWFLAKE.test(target.invoker)) throw new CustomIdError(`invoker is not a user id: ${target.invoker}`);
    if (!KEY.test(target.key)) throw new CustomIdError(`state key has unexpected characters: ${target.key}`);
    if (target.kind === 'button' && !(Number.isInteger(target.index) && target.index >= 0 && target.index <= 99)) {
      throw new CustomIdError(`button index out of range: ${target.index}`);
    }
    const body =
      target.kind === 'menu'
        ? `${PREFIX}:pick:${target.invoker}:${target.key}`
        : `${PREFIX}:${target.action}:${target.invoker}:${target.key}:${target.index}`;
    const id = `${body}:${this.mac(body).toString('base64url')}`;
    if (id.length > DISCORD_LIMITS.customId) throw new CustomIdError(`custom_id longer than ${DISCORD_LIMITS.customId}`);
    return id;
  }

  /**
   * The target of a custom_id this bot signed, or undefined for anything else: ids it did not
   * make, ids from before the secret changed, and ids edited by hand.
   */
  decode(customId: string): CustomIdTarget | undefined {
    if (customId.length > DISCORD_LIMITS.customId) return undefined;
    const cut = customId.lastIndexOf(':');
    const body = customId.slice(0, cut);
    const mac = customId.slice(cut + 1);
    if (cut < 0 || !MAC.test(mac) || !timingSafeEqual(Buffer.from(mac, 'base64url'), this.mac(body))) return undefined;
    return parseBody(body);
  }
}

function parseBody(body: string): CustomIdTarget | undefined {
  const parts = body.split(':');
  if (parts[0] !== PREFIX) return undefined;
  const [, action, invoker, key, index] = parts;
  if (!SNOWFLAKE.test(invoker ?? '') || !KEY.test(key ?? '')) return undefined;
  if (action === 'pick' && parts.length === 4) return { kind: 'menu', invoker, key };
  const known = ACTIONS.find((candidate) => candidate === action);
  if (known === undefined || parts.length !== 5 || !/^\d{1,2}$/.test(index ?? '')) return undefined;
  return { kind: 'button', action: known, invoker, key, index: Number(index) };
}
