/**
 * The interaction port without any transport: plain Incoming data in, a recording Responder out.
 * What the gateway and the HTTP endpoint both rely on: one answer per interaction, the right kind.
 */
import { describe, expect, it } from 'vitest';
import { createBotContext } from '../../src/discord/bot.ts';
import { handleInteraction } from '../../src/discord/handleInteraction.ts';
import type { AnswerState, Incoming, Responder } from '../../src/discord/interactionPort.ts';
import { loadCommands } from '../../src/discord/loadCommands.ts';
import type { DiscordMessage } from '../../src/discord/renderDiscordReply.ts';
import { createLogger } from '../../src/logging/log.ts';
import { MemoryStateStore } from '../../src/state/memoryStateStore.ts';
import type { Choice } from '../../src/reply/suggestions.ts';
import { sampleDesk } from '../reply/fakeDesk.ts';
import { HeldDesk, TEST_STATE_SECRET } from './botHarness.ts';

type Call = { method: string; message?: DiscordMessage; choices?: readonly Choice[]; hidden?: boolean };

class RecordingResponder implements Responder {
  readonly calls: Call[] = [];
  private answered: AnswerState = 'fresh';
  constructor(private readonly failOn?: string) {}
  private record(call: Call, state?: AnswerState): Promise<void> {
    if (this.failOn === call.method) return Promise.reject(new Error(`${call.method} failed`));
    this.calls.push(call);
    if (state !== undefined) this.answered = state;
    return Promise.resolve();
  }
  state = (): AnswerState => this.answered;
  reply = (message: DiscordMessage) => this.record({ method: 'reply', message }, 'replied');
  deferReply = (hidden: boolean) => this.record({ method: 'deferReply', hidden }, 'deferred');
  update = (message: DiscordMessage) => this.record({ method: 'update', message }, 'replied');
  deferUpdate = () => this.record({ method: 'deferUpdate' }, 'deferred');
  choices = (choices: readonly Choice[]) => this.record({ method: 'choices', choices }, 'replied');
  editOriginal = (message: DiscordMessage) => this.record({ method: 'editOriginal', message });
  deleteOriginal = () => this.record({ method: 'deleteOriginal' });
  followUp = (message: DiscordMessage) => this.record({ method: 'followUp', message });
}

const commands = await loadCommands();
const lines: string[] = [];
const bot = createBotContext({
  desk: new HeldDesk(sampleDesk()),
  log: createLogger({ level: 'info', write: (line) => lines.push(line) }),
  cooldown: { uses: 1_000, windowMs: 0 },
  stateSecret: TEST_STATE_SECRET,
  state: new MemoryStateStore(),
});
const router = { commands, closing: () => false };
const who = { userId: '500000000000000001', locale: 'en-US', createdTimestamp: Date.now() };

async function handle(incoming: Incoming, respond = new RecordingResponder()) {
  const outcome = await handleInteraction({ incoming, respond }, bot, router);
  return { outcome, calls: respond.calls };
}

describe('the interaction port, with no transport behind it', () => {
  it('runs a slash command from plain data and answers it once, with a reply', async () => {
    const { outcome, calls } = await handle({ ...who, kind: 'command', commandName: 'sections', commandType: 1, options: {} });
    expect(calls.map((call) => call.method)).toEqual(['reply']);
    expect(outcome.delivery).toBe('direct');
  });

  it('runs the message command on the target message it is given', async () => {
    const target = { content: '', authorId: '500000000000000003', authorIsBot: false };
    const { outcome, calls } = await handle({ ...who, kind: 'command', commandName: 'Ask the docs', commandType: 3, options: {}, target });
    expect(outcome.outcome).toBe('invalid');
    expect(calls[0]).toMatchObject({ method: 'reply', message: { ephemeral: true } });
  });

  it('answers autocomplete with choices, and a command of the wrong type with a notice', async () => {
    const typed = await handle({ ...who, kind: 'autocomplete', commandName: 'sections', focused: { name: 'document', value: '' } });
    expect(typed.calls.map((call) => call.method)).toEqual(['choices']);
    const wrongType = await handle({ ...who, kind: 'command', commandName: 'ask', commandType: 2, options: {} });
    expect(wrongType.outcome.outcome).toBe('unknown-command');
    expect(wrongType.calls[0]).toMatchObject({ method: 'reply', message: { ephemeral: true } });
  });

  it('when answering fails, says something went wrong in the one way still open, and logs the failure with the user', async () => {
    const { outcome, calls } = await handle({ ...who, kind: 'autocomplete', commandName: 'sections', focused: { name: 'document', value: '' } }, new RecordingResponder('choices'));
    expect(outcome.outcome).toBe('error');
    expect(calls).toEqual([]);
    expect(lines.some((line) => line.includes('interaction failed') && line.includes(who.userId))).toBe(true);
  });
});
