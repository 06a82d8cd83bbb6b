import { describe, expect, it } from 'vitest';
import { CustomIdCodec, CustomIdError } from '../../src/discord/customId.ts';

const invoker = '12345678901234567890';
const other = '12345678901234567891';
const codec = new CustomIdCodec(Buffer.alloc(32, 7));

describe('custom_id', () => {
  it('round-trips buttons and menus', () => {
    const button = { kind: 'button', action: 'more', invoker, key: 'Ab3_-xYz', index: 4 } as const;
    expect(codec.decode(codec.encode(button))).toEqual(button);
    const menu = { kind: 'menu', invoker, key: 'Ab3_-xYz' } as const;
    expect(codec.decode(codec.encode(menu))).toEqual(menu);
  });

  it('stays within 100 characters at the longest', () => {
    const id = codec.encode({ kind: 'button', action: 'summary', invoker, key: 'k'.repeat(24), index: 99 });
    expect(id.length).toBeLessThanOrEqual(100);
  });

  it('refuses to encode what it could not decode', () => {
    expect(() => codec.encode({ kind: 'menu', invoker: 'not-a-user', key: 'k' })).toThrow(CustomIdError);
    expect(() => codec.encode({ kind: 'menu', invoker, key: 'has:colon' })).toThrow(CustomIdError);
    expect(() => codec.encode({ kind: 'button', action: 'more', invoker, key: 'k', index: 100 })).toThrow(CustomIdError);
  });

  it('rejects ids it did not make', () => {
    for (const id of ['', 'other:more:1:k:0', 'ad:delete:1:k:0', 'ad:more:abc:k:0', 'ad:more:1:k', 'ad:more:1:k:x', 'ad:pick:1:k:0', `ad:more:1:k:0:${'x'.repeat(100)}`]) {
      expect(codec.decode(id)).toBeUndefined();
    }
  });

  it('rejects a signed id once anything in it is edited: another user id, key or index', () => {
    const signed = codec.encode({ kind: 'button', action: 'summary', invoker, key: 'victimKey', index: 0 });
    const mac = signed.split(':').at(-1);
    for (const forged of [`ad:summary:${other}:victimKey:0:${mac}`, `ad:summary:${invoker}:otherKey:0:${mac}`, `ad:summary:${invoker}:victimKey:1:${mac}`, `ad:more:${invoker}:victimKey:0:${mac}`, `ad:summary:${other}:victimKey:0`]) {
      expect(codec.decode(forged)).toBeUndefined();
    }
  });

  it('rejects ids signed with another install’s secret', () => {
    const elsewhere = new CustomIdCodec(Buffer.alloc(32, 8));
    expect(codec.decode(elsewhere.encode({ kind: 'menu', invoker, key: 'k' }))).toBeUndefined();
  });

  it('will not sign with a secret short enough to guess', () => {
    expect(() => new CustomIdCodec(Buffer.alloc(8))).toThrow(CustomIdError);
  });
});
