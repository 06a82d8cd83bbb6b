/**
 * The one way a reply leaves the bot. Every payload gets: allowed_mentions that parse nothing and
 * allow only the `mention` user, link previews suppressed, the ephemeral flag where it may be set,
 * content within the limit, and custom_ids checked. The 3-second deadline is handled here too:
 * answer directly when the work is fast, defer when it is not.
 */
import { MessageFlags, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord.js';
import { cutToLimit } from '../reply/cutToLimit.ts';
import { codePointLength } from '../text/codePoints.ts';
import type { InteractionCall, Responder } from './interactionPort.ts';
import { DISCORD_LIMITS } from './limits.ts';
import type { DiscordMessage } from './renderDiscordReply.ts';

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

/** The work's result if it is ready within ms, else 'slow' (the work keeps running). */
export async function readyWithin<T>(work: Promise<T>, ms: number): Promise<T | 'slow'> {
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

/** An edit of a message already sent: the same edit twice is harmless, so a reset is retried once. */
export async function retryOnceOnReset<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!isConnectionReset(error)) throw error;
    return send();
  }
}

/**
 * Answers a command (or a button that posts a new message) with what `produce` makes: directly if
 * it is ready within deferAfterMs, else after a deferral whose visibility is `expectHidden`. When
 * the finished message wants the other visibility, the deferred one is deleted and a follow-up
 * with the right flags is sent, since visibility cannot be edited.
 */
export async function replyInTime(
  respond: Responder,
  produce: () => Promise<DiscordMessage>,
  options: { deferAfterMs: number; expectHidden: boolean },
): Promise<Delivery> {
  const work = produce();
  const first = await readyWithin(work, options.deferAfterMs);
  if (first !== 'slow') {
    await respond.reply(first);
    return 'direct';
  }
  await respond.deferReply(options.expectHidden);
  const message = await work;
  if (message.ephemeral === options.expectHidden) {
    await respond.editOriginal(message);
  } else {
    await respond.deleteOriginal();
    await respond.followUp(message);
  }
  return 'deferred';
}

/** Edits the message a button sits on, deferring the update when the work is slow. */
export async function updateInTime(
  respond: Responder,
  produce: () => Promise<DiscordMessage | undefined>,
  options: { deferAfterMs: number },
): Promise<Delivery> {
  const work = produce();
  const first = await readyWithin(work, options.deferAfterMs);
  if (first !== 'slow') {
    if (first !== undefined) await respond.update(first);
    return 'direct';
  }
  await respond.deferUpdate();
  const message = await work;
  if (message !== undefined) await respond.editOriginal(message);
  return 'deferred';
}

/**
 * How long this interaction may still work before deferring: the configured time, less what it
 * already spent on the way (a replayed or queued interaction arrives late). The age comes from
 * Discord's clock; a clock ahead of ours only makes the bot defer sooner, which is harmless.
 */
export function deferBudget(interaction: { createdTimestamp: number }, deferAfterMs: number, now = Date.now()): number {
  const age = Math.min(Math.max(0, now - interaction.createdTimestamp), deferAfterMs);
  return deferAfterMs - age;
}

/** An ephemeral notice however far the interaction got; used for refusals and failures. */
export async function sendNotice(call: InteractionCall, text: string): Promise<void> {
  const { respond } = call;
  const notice = noticeMessage(text);
  const state = respond.state();
  if (state === 'replied' || (state === 'deferred' && call.incoming.kind === 'component')) {
    // After deferUpdate, @original is the message the button sits on: never delete it.
    await respond.followUp(notice);
  } else if (state === 'deferred') {
    // A deferral may be public: remove its "thinking…" and tell only the invoker.
    await respond.deleteOriginal().catch(() => undefined);
    await respond.followUp(notice);
  } else {
    await respond.reply(notice);
  }
}

/** A message payload as Discord's REST API takes it (snake_case), for transports without discord.js's classes. */
export interface ApiMessageBody {
  content: string;
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowed_mentions: { parse: []; users: string[]; replied_user: false };
  flags: number;
}

export function apiMessageBody(payload: ReturnType<typeof newMessagePayload> | ReturnType<typeof editPayload>): ApiMessageBody {
  const { parse, users, repliedUser } = payload.allowedMentions;
  return { content: payload.content, components: payload.components, allowed_mentions: { parse, users, replied_user: repliedUser }, flags: payload.flags };
}
