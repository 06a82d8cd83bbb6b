/**
 * The shape of a commands/<name>.ts module (as in the discord.js guide: `data`, `execute`,
 * `autocomplete`) plus the platform-free `run` / `suggest` the console calls, and the context
 * every handler gets.
 */
import type { AutocompleteInteraction, RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Logger } from '../logging/log.ts';
import type { CommandRun, CommandSuggest } from '../reply/commandCore.ts';
import type { Cooldown } from '../reply/cooldown.ts';
import type { DeskSource } from '../reply/deskReader.ts';
import type { CustomIdCodec } from './customId.ts';
import type { ParkedReply } from './renderDiscordReply.ts';
import type { ReplyStateStore } from './replyStateStore.ts';
import type { CommandInteraction, Delivery } from './respond.ts';

export interface BotContext {
  desk: DeskSource;
  store: ReplyStateStore<ParkedReply>;
  /** Signs and checks button custom_ids with the install's secret. */
  customIds: CustomIdCodec;
  cooldown: Cooldown;
  log: Logger;
  /** How long a handler may work before deferring (DEFER_AFTER_MS outside tests). */
  deferAfterMs: number;
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
  execute(interaction: CommandInteraction, bot: BotContext): Promise<InteractionOutcome>;
  autocomplete?(interaction: AutocompleteInteraction, bot: BotContext): Promise<InteractionOutcome>;
  /** The command's logic without Discord; the console runs slash commands through it. */
  run?: CommandRun;
  suggest?: CommandSuggest;
}
