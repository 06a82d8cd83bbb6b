import { describe, expect, it } from 'vitest';
import { readInteraction } from '../../src/http/readInteraction.ts';

const user = { id: '500000000000000001', username: 'alice' };
const base = { id: '1300000000000000000', token: 'tok', application_id: '200000000000000001', locale: 'zh-CN', guild_id: '300000000000000001', member: { user } };

describe('reading an interaction Discord POSTed', () => {
  it('reads a slash command: name, type, options by name, user from the member, locale, guild, creation time from the id', () => {
    const read = readInteraction({ ...base, type: 2, data: { name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: '大模型' }, { name: 'hide', type: 5, value: true }] } });
    expect(read).toEqual({
      kind: 'interaction',
      id: base.id,
      token: 'tok',
      incoming: {
        kind: 'command',
        commandName: 'ask',
        commandType: 1,
        options: { question: '大模型', hide: true },
        userId: user.id,
        locale: 'zh-CN',
        guildId: base.guild_id,
        createdTimestamp: Number((BigInt(base.id) >> 22n) + 1_420_070_400_000n),
      },
    });
  });

  it('takes the user from the top level in a DM', () => {
    const read = readInteraction({ id: base.id, token: 'tok', type: 2, user, data: { name: 'about', type: 1 } });
    expect(read.kind === 'interaction' && read.incoming.userId).toBe(user.id);
  });

  it('reads a message command’s target from resolved.messages', () => {
    const message = { id: '900', content: 'What is GPU?', author: { id: '500000000000000003', bot: false } };
    const read = readInteraction({ ...base, type: 2, data: { name: 'Ask the docs', type: 3, target_id: '900', resolved: { messages: { 900: message } } } });
    expect(read.kind === 'interaction' && read.incoming.kind === 'command' && read.incoming.target).toEqual({ content: 'What is GPU?', authorId: '500000000000000003', authorIsBot: false });
  });

  it('reads the focused option of autocomplete, and buttons and select menus with their values', () => {
    const typed = readInteraction({ ...base, type: 4, data: { name: 'ask', options: [{ name: 'question', type: 3, value: '大', focused: true }] } });
    expect(typed.kind === 'interaction' && typed.incoming).toMatchObject({ kind: 'autocomplete', commandName: 'ask', focused: { name: 'question', value: '大' } });
    const button = readInteraction({ ...base, type: 3, data: { custom_id: 'ad:x', component_type: 2 } });
    expect(button.kind === 'interaction' && button.incoming).toMatchObject({ kind: 'component', componentType: 'button', customId: 'ad:x', values: [] });
    const select = readInteraction({ ...base, type: 3, data: { custom_id: 'ad:y', component_type: 3, values: ['s1', 7] } });
    expect(select.kind === 'interaction' && select.incoming).toMatchObject({ kind: 'component', componentType: 'select', values: ['s1'] });
  });

  it('knows PING, and calls anything without a type, id, token or user invalid', () => {
    expect(readInteraction({ type: 1 })).toEqual({ kind: 'ping' });
    expect(readInteraction([]).kind).toBe('invalid');
    expect(readInteraction({ type: 2, id: '1', token: 't' }).kind).toBe('invalid');
    expect(readInteraction({ ...base, type: 2, data: {} }).kind).toBe('invalid');
  });

  it('reads other interaction types as such, a modal as a modal', () => {
    expect(readInteraction({ ...base, type: 5, data: { custom_id: 'f' } })).toMatchObject({ incoming: { kind: 'modal' } });
    expect(readInteraction({ ...base, type: 9 })).toMatchObject({ incoming: { kind: 'other', type: 9, repliable: false } });
    expect(readInteraction({ ...base, type: 3, data: { custom_id: 'u', component_type: 5 } })).toMatchObject({ incoming: { kind: 'other', repliable: true } });
  });
});
