/**
 * custom_id encoding for buttons and menus. An id names the action (for logs), the invoker (only
 * they may press) and a short key into the reply state store, plus the button's position:
 * `ad:<action>:<invoker>:<key>:<index>`, or `ad:pick:<invoker>:<key>` for a menu. Well under the
 * 100-character limit: the query and section ids live in the store, not in the id.
 */
import type { ReplyActionKind } from '../reply/model.ts';
import { DISCORD_LIMITS } from './limits.ts';

export type CustomIdTarget =
  | { kind: 'button'; action: ReplyActionKind; invoker: string; key: string; index: number }
  | { kind: 'menu'; invoker: string; key: string };

const PREFIX = 'ad';
const ACTIONS: readonly ReplyActionKind[] = ['more', 'summary', 'page', 'share'];
const SNOWFLAKE = /^\d{1,20}$/;
const KEY = /^[A-Za-z0-9_-]{1,24}$/;

export class CustomIdError extends Error {
  override readonly name = 'CustomIdError';
}

export function encodeCustomId(target: CustomIdTarget): string {
  if (!SNOWFLAKE.test(target.invoker)) throw new CustomIdError(`invoker is not a user id: ${target.invoker}`);
  if (!KEY.test(target.key)) throw new CustomIdError(`state key has unexpected characters: ${target.key}`);
  const id =
    target.kind === 'menu'
      ? `${PREFIX}:pick:${target.invoker}:${target.key}`
      : `${PREFIX}:${target.action}:${target.invoker}:${target.key}:${target.index}`;
  if (id.length > DISCORD_LIMITS.customId) throw new CustomIdError(`custom_id longer than ${DISCORD_LIMITS.customId}`);
  return id;
}

/** The target of a custom_id, or undefined for ids this bot did not make (or that were forged). */
export function decodeCustomId(customId: string): CustomIdTarget | undefined {
  if (customId.length > DISCORD_LIMITS.customId) return undefined;
  const parts = customId.split(':');
  if (parts[0] !== PREFIX) return undefined;
  const [, action, invoker, key, index] = parts;
  if (!SNOWFLAKE.test(invoker ?? '') || !KEY.test(key ?? '')) return undefined;
  if (action === 'pick' && parts.length === 4) return { kind: 'menu', invoker, key };
  const known = ACTIONS.find((candidate) => candidate === action);
  if (known === undefined || parts.length !== 5 || !/^\d{1,2}$/.test(index ?? '')) return undefined;
  return { kind: 'button', action: known, invoker, key, index: Number(index) };
}
