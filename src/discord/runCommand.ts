/**
 * The transport-free half of a Discord command: apply the cooldown, run the command's logic on the
 * desk now serving, render, respond in time. Command modules stay a few lines long.
 */
import { describeError } from '../logging/log.ts';
import type { AnyOptions, CommandInput, CommandRun, CommandSuggest, LoadingRun } from '../reply/commandCore.ts';
import type { DeskReader } from '../reply/deskReader.ts';
import { messagesFor, type Messages } from '../reply/messages.ts';
import { emptyReply, type Reply } from '../reply/model.ts';
import { loadingNotice, stillLoadingReply } from '../reply/stillLoading.ts';
import type { BotContext, InteractionOutcome } from './commandModule.ts';
import type { AutocompleteCall, CommandCall, IncomingBase, InteractionCall } from './interactionPort.ts';
import { DISCORD_LIMITS } from './limits.ts';
import { renderDiscordReply, type DiscordMessage, type ParkedReply } from './renderDiscordReply.ts';
import { noticeMessage, readyWithin, replyInTime, sendNotice } from './respond.ts';

/** Refuses politely when the user is over the cooldown; true when the caller may go on. */
export async function passCooldown(call: InteractionCall, bot: BotContext, text: Messages): Promise<boolean> {
  const verdict = await bot.cooldown.take(call.incoming.userId);
  if (verdict.allowed) return true;
  await sendNotice(call, text.cooldown(Math.max(1, Math.ceil(verdict.retryAfterMs / 1_000))));
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

/** Why a command that waited for the first documents answers without them. */
type NoDesk = 'still-loading' | 'stopping';

/**
 * The desk to answer from. While the first documents load the command waits for them, and its
 * deferred reply says how far they have got (refreshed as the count moves) until the answer
 * replaces it. It stops waiting when Discord is about to stop taking edits ('still-loading'), or
 * a while after the bot began to stop ('stopping', in time for the drain to send the notice).
 * Notices are sent one after another from here, so none can land after the answer.
 */
async function waitForDesk(call: CommandCall, bot: BotContext, text: Messages): Promise<DeskReader | NoDesk> {
  const serving = bot.desk.current();
  if (serving !== undefined) return serving;
  const { noticeAfterMs, noticeEveryMs, giveUpAfterMs, afterStopMs } = bot.loadingWait;
  const stopped = bot.stopping.then(() => new Promise<'stopping'>((resolve) => setTimeout(() => resolve('stopping'), afterStopMs).unref()));
  const ready = Promise.race([bot.desk.ready(), stopped]);
  const giveUpAt = Date.now() + deferBudget(call.incoming, giveUpAfterMs);
  let wait = noticeAfterMs;
  let shown: string | undefined;
  for (;;) {
    const desk = await readyWithin(ready, Math.max(0, Math.min(wait, giveUpAt - Date.now())));
    if (desk !== 'slow') return desk;
    if (Date.now() >= giveUpAt) return 'still-loading';
    wait = noticeEveryMs;
    const notice = loadingNotice(bot.desk.facts().loading, text);
    // 'fresh': the deferral is not through yet. (After the first notice the state reads 'replied'.)
    if (notice === shown || call.respond.state() === 'fresh') continue;
    try {
      await call.respond.editOriginal(noticeMessage(notice));
      shown = notice;
    } catch (error) {
      bot.log.warn('could not show how far the documents have loaded', { error: describeError(error) });
    }
  }
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
  const loading = bot.desk.current() === undefined;
  let reply: Reply | undefined;
  const delivery = await replyInTime(
    call.respond,
    async () => {
      if (whileLoading !== undefined && bot.desk.current() === undefined) {
        reply = whileLoading({ text, facts: bot.desk.facts(), now: new Date() });
      } else {
        const desk = await waitForDesk(call, bot, text);
        if (desk === 'still-loading') reply = stillLoadingReply(bot.desk.facts().loading, text);
        else if (desk === 'stopping') reply = { ...emptyReply('closing', true), notes: [text.shuttingDown] };
        else reply = run(input, { desk, text, facts: bot.desk.facts(), now: new Date() });
      }
      return renderFor(call.incoming, bot, reply);
    },
    // While the first documents load there is nothing to wait for: defer at once.
    { deferAfterMs: loading && whileLoading === undefined ? 0 : deferBudget(call.incoming, bot.deferAfterMs), expectHidden },
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
    const choices = desk === undefined ? [] : suggest(focused.name, focused.value, desk);
    await call.respond.choices(choices.slice(0, DISCORD_LIMITS.autocompleteChoices));
    return { outcome: desk === undefined ? 'loading' : 'suggested', results: choices.length };
  };
}
