/**
 * The Discord half of a command: read the options, apply the cooldown, run the command's logic on
 * the desk now serving, render, respond in time. Command modules stay a few lines long.
 */
import type { AutocompleteInteraction, CommandInteractionOption } from 'discord.js';
import type { CommandInput, CommandRun, CommandSuggest, OptionValue } from '../reply/commandCore.ts';
import { messagesFor, type Messages } from '../reply/messages.ts';
import type { Reply } from '../reply/model.ts';
import type { BotContext, InteractionOutcome } from './commandModule.ts';
import { DISCORD_LIMITS } from './limits.ts';
import { renderDiscordReply, type DiscordMessage, type ParkedReply } from './renderDiscordReply.ts';
import { replyInTime, respondChoices, sendNotice, type CommandInteraction, type RespondableInteraction } from './respond.ts';

/** Option values by name; user options give the user id. */
export function readCommandInput(options: readonly CommandInteractionOption[]): CommandInput {
  const values: Record<string, OptionValue | undefined> = {};
  for (const option of options) values[option.name] = option.value;
  return { options: values };
}

/** Refuses politely when the user is over the cooldown; true when the caller may go on. */
export async function passCooldown(interaction: RespondableInteraction, bot: BotContext, text: Messages): Promise<boolean> {
  const verdict = await bot.cooldown.take(interaction.user.id);
  if (verdict.allowed) return true;
  await sendNotice(interaction, text.cooldown(Math.max(1, Math.ceil(verdict.retryAfterMs / 1_000))));
  return false;
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

/** The message for a reply, once the state its buttons need is stored where every replica finds it. */
export async function renderFor(interaction: RespondableInteraction, bot: BotContext, reply: Reply): Promise<DiscordMessage> {
  const parking: Promise<void>[] = [];
  const park = (state: ParkedReply): string => {
    const parked = bot.store.park(state);
    parking.push(parked.stored);
    return parked.key;
  };
  const message = renderDiscordReply(reply, { invokerId: interaction.user.id, park, customIds: bot.customIds });
  await Promise.all(parking);
  return message;
}

/** Runs a command's logic for an interaction and replies; `expectHidden` is the deferral's visibility. */
export async function runCommand(
  interaction: CommandInteraction,
  bot: BotContext,
  input: CommandInput,
  run: CommandRun,
  expectHidden: boolean,
): Promise<InteractionOutcome> {
  const text = messagesFor(interaction.locale);
  if (!(await passCooldown(interaction, bot, text))) return { outcome: 'cooldown', results: 0 };
  let reply: Reply | undefined;
  const delivery = await replyInTime(
    interaction,
    async () => {
      const desk = await bot.desk.ready();
      reply = run(input, { desk, text, facts: bot.desk.facts(), now: new Date() });
      return renderFor(interaction, bot, reply);
    },
    // While the first documents load there is nothing to wait for: defer at once.
    { deferAfterMs: bot.desk.current() === undefined ? 0 : deferBudget(interaction, bot.deferAfterMs), expectHidden },
  );
  return { outcome: reply?.outcome ?? 'unknown', results: reply?.resultCount ?? 0, delivery };
}

/** A slash command's execute: options straight from the interaction; `hide` decides visibility. */
export function executeChatCommand(run: CommandRun) {
  return (interaction: CommandInteraction, bot: BotContext): Promise<InteractionOutcome> => {
    const input = readCommandInput(interaction.options.data);
    return runCommand(interaction, bot, input, run, input.options.hide === true);
  };
}

/**
 * Autocomplete cannot be deferred and must answer within 3 s: it never waits for a desk that is
 * still loading, it offers nothing instead.
 */
export function answerAutocomplete(suggest: CommandSuggest) {
  return async (interaction: AutocompleteInteraction, bot: BotContext): Promise<InteractionOutcome> => {
    const focused = interaction.options.getFocused(true);
    const desk = bot.desk.current();
    const choices = desk === undefined ? [] : suggest(focused.name, String(focused.value), desk);
    await respondChoices(interaction, choices.slice(0, DISCORD_LIMITS.autocompleteChoices));
    return { outcome: desk === undefined ? 'loading' : 'suggested', results: choices.length };
  };
}
