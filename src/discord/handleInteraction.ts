/**
 * Every interaction enters here: commands and autocomplete go to their command module, buttons
 * and menus to the action they encode. Whatever happens, the user gets an answer (an ephemeral
 * "something went wrong" at worst), one log line is written, and nothing is thrown.
 */
import { ApplicationCommandType } from 'discord.js';
import { describeError, type Logger } from '../logging/log.ts';
import { messagesFor } from '../reply/messages.ts';
import type { ReplyAction, ReplyMenu } from '../reply/model.ts';
import { actionHides, menuPlacement, performAction, pickFromMenu, placementOf } from '../reply/performAction.ts';
import type { Reply } from '../reply/model.ts';
import type { BotContext, CommandModule, InteractionOutcome } from './commandModule.ts';
import type { ComponentCall, Incoming, InteractionCall } from './interactionPort.ts';
import { replyInTime, sendNotice, updateInTime } from './respond.ts';
import { passCooldown, renderFor } from './runCommand.ts';
import { deferralFor, noDeskReply, waitForDesk } from './waitForDesk.ts';

export interface InteractionRouter {
  commands: ReadonlyMap<string, CommandModule>;
  /** True once shutdown began: new commands are turned away politely. */
  closing(): boolean;
}

type Pressed = { kind: 'button'; action: ReplyAction } | { kind: 'menu'; menu: ReplyMenu; sectionId: string };

type PressRefusal = 'invalid' | 'foreign' | 'expired';

/**
 * The action behind a button or menu pick. Refused as 'invalid' when the custom_id is not one this
 * bot signed, 'foreign' when the presser is not the one who ran the command (checked against the
 * signed id and against the parked state's owner, so neither alone can be talked round), 'expired'
 * when its state is gone.
 */
async function findPressed(incoming: ComponentCall['incoming'], bot: BotContext): Promise<Pressed | PressRefusal> {
  const target = bot.customIds.decode(incoming.customId);
  if (target === undefined) return 'invalid';
  if (target.invoker !== incoming.userId) return 'foreign';
  const parked = await bot.store.get(target.key);
  if (parked === undefined) return 'expired';
  if (parked.owner !== incoming.userId) return 'foreign';
  if (target.kind === 'menu') {
    const sectionId = incoming.componentType === 'select' ? incoming.values[0] : undefined;
    const known = parked.menu?.options.some((option) => option.sectionId === sectionId);
    return parked.menu !== undefined && sectionId !== undefined && known ? { kind: 'menu', menu: parked.menu, sectionId } : 'expired';
  }
  const action = parked.actions[target.index];
  return action !== undefined && action.kind === target.action ? { kind: 'button', action } : 'expired';
}

async function handleComponent(call: ComponentCall, bot: BotContext): Promise<InteractionOutcome> {
  const { incoming } = call;
  const text = messagesFor(incoming.locale);
  const pressed = await findPressed(incoming, bot);
  if (pressed === 'invalid') {
    await sendNotice(call, text.invalidButton);
    return { outcome: 'invalid', results: 0 };
  }
  if (pressed === 'foreign') {
    await sendNotice(call, text.notYourButton);
    return { outcome: 'refused', results: 0 };
  }
  if (pressed === 'expired') {
    await sendNotice(call, text.expired);
    return { outcome: 'expired', results: 0 };
  }
  if (!(await passCooldown(call, bot, text))) return { outcome: 'cooldown', results: 0 };

  const placement = pressed.kind === 'menu' ? menuPlacement(pressed.menu) : placementOf(pressed.action);
  const expectHidden = pressed.kind === 'menu' ? pressed.menu.hidden : actionHides(pressed.action);
  const deferAfterMs = deferralFor(incoming, bot);
  let reply: Reply | undefined;
  let deskMissing = false;
  const answer = async (): Promise<Reply> => {
    const desk = await waitForDesk(call, bot, text, placement === 'replace' ? 'follow-up' : 'deferred reply');
    deskMissing = typeof desk === 'string';
    if (typeof desk === 'string') return noDeskReply(desk, bot, text, text.pressAgainLater);
    return (await (pressed.kind === 'menu' ? pickFromMenu(desk, pressed.menu, pressed.sectionId, text) : performAction(desk, pressed.action, text))).reply;
  };
  const delivery =
    placement === 'replace'
      ? await updateInTime(
          call.respond,
          async () => {
            reply = await answer();
            // Without a desk the message the press sits on stays as it was; the user is told privately below.
            return deskMissing ? undefined : renderFor(incoming, bot, reply);
          },
          { deferAfterMs },
        )
      : await replyInTime(call.respond, async () => renderFor(incoming, bot, (reply = await answer())), { deferAfterMs, expectHidden });
  if (placement === 'replace' && deskMissing && reply !== undefined) await sendNotice(call, reply.notes.join('\n'));
  return { outcome: reply?.outcome ?? 'unknown', results: reply?.resultCount ?? 0, delivery };
}

