import { describe, expect, it } from 'vitest';
import { readParkedReply } from '../../src/discord/readParkedReply.ts';
import type { ParkedReply } from '../../src/discord/renderDiscordReply.ts';
import { ReplyStateStore } from '../../src/discord/replyStateStore.ts';
import { MemoryStateStore } from '../../src/state/memoryStateStore.ts';

const readString = (json: unknown): string | undefined => (typeof json === 'string' ? json : undefined);

const parked: ParkedReply = {
  owner: '500000000000000001',
  actions: [
    { kind: 'more', label: 'More', subject: { kind: 'ask', query: '大模型', offset: 3 }, hidden: true },
    { kind: 'summary', label: 'Summary', subject: { kind: 'summary', sectionId: 'a:5' }, hidden: false, mention: '500000000000000002' },
    { kind: 'page', label: 'Next', subject: { kind: 'outline', document: 'guide.md', page: 2 }, hidden: false },
    { kind: 'share', label: 'Send in chat', subject: { kind: 'ask', query: 'x', offset: 0 } },
  ],
  menu: { placeholder: 'Did you mean', options: [{ label: 'Intro', sectionId: 'a:1', description: 'guide.md' }], hidden: true },
};

describe('ReplyStateStore', () => {
  it('returns what was stored under the key it gave, to any store user', async () => {
    const shared = new MemoryStateStore();
    const store = new ReplyStateStore({ store: shared, read: readString });
    const key = await store.put('大模型');
    expect(key).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(await new ReplyStateStore({ store: shared, read: readString }).get(key)).toBe('大模型');
    expect(await store.get('unknown')).toBeUndefined();
  });

  it('forgets entries after their time to live', async () => {
    let now = 0;
    const store = new ReplyStateStore({ store: new MemoryStateStore({ now: () => now }), read: readString, ttlMs: 1_000 });
    const key = await store.put('x');
    now = 999;
    expect(await store.get(key)).toBe('x');
    now = 1_000;
    expect(await store.get(key)).toBeUndefined();
  });

  it('treats state that is not valid JSON or not the expected shape as gone', async () => {
    const shared = new MemoryStateStore();
    const store = new ReplyStateStore({ store: shared, read: readString });
    await shared.set('reply:broken', '{not json', 60_000);
    await shared.set('reply:number', '42', 60_000);
    expect(await store.get('broken')).toBeUndefined();
    expect(await store.get('number')).toBeUndefined();
  });
});

describe('readParkedReply', () => {
  it('reads back every kind of action and the menu exactly as parked', () => {
    expect(readParkedReply(JSON.parse(JSON.stringify(parked)))).toEqual(parked);
  });

  it('refuses a parked reply with any part of the wrong shape', () => {
    const edited = (change: (copy: Record<string, any>) => void): unknown => {
      const copy = JSON.parse(JSON.stringify(parked));
      change(copy);
      return copy;
    };
    expect(readParkedReply(null)).toBeUndefined();
    expect(readParkedReply(edited((copy) => (copy.owner = 'alice')))).toBeUndefined();
    expect(readParkedReply(edited((copy) => (copy.actions[0].kind = 'delete')))).toBeUndefined();
    expect(readParkedReply(edited((copy) => (copy.actions[0].subject.offset = -1)))).toBeUndefined();
    expect(readParkedReply(edited((copy) => (copy.actions[1].subject = { kind: 'ask', query: 'x', offset: 0 })))).toBeUndefined();
    expect(readParkedReply(edited((copy) => (copy.actions[1].mention = '@everyone')))).toBeUndefined();
    expect(readParkedReply(edited((copy) => delete copy.actions[2].hidden))).toBeUndefined();
    expect(readParkedReply(edited((copy) => (copy.menu.options[0].sectionId = 7)))).toBeUndefined();
  });
});
