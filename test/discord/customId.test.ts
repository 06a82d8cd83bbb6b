import { describe, expect, it } from 'vitest';
import { CustomIdError, decodeCustomId, encodeCustomId } from '../../src/discord/customId.ts';

const invoker = '12345678901234567890';

describe('custom_id', () => {
  it('round-trips buttons and menus', () => {
    const button = { kind: 'button', action: 'more', invoker, key: 'Ab3_-xYz', index: 4 } as const;
    expect(decodeCustomId(encodeCustomId(button))).toEqual(button);
    const menu = { kind: 'menu', invoker, key: 'Ab3_-xYz' } as const;
    expect(decodeCustomId(encodeCustomId(menu))).toEqual(menu);
  });

  it('stays within 100 characters at the longest', () => {
    const id = encodeCustomId({ kind: 'button', action: 'summary', invoker, key: 'k'.repeat(24), index: 99 });
    expect(id.length).toBeLessThanOrEqual(100);
  });

  it('refuses to encode what it could not decode', () => {
    expect(() => encodeCustomId({ kind: 'menu', invoker: 'not-a-user', key: 'k' })).toThrow(CustomIdError);
    expect(() => encodeCustomId({ kind: 'menu', invoker, key: 'has:colon' })).toThrow(CustomIdError);
  });

  it('rejects ids it did not make or that were tampered with', () => {
    for (const id of ['', 'other:more:1:k:0', 'ad:delete:1:k:0', 'ad:more:abc:k:0', 'ad:more:1:k', 'ad:more:1:k:x', 'ad:pick:1:k:0', `ad:more:1:k:0:${'x'.repeat(100)}`]) {
      expect(decodeCustomId(id)).toBeUndefined();
    }
  });
});