function describeInteraction(incoming: Incoming, bot: BotContext): string {
  switch (incoming.kind) {
    case 'autocomplete':
      return `${incoming.commandName}:autocomplete`;
    case 'command':
      return incoming.commandName;
    case 'modal':
      return 'modal';
    case 'component': {
      const target = bot.customIds.decode(incoming.customId);
      if (target === undefined) return 'component:invalid';
      return target.kind === 'menu' ? 'menu:pick' : `button:${target.action}`;
    }
    case 'other':
      return `type:${incoming.type}`;
  }
}

async function route(call: InteractionCall, bot: BotContext, router: InteractionRouter): Promise<InteractionOutcome> {
  const { incoming, respond } = call;
  if (incoming.kind === 'autocomplete') {
    const command = router.commands.get(incoming.commandName);
    if (command?.autocomplete === undefined) {
      await respond.choices([]);
      return { outcome: 'unknown-command', results: 0 };
    }
    return command.autocomplete({ incoming, respond }, bot);
  }
  if (incoming.kind === 'other' && !incoming.repliable) return { outcome: 'ignored', results: 0 };
  const text = messagesFor(incoming.locale);
  if (router.closing()) {
    await sendNotice(call, text.shuttingDown);
    return { outcome: 'closing', results: 0 };
  }
  // Chat input, user and message commands alike. A name this bot does not serve (left over from an
  // older deploy, or of a type it has none of) gets told so rather than silence.
  if (incoming.kind === 'command') {
    const command = router.commands.get(incoming.commandName);
    if (command === undefined || !servesType(command, incoming.commandType)) {
      await sendNotice(call, text.unknownCommand);
      return { outcome: 'unknown-command', results: 0 };
    }
    return command.execute({ incoming, respond }, bot);
  }
  if (incoming.kind === 'component') return handleComponent({ incoming, respond }, bot);
  // The bot opens no forms and offers no other components: whatever arrives was not asked for.
  if (incoming.kind === 'modal') {
    await sendNotice(call, text.unexpectedForm);
    return { outcome: 'unexpected-form', results: 0 };
  }
  await sendNotice(call, text.invalidButton);
  return { outcome: 'invalid', results: 0 };
}

/** Whether a command module is of the given type (chat input when its data says none). */
function servesType(command: CommandModule, type: number): boolean {
  return (command.data.toJSON().type ?? ApplicationCommandType.ChatInput) === type;
}

/**
 * Waits for the replies in flight to finish, at most drainMs: what a stop does before it closes the
 * gateway connection or the endpoint. Says so when it stops waiting with replies unfinished.
 */
export async function drainInFlight(pending: ReadonlySet<Promise<unknown>>, drainMs: number, log: Logger): Promise<void> {
  const drained = Promise.allSettled([...pending]).then(() => true);
  const waited = await Promise.race([drained, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), drainMs).unref())]);
  if (!waited) log.warn('shutdown did not wait for every reply', { inFlight: pending.size });
}

/** Handles one interaction from any transport; resolves once it is answered and logged. */
export async function handleInteraction(call: InteractionCall, bot: BotContext, router: InteractionRouter): Promise<InteractionOutcome> {
  const { incoming, respond } = call;
  const started = performance.now();
  const name = describeInteraction(incoming, bot);
  let result: InteractionOutcome = { outcome: 'error', results: 0 };
  try {
    result = await route(call, bot, router);
  } catch (error) {
    bot.log.error('interaction failed', { command: name, user: incoming.userId, error: describeError(error) });
    try {
      if (incoming.kind === 'autocomplete') {
        if (respond.state() === 'fresh') await respond.choices([]);
      } else if (incoming.kind !== 'other' || incoming.repliable) {
        await sendNotice(call, messagesFor(incoming.locale).somethingWentWrong);
      }
    } catch (noticeError) {
      bot.log.warn('could not tell the user about the failure', { command: name, error: describeError(noticeError) });
    }
  } finally {
    bot.log.info('interaction', {
      command: name,
      user: incoming.userId,
      ms: Math.round(performance.now() - started),
      results: result.results,
      outcome: result.outcome,
      delivery: result.delivery,
    });
  }
  return result;
}
