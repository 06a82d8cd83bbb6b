/**
 * The one seam between a transport and the bot: what came in (an `Incoming`, plain data) and how to
 * answer it (a `Responder`). The gateway (discord.js), the HTTP interactions endpoint and tests
 * are adapters that make these two; routing, commands and the respond helper never see which one
 * runs them.
 */
import type { OptionValue } from '../reply/commandCore.ts';
import type { Choice } from '../reply/suggestions.ts';
import type { DiscordMessage } from './renderDiscordReply.ts';

/** Who and where, for every kind of interaction. */
export interface IncomingBase {
  /** The user who sent the interaction. */
  userId: string;
  /** The user's client language (e.g. "zh-CN"), as Discord sends it. */
  locale?: string;
  guildId?: string;
  /** When Discord created the interaction (ms since 1970, from its snowflake id). */
  createdTimestamp: number;
}

/** The message a message command was run on. */
export interface TargetMessage {
  content: string;
  authorId: string;
  authorIsBot: boolean;
}

/** Discord's application command types (1 chat input, 2 user, 3 message). */
export type CommandType = number;

export interface IncomingCommand extends IncomingBase {
  kind: 'command';
  commandName: string;
  commandType: CommandType;
  /** Option values by name; a user option holds the user id. */
  options: Readonly<Record<string, OptionValue | undefined>>;
  /** Set for a message command. */
  target?: TargetMessage;
}

export interface IncomingAutocomplete extends IncomingBase {
  kind: 'autocomplete';
  commandName: string;
  focused: { name: string; value: string };
}

export interface IncomingComponent extends IncomingBase {
  kind: 'component';
  componentType: 'button' | 'select';
  customId: string;
  /** The picked values of a select menu; empty for a button. */
  values: readonly string[];
}

export interface IncomingModal extends IncomingBase {
  kind: 'modal';
}

/** An interaction type or component this bot offers nothing for. */
export interface IncomingOther extends IncomingBase {
  kind: 'other';
  type: number;
  /** Whether Discord accepts a message reply to it. */
  repliable: boolean;
}

export type Incoming = IncomingCommand | IncomingAutocomplete | IncomingComponent | IncomingModal | IncomingOther;

/** How far the answer got: nothing sent, answered, or acknowledged with a deferral. */
export type AnswerState = 'fresh' | 'replied' | 'deferred';

/**
 * The ways to answer. Exactly one of reply / deferReply / update / deferUpdate / choices is the
 * interaction's answer; the others act on the message afterwards.
 */
export interface Responder {
  state(): AnswerState;
  /** A new message (type 4). */
  reply(message: DiscordMessage): Promise<void>;
  /** "Thinking…" now, the message later (type 5); its visibility is fixed here. */
  deferReply(hidden: boolean): Promise<void>;
  /** Edits the message the pressed component sits on (type 7). */
  update(message: DiscordMessage): Promise<void>;
  /** Acknowledges a press; the edit comes later (type 6). */
  deferUpdate(): Promise<void>;
  /** Autocomplete choices (type 8). */
  choices(choices: readonly Choice[]): Promise<void>;
  /** Edits @original: the deferred reply, or the message under a deferred update. */
  editOriginal(message: DiscordMessage): Promise<void>;
  deleteOriginal(): Promise<void>;
  /** One more message after the answer. */
  followUp(message: DiscordMessage): Promise<void>;
}

/** An interaction as the bot handles it, whatever brought it. */
export interface InteractionCall<T extends Incoming = Incoming> {
  incoming: T;
  respond: Responder;
}

export type CommandCall = InteractionCall<IncomingCommand>;
export type AutocompleteCall = InteractionCall<IncomingAutocomplete>;
export type ComponentCall = InteractionCall<IncomingComponent>;
export type RepliableCall = InteractionCall<Exclude<Incoming, IncomingAutocomplete>>;

/**
 * The option being typed in an autocomplete: the one marked focused, else the first. Never throws,
 * whatever the payload: a malformed one gets choices for nothing rather than an error.
 */
export function focusedOption(options: readonly { name: string; value?: unknown; focused?: boolean }[]): { name: string; value: string } {
  const focused = options.find((option) => option.focused === true) ?? options[0];
  return { name: focused?.name ?? '', value: focused?.value === undefined ? '' : String(focused.value) };
}

const DISCORD_EPOCH = 1_420_070_400_000n;

/** When a snowflake id was made, as discord.js computes createdTimestamp. */
export function snowflakeTimestamp(id: string): number {
  try {
    return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
  } catch {
    return Date.now();
  }
}
