/**
 * The gateway adapter: a discord.js interaction as the port's Incoming and Responder. Only this file
 * (and bot.ts, which owns the client) knows discord.js's interaction classes.
 */
import {
  DiscordAPIError,
  MessageFlags,
  RESTJSONErrorCodes,
  type CommandInteractionOption,
  type Interaction,
  type RepliableInteraction,
} from 'discord.js';
import type { AnyOptions, OptionValue } from '../reply/commandCore.ts';
import type { Choice } from '../reply/suggestions.ts';
import { focusedOption, type AnswerState, type Incoming, type IncomingBase, type InteractionCall, type Responder } from './interactionPort.ts';
import type { DiscordMessage } from './renderDiscordReply.ts';
import { editPayload, isConnectionReset, newMessagePayload, retryOnceOnReset } from './respond.ts';

/** Option values by name; user options give the user id. */
export function readOptions(options: readonly { name: string; value?: OptionValue }[]): AnyOptions {
  const values: AnyOptions = {};
  for (const option of options) values[option.name] = option.value;
  return values;
}

function incomingOf(interaction: Interaction): Incoming {
  const base: IncomingBase = {
    userId: interaction.user.id,
    locale: interaction.locale,
    guildId: interaction.guildId ?? undefined,
    createdTimestamp: interaction.createdTimestamp,
  };
  if (interaction.isAutocomplete()) {
    // From the raw options: getFocused throws on a payload without a focused option.
    return { ...base, kind: 'autocomplete', commandName: interaction.commandName, focused: focusedOption(interaction.options.data) };
  }
  if (interaction.isMessageContextMenuCommand()) {
    const { targetMessage } = interaction;
    return {
      ...base,
      kind: 'command',
      commandName: interaction.commandName,
      commandType: interaction.commandType,
      options: {},
      target: { content: targetMessage.content, authorId: targetMessage.author.id, authorIsBot: targetMessage.author.bot },
    };
  }
  if (interaction.isCommand()) {
    const options: readonly CommandInteractionOption[] = interaction.isChatInputCommand() ? interaction.options.data : [];
    return { ...base, kind: 'command', commandName: interaction.commandName, commandType: interaction.commandType, options: readOptions(options) };
  }
  if (interaction.isButton()) return { ...base, kind: 'component', componentType: 'button', customId: interaction.customId, values: [] };
  if (interaction.isStringSelectMenu()) return { ...base, kind: 'component', componentType: 'select', customId: interaction.customId, values: interaction.values };
  if (interaction.isModalSubmit()) return { ...base, kind: 'modal' };
  return { ...base, kind: 'other', type: interaction.type, repliable: interaction.isRepliable() };
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

class GatewayResponder implements Responder {
  constructor(private readonly interaction: Interaction) {}

  private repliable(): RepliableInteraction {
    if (!this.interaction.isRepliable()) throw new Error(`interaction type ${this.interaction.type} cannot be replied to`);
    return this.interaction;
  }

  private component() {
    if (!this.interaction.isMessageComponent()) throw new Error('only a component interaction can update its message');
    return this.interaction;
  }

  state(): AnswerState {
    const interaction = this.interaction;
    if (interaction.isAutocomplete()) return interaction.responded ? 'replied' : 'fresh';
    if (!interaction.isRepliable()) return 'fresh';
    if (interaction.replied) return 'replied';
    return interaction.deferred ? 'deferred' : 'fresh';
  }

  reply(message: DiscordMessage): Promise<void> {
    const interaction = this.repliable();
    const payload = newMessagePayload(message);
    return sendCallback(
      () => interaction.reply(payload),
      () => {
        interaction.replied = true;
        interaction.ephemeral = (payload.flags & MessageFlags.Ephemeral) !== 0;
      },
    );
  }

  deferReply(hidden: boolean): Promise<void> {
    const interaction = this.repliable();
    return sendCallback(
      () => interaction.deferReply({ flags: hidden ? MessageFlags.Ephemeral : undefined }),
      () => {
        interaction.deferred = true;
        interaction.ephemeral = hidden;
      },
    );
  }

  update(message: DiscordMessage): Promise<void> {
    const interaction = this.component();
    const payload = editPayload(message);
    return sendCallback(
      () => interaction.update(payload),
      () => {
        interaction.replied = true;
      },
    );
  }

  deferUpdate(): Promise<void> {
    const interaction = this.component();
    return sendCallback(
      () => interaction.deferUpdate(),
      () => {
        interaction.deferred = true;
      },
    );
  }

  choices(choices: readonly Choice[]): Promise<void> {
    const interaction = this.interaction;
    if (!interaction.isAutocomplete()) throw new Error('only autocomplete takes choices');
    return sendCallback(
      () => interaction.respond([...choices]),
      () => {
        interaction.responded = true;
      },
    );
  }

  async editOriginal(message: DiscordMessage): Promise<void> {
    const interaction = this.repliable();
    await retryOnceOnReset(() => interaction.editReply(editPayload(message)));
  }

  async deleteOriginal(): Promise<void> {
    await this.repliable().deleteReply();
  }

  async followUp(message: DiscordMessage): Promise<void> {
    await this.repliable().followUp(newMessagePayload(message));
  }
}

/** A gateway interaction as the bot handles it. */
export function gatewayCall(interaction: Interaction): InteractionCall {
  return { incoming: incomingOf(interaction), respond: new GatewayResponder(interaction) };
}
