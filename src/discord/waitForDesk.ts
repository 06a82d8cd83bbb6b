/**
 * Waiting for the first documents: what a command or a button press does when it arrives before
 * the desk has loaded. It waits, says how far the loading has got while it waits, and gives up
 * plainly when Discord would stop taking its reply or when the bot is stopping.
 */
import { describeError } from '../logging/log.ts';
import type { DeskReader } from '../reply/deskReader.ts';
import type { Messages } from '../reply/messages.ts';
import { emptyReply, type Reply } from '../reply/model.ts';
import { loadingNotice, stillLoadingReply } from '../reply/stillLoading.ts';
import type { BotContext } from './commandModule.ts';
import type { IncomingBase, Responder } from './interactionPort.ts';
import { deferBudget, noticeMessage, readyWithin } from './respond.ts';

/** Why an interaction that waited for the first documents answers without them. */
export type NoDesk = 'still-loading' | 'stopping';

/**
 * Where the progress goes. 'deferred reply': the deferred reply shows it, refreshed as the count
 * moves, and the answer replaces it. 'follow-up': the interaction only acknowledged a press on a
 * message it will edit (a page turn), so the progress is told once, privately, beside it: editing
 * that message would put a notice where the user's results were.
 */
export type ProgressShown = 'deferred reply' | 'follow-up';

/**
 * How long an interaction that will wait for the desk may work before deferring: while the first
 * documents load there is nothing to wait for, so it defers at once; otherwise its deferral budget.
 */
export function deferralFor(incoming: IncomingBase, bot: BotContext): number {
  return bot.desk.current() === undefined ? 0 : deferBudget(incoming, bot.deferAfterMs);
}

/**
 * The desk to answer from, waiting for the first documents when they are not in yet. It stops
 * waiting when Discord is about to stop taking edits ('still-loading'), or a while after the bot
 * began to stop ('stopping', in time for the drain to send the notice). Notices are sent one after
 * another from here, so none can land after the answer.
 */
export async function waitForDesk(
  call: { incoming: IncomingBase; respond: Responder },
  bot: BotContext,
  text: Messages,
  shown: ProgressShown,
): Promise<DeskReader | NoDesk> {
  const serving = bot.desk.current();
  if (serving !== undefined) return serving;
  const { noticeAfterMs, noticeEveryMs, giveUpAfterMs, afterStopMs } = bot.loadingWait;
  const stopped = bot.stopping.then(() => new Promise<'stopping'>((resolve) => setTimeout(() => resolve('stopping'), afterStopMs).unref()));
  const ready = Promise.race([bot.desk.ready(), stopped]);
  const giveUpAt = Date.now() + deferBudget(call.incoming, giveUpAfterMs);
  const then = shown === 'deferred reply' ? text.answerFollows : text.updateFollows;
  let wait = noticeAfterMs;
  let last: string | undefined;
  for (;;) {
    const untilGiveUp = giveUpAt - Date.now();
    const desk = await readyWithin(ready, Math.max(0, Math.min(wait, untilGiveUp)));
    if (desk === 'stopping') return desk;
    if (desk !== 'slow') {
      await nextTurn();
      return desk;
    }
    // Decided by which wait ran out, not by reading the clock again: a timer may fire a millisecond early.
    if (untilGiveUp <= wait) return 'still-loading';
    wait = noticeEveryMs;
    const notice = loadingNotice(bot.desk.facts().loading, text, then);
    // 'fresh': the deferral is not through yet.
    if (call.respond.state() === 'fresh' || notice === last || (shown === 'follow-up' && last !== undefined)) continue;
    try {
      if (shown === 'deferred reply') await call.respond.editOriginal(noticeMessage(notice));
      else await call.respond.followUp(noticeMessage(notice));
      last = notice;
    } catch (error) {
      bot.log.warn('could not show how far the documents have loaded', { error: describeError(error) });
    }
  }
}

/** The turn the last waiter released by the first documents goes on (see nextTurn). */
let lastTurn: Promise<void> = Promise.resolve();

/**
 * Resolves on a later turn of the event loop than the waiter released before: every interaction
 * that waited for the first documents is released at the same moment, and answered at once they
 * would hold the loop for all of their work on this thread in one go (0.5 s for 60 asks at 50 MB
 * when a desk call still waited for the worker with the loop stopped; the rendering and the
 * parking of their replies still run here), keeping a newcomer, and the gateway's heartbeat,
 * waiting behind them.
 */
export function nextTurn(): Promise<void> {
  const turn = lastTurn.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  lastTurn = turn;
  return turn;
}

/** What the user is told when the wait ended without a desk; `askAgain` is the sentence that ends it. */
export function noDeskReply(why: NoDesk, bot: BotContext, text: Messages, askAgain: string): Reply {
  if (why === 'stopping') return { ...emptyReply('closing', true), notes: [text.shuttingDown] };
  return stillLoadingReply(bot.desk.facts().loading, text, askAgain);
}
