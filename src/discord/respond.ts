/**
 * The one way a reply leaves the bot. Every payload gets: allowed_mentions that parse nothing and
 * allow only the `mention` user, link previews suppressed, the ephemeral flag where it may be set,
 * content within the limit, and custom_ids checked. The 3-second deadline is handled here too:
 * answer directly when the work is fast, defer when it is not.
 */
import {
  DiscordAPIError,
  MessageFlags,
  RESTJSONErrorCodes,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  type RepliableInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { cutToLimit } from '../reply/cutToLimit.ts';
import { codePointLength } from '../text/codePoints.ts';
import { DISCORD_LIMITS } from './limits.ts';
import type { DiscordMessage } from './renderDiscordReply.ts';

export type CommandInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;
export type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction;
export type RespondableInteraction = CommandInteraction | ComponentInteraction;

export interface AllowedMentionsPayload {
  parse: [];
  users: string[];
  repliedUser: false;
}

/** Nothing pings, except the one user a `mention` option named. */
export function allowedMentionsFor(message: Pick<DiscordMessage, 'mentionUserId'>): AllowedMentionsPayload {
  return { parse: [], users: message.mentionUserId === undefined ? [] : [message.mentionUserId], repliedUser: false };
}

/** Fails loudly on a bug that Discord would otherwise reject with a 400 at run time. */
function checkComponents(message: DiscordMessage): void {
  for (const row of message.components) {
    for (const component of row.components) {
      if ('custom_id' in component && codePointLength(component.custom_id) > DISCORD_LIMITS.customId) {
        throw new Error(`custom_id over ${DISCORD_LIMITS.customId} characters`);
      }
    }
  }
}

/** Payload for a new message (reply or follow-up): ephemeral may be set. */
export function newMessagePayload(message: DiscordMessage) {
  checkComponents(message);
  const flags = message.ephemeral ? MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds : MessageFlags.SuppressEmbeds;
  return {
    content: cutToLimit(message.content, DISCORD_LIMITS.messageContent),
    components: message.components,
    allowedMentions: allowedMentionsFor(message),
    flags: flags as MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds,
  };
}

/** Payload for editing an existing message: visibility is fixed once sent, so no ephemeral flag. */
export function editPayload(message: DiscordMessage) {
  checkComponents(message);
  return {
    content: cutToLimit(message.content, DISCORD_LIMITS.messageContent),
    components: message.components,
    allowedMentions: allowedMentionsFor(message),
    flags: MessageFlags.SuppressEmbeds as const,
  };
}

/** A plain ephemeral sentence (refusals, cooldowns, errors). */
export function noticeMessage(text: string): DiscordMessage {
  return { content: text, components: [], ephemeral: true };
}

export type Delivery = 'direct' | 'deferred';

/**
 * The connection broke before Discord's answer came back (reset, hang-up, undici's "other side
 * closed"): the request may or may not have reached Discord.
 */
export function isConnectionReset(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return true;
    if (/ECONNRESET|socket hang up|other side closed/iu.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}

function isAlreadyAcknowledged(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged;
}

/**
 * Sends an interaction callback, once more after a connection reset. Discord accepts one callback
 * per interaction, so the retry cannot answer twice: when the first attempt did arrive, Discord
 * answers 40060 "already acknowledged", which means it is done (discord.js does not know, so
 * `markDone` records it). Only this process holds the interaction's token, so 40060 can only
 * come from an earlier attempt of ours — including one @discordjs/rest retried by itself.
 */
async function sendCallback(send: () => Promise<unknown>, markDone: () => void): Promise<void> {
  try {
    await send();
    return;
  } catch (error) {
    if (isAlreadyAcknowledged(error)) return markDone();
    if (!isConnectionReset(error)) throw error;
  }
  try {
    await send();
  } catch (error) {
    if (!isAlreadyAcknowledged(error)) throw error;
    markDone();
  }
}

/** An edit of a message already sent: the same edit twice is harmless, so a reset is retried once. */
async function retryOnceOnReset<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!isConnectionReset(error)) throw error;
    return send();
  }
}

function replyCallback(interaction: RepliableInteraction, payload: ReturnType<typeof newMessagePayload>): Promise<void> {
  return sendCallback(
    () => interaction.reply(payload),
    () => {
      interaction.replied = true;
      interaction.ephemeral = (payload.flags & MessageFlags.Ephemeral) !== 0;
    },
  );
}

/** Answers autocomplete, retrying a reset as interaction callbacks are. */
export function respondChoices(interaction: AutocompleteInteraction, choices: Parameters<AutocompleteInteraction['respond']>[0]): Promise<void> {
  return sendCallback(
    () => interaction.respond(choices),
    () => {
      interaction.responded = true;
    },
  );
}

/** The work's message if it is ready within ms, else 'slow' (the work keeps running). */
async function readyWithin(work: Promise<DiscordMessage>, ms: number): Promise<DiscordMessage | 'slow'> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), ms);
  });
  try {
    return await Promise.race([work, slow]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Answers a command (or a button that posts a new message) with what `produce` makes: directly if
 * it is ready within deferAfterMs, else after a deferral whose visibility is `expectHidden`. When
 * the finished message wants the other visibility, the deferred one is deleted and a follow-up
 * with the right flags is sent, since visibility cannot be edited.
 */
export async function replyInTime(
  interaction: RespondableInteraction,
  produce: () => Promise<DiscordMessage>,
  options: { deferAfterMs: number; expectHidden: boolean },
): Promise<Delivery> {
  const work = produce();
  const first = await readyWithin(work, options.deferAfterMs);
  if (first !== 'slow') {
    await replyCallback(interaction, newMessagePayload(first));
    return 'direct';
  }
  await sendCallback(
    () => interaction.deferReply({ flags: options.expectHidden ? MessageFlags.Ephemeral : undefined }),
    () => {
      interaction.deferred = true;
      interaction.ephemeral = options.expectHidden;
    },
  );
  const message = await work;
  if (message.ephemeral === options.expectHidden) {
    await retryOnceOnReset(() => interaction.editReply(editPayload(message)));
  } else {
    await interaction.deleteReply();
    await interaction.followUp(newMessagePayload(message));
  }
  return 'deferred';
}

/** Edits the message a button sits on, deferring the update when the work is slow. */
export async function updateInTime(
  interaction: ComponentInteraction,
  produce: () => Promise<DiscordMessage>,
  options: { deferAfterMs: number },
): Promise<Delivery> {
  const work = produce();
  const first = await readyWithin(work, options.deferAfterMs);
  if (first !== 'slow') {
    const payload = editPayload(first);
    await sendCallback(
      () => interaction.update(payload),
      () => {
        interaction.replied = true;
      },
    );
    return 'direct';
  }
  await sendCallback(
    () => interaction.deferUpdate(),
    () => {
      interaction.deferred = true;
    },
  );
  const message = await work;
  await retryOnceOnReset(() => interaction.editReply(editPayload(message)));
  return 'deferred';
}

/** An ephemeral notice however far the interaction got; used for refusals and failures. */
export async function sendNotice(interaction: RepliableInteraction, text: string): Promise<void> {
  const payload = newMessagePayload(noticeMessage(text));
  if (interaction.replied || (interaction.deferred && interaction.isMessageComponent())) {
    // After deferUpdate, @original is the message the button sits on: never delete it.
    await interaction.followUp(payload);
  } else if (interaction.deferred) {
    // A deferral may be public: remove its "thinking…" and tell only the invoker.
    await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp(payload);
  } else {
    await replyCallback(interaction, payload);
  }
}
