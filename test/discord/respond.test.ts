import { describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import type { AnswerState, Responder } from '../../src/discord/interactionPort.ts';
import type { DiscordMessage } from '../../src/discord/renderDiscordReply.ts';
import { allowedMentionsFor, deferBudget, editPayload, isConnectionReset, newMessagePayload, noticeMessage, updateInTime } from '../../src/discord/respond.ts';

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

/** A responder that records what was sent, in order. */
function recordingResponder(): Responder & { sent: string[] } {
  let state: AnswerState = 'fresh';
  const sent: string[] = [];
  const record = (what: string, next: AnswerState = state) => async () => {
    sent.push(what);
    state = next;
  };
  return {
    sent,
    state: () => state,
    reply: record('reply', 'replied'),
    deferReply: record('deferReply', 'deferred'),
    update: record('update', 'replied'),
    deferUpdate: record('deferUpdate', 'deferred'),
    choices: record('choices', 'replied'),
    editOriginal: record('editOriginal'),
    deleteOriginal: record('deleteOriginal'),
    followUp: record('followUp'),
  };
}

describe('updating the message a button sits on', () => {
  const page: DiscordMessage = { content: 'page 2', components: [], ephemeral: false };
  const later = <T>(value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), 20));

  it('updates it directly when the page is ready in time, after a deferral when it is not', async () => {
    const direct = recordingResponder();
    expect(await updateInTime(direct, async () => page, { deferAfterMs: 1_000 })).toBe('direct');
    expect(direct.sent).toEqual(['update']);
    const deferred = recordingResponder();
    expect(await updateInTime(deferred, () => later(page), { deferAfterMs: 0 })).toBe('deferred');
    expect(deferred.sent).toEqual(['deferUpdate', 'editOriginal']);
  });

  it('leaves the message alone when there is no page to show (the caller tells the user privately)', async () => {
    const direct = recordingResponder();
    await updateInTime(direct, async () => undefined, { deferAfterMs: 1_000 });
    expect(direct.sent).toEqual([]);
    const deferred = recordingResponder();
    await updateInTime(deferred, () => later(undefined), { deferAfterMs: 0 });
    expect(deferred.sent).toEqual(['deferUpdate']);
  });
});
