import { describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import { allowedMentionsFor, editPayload, isConnectionReset, newMessagePayload, noticeMessage } from '../../src/discord/respond.ts';
import { deferBudget } from '../../src/discord/runCommand.ts';

describe('the respond helper', () => {
  it('lets nothing ping by default', () => {
    expect(allowedMentionsFor({})).toEqual({ parse: [], users: [], repliedUser: false });
  });

  it('lets only the mention user ping', () => {
    expect(allowedMentionsFor({ mentionUserId: '123456789012345678' })).toEqual({ parse: [], users: ['123456789012345678'], repliedUser: false });
  });

  it('marks hidden replies ephemeral and suppresses link previews on every reply', () => {
    expect(newMessagePayload(noticeMessage('x')).flags).toBe(MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds);
    expect(newMessagePayload({ content: 'x', components: [], ephemeral: false }).flags).toBe(MessageFlags.SuppressEmbeds);
  });

  it('never sets the ephemeral flag on an edit, where Discord cannot change visibility', () => {
    expect(editPayload({ content: 'x', components: [], ephemeral: true }).flags).toBe(MessageFlags.SuppressEmbeds);
  });

  it('keeps content within 2000 characters whatever it is given', () => {
    expect([...newMessagePayload({ content: '字'.repeat(2500), components: [], ephemeral: false }).content].length).toBe(2000);
  });

  it('refuses components whose custom_id Discord would reject', () => {
    const message = {
      content: 'x',
      ephemeral: false,
      components: [{ type: 1, components: [{ type: 2, style: 1, label: 'x', custom_id: 'x'.repeat(101) }] }],
    } as const;
    expect(() => newMessagePayload({ ...message, components: [...message.components] as never })).toThrow(/custom_id/);
  });
});

describe('the deferral budget', () => {
  it('is the configured time for a fresh interaction, less its age for a late one, never negative', () => {
    expect(deferBudget({ createdTimestamp: 10_000 }, 1_500, 10_000)).toBe(1_500);
    expect(deferBudget({ createdTimestamp: 10_000 }, 1_500, 10_600)).toBe(900);
    expect(deferBudget({ createdTimestamp: 10_000 }, 1_500, 20_000)).toBe(0);
    expect(deferBudget({ createdTimestamp: 12_000 }, 1_500, 10_000)).toBe(1_500);
  });

  it('tells a connection reset (the request may not have arrived) from other failures', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(isConnectionReset(reset)).toBe(true);
    expect(isConnectionReset(new Error('socket hang up'))).toBe(true);
    expect(isConnectionReset(new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }))).toBe(true);
    expect(isConnectionReset(new Error('Unknown interaction'))).toBe(false);
    expect(isConnectionReset('ECONNRESET')).toBe(false);
  });
});
