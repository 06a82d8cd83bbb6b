/**
 * The transport-free half of a Discord command: apply the cooldown, run the command's logic on the
 * desk now serving, render, respond in time. Command modules stay a few lines long.
 */
import type { AnyOptions, CommandInput, CommandRun, CommandSuggest, LoadingRun } from '../reply/commandCore.ts';
import { messagesFor, type Messages } from '../reply/messages.ts';
import type { Reply } from '../reply/model.ts';
import type { BotContext, InteractionOutcome } from './commandModule.ts';
import type { AutocompleteCall, CommandCall, IncomingBase, InteractionCall } from './interactionPort.ts';
import { DISCORD_LIMITS } from './limits.ts';
import { renderDiscordReply, type DiscordMessage, type ParkedReply } from './renderDiscordReply.ts';
import { deferBudget, replyInTime, sendNotice } from './respond.ts';
import { deferralFor, noDeskReply, waitForDesk } from './waitForDesk.ts';

/** Refuses politely when the user is over the cooldown; true when the caller may go on. */
export async function passCooldown(call: InteractionCall, bot: BotContext, text: Messages): Promise<boolean> {
  const verdict = await bot.cooldown.take(call.incoming.userId);
  if (verdict.allowed) return true;
  await sendNotice(call, text.cooldown(Math.max(1, Math.ceil(verdict.retryAfterMs / 1_000))));
  return false;
}

/** The message for a reply, once the state its buttons need is stored where every replica finds it. */
export async function renderFor(incoming: IncomingBase, bot: BotContext, reply: Reply): Promise<DiscordMessage> {
  const parking: Promise<void>[] = [];
  const park = (state: ParkedReply): string => {
    const parked = bot.store.park(state);
    parking.push(parked.stored);
    return parked.key;
  };
  const message = renderDiscordReply(reply, { invokerId: incoming.userId, park, customIds: bot.customIds });
  await Promise.all(parking);
  return message;
}

/**
 * Runs a command's logic for an interaction and replies; `expectHidden` is the deferral's
 * visibility. `whileLoading`, when the command has one, answers at once while the first documents
 * load (/about tells how far they are) instead of waiting for them.
 */
export async function runCommand<A extends object>(
  call: CommandCall,
  bot: BotContext,
  input: CommandInput<A>,
  run: CommandRun<A>,
  expectHidden: boolean,
  whileLoading?: LoadingRun,
): Promise<InteractionOutcome> {
  const text = messagesFor(call.incoming.locale);
  if (!(await passCooldown(call, bot, text))) return { outcome: 'cooldown', results: 0 };
  // Answered at once while loading (whileLoading), it may take its usual deferral budget.
  const deferAfterMs = whileLoading !== undefined ? deferBudget(call.incoming, bot.deferAfterMs) : deferralFor(call.incoming, bot);
  let reply: Reply | undefined;
  const delivery = await replyInTime(
    call.respond,
    async () => {
      if (whileLoading !== undefined && bot.desk.current() === undefined) {
        reply = whileLoading({ text, facts: bot.desk.facts(), now: new Date() });
      } else {
        const desk = await waitForDesk(call, bot, text, 'deferred reply');
        reply = typeof desk === 'string' ? noDeskReply(desk, bot, text, text.askAgainLater) : await run(input, { desk, text, facts: bot.desk.facts(), now: new Date() });
      }
      return renderFor(call.incoming, bot, reply);
    },
    { deferAfterMs, expectHidden },
  );
  return { outcome: reply?.outcome ?? 'unknown', results: reply?.resultCount ?? 0, delivery };
}

/**
 * A slash command's execute: options straight from the interaction; `hide` decides visibility. The
 * options are trusted to be of the command's definition (Discord sends what was deployed).
 */
export function executeChatCommand<A extends object>(run: CommandRun<A>, whileLoading?: LoadingRun) {
  return (call: CommandCall, bot: BotContext): Promise<InteractionOutcome> => {
    const options: AnyOptions = call.incoming.options;
    return runCommand(call, bot, { options } as CommandInput<A>, run, options.hide === true, whileLoading);
  };
}

/**
 * Autocomplete cannot be deferred and must answer within 3 s: it never waits for a desk that is
 * still loading, it offers nothing instead.
 */
export function answerAutocomplete(suggest: CommandSuggest) {
  return async (call: AutocompleteCall, bot: BotContext): Promise<InteractionOutcome> => {
    const { focused } = call.incoming;
    const desk = bot.desk.current();
    const choices = desk === undefined ? [] : await suggest(focused.name, focused.value, desk);
    await call.respond.choices(choices.slice(0, DISCORD_LIMITS.autocompleteChoices));
    return { outcome: desk === undefined ? 'loading' : 'suggested', results: choices.length };
  };
}
