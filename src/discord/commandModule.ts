/**
 * The shape of a commands/<name>.ts module (as in the discord.js guide: `data`, `execute`,
 * `autocomplete`) plus the platform-free `run` / `suggest` the console calls, and the context
 * every handler gets. Handlers take the port's calls (interactionPort.ts), not discord.js classes,
 * so the gateway and the HTTP endpoint run the same modules.
 */
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Logger } from '../logging/log.ts';
import type { CommandInput, CommandContext, CommandSuggest } from '../reply/commandCore.ts';
import type { Cooldown } from '../reply/cooldown.ts';
import type { DeskSource } from '../reply/deskReader.ts';
import type { CustomIdCodec } from './customId.ts';
import type { LoadingWait } from './limits.ts';
import type { ParkedReply } from './renderDiscordReply.ts';
import type { ReplyStateStore } from './replyStateStore.ts';
import type { AutocompleteCall, CommandCall } from './interactionPort.ts';
import type { Reply } from '../reply/model.ts';
import type { Delivery } from './respond.ts';

export interface BotContext {
  desk: DeskSource;
  store: ReplyStateStore<ParkedReply>;
  /** Signs and checks button custom_ids with the install's secret. */
  customIds: CustomIdCodec;
  cooldown: Cooldown;
  log: Logger;
  /** How long a handler may work before deferring (DEFER_AFTER_MS outside tests). */
  deferAfterMs: number;
  /** How a command waits for the first documents (LOADING_WAIT outside tests). */
  loadingWait: LoadingWait;
  /** Settles once the bot begins to stop (beginStop): commands still waiting for the first documents then stop waiting. */
  stopping: Promise<void>;
  /** Called by the transport's stop (gateway and HTTP alike), before it waits for the replies in flight. */
  beginStop(): void;
}

/** What the interaction log line reports. */
export interface InteractionOutcome {
  outcome: string;
  results: number;
  delivery?: Delivery;
}

export interface CommandData {
  readonly name: string;
  toJSON(): RESTPostAPIApplicationCommandsJSONBody;
}

export interface CommandModule {
  data: CommandData;
  execute(call: CommandCall, bot: BotContext): Promise<InteractionOutcome>;
  autocomplete?(call: AutocompleteCall, bot: BotContext): Promise<InteractionOutcome>;
  /**
   * The command's logic without Discord; the console runs slash commands through it. A method, so
   * that a module's run typed with its own options (ArgumentsOf) fits.
   */
  run?(input: CommandInput, context: CommandContext): Promise<Reply>;
  suggest?: CommandSuggest;
}
