/**
 * Every interaction enters here: commands and autocomplete go to their command module, buttons
 * and menus to the action they encode. Whatever happens, the user gets an answer (an ephemeral
 * "something went wrong" at worst), one log line is written, and nothing is thrown.
 */
import { ApplicationCommandType, type ButtonInteraction, type Interaction, type StringSelectMenuInteraction } from 'discord.js';
import { describeError } from '../logging/log.ts';
import { messagesFor } from '../reply/messages.ts';
import type { ReplyAction, ReplyMenu } from '../reply/model.ts';
import { actionHides, menuPlacement, performAction, pickFromMenu, placementOf, type ActionResult } from '../reply/performAction.ts';
import type { BotContext, CommandModule, InteractionOutcome } from './commandModule.ts';
import { replyInTime, respondChoices, sendNotice, updateInTime, type ComponentInteraction } from './respond.ts';
import { deferBudget, passCooldown, renderFor } from './runCommand.ts';

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
async function findPressed(interaction: ComponentInteraction, bot: BotContext): Promise<Pressed | PressRefusal> {
  const target = bot.customIds.decode(interaction.customId);
  if (target === undefined) return 'invalid';
  if (target.invoker !== interaction.user.id) return 'foreign';
  const parked = await bot.store.get(target.key);
  if (parked === undefined) return 'expired';
  if (parked.owner !== interaction.user.id) return 'foreign';
  if (target.kind === 'menu') {
    const sectionId = interaction.isStringSelectMenu() ? interaction.values[0] : undefined;
    const known = parked.menu?.options.some((option) => option.sectionId === sectionId);
    return parked.menu !== undefined && sectionId !== undefined && known ? { kind: 'menu', menu: parked.menu, sectionId } : 'expired';
  }
  const action = parked.actions[target.index];
  return action !== undefined && action.kind === target.action ? { kind: 'button', action } : 'expired';
}

async function handleComponent(interaction: ButtonInteraction | StringSelectMenuInteraction, bot: BotContext): Promise<InteractionOutcome> {
  const text = messagesFor(interaction.locale);
  const pressed = await findPressed(interaction, bot);
  if (pressed === 'invalid') {
    await sendNotice(interaction, text.invalidButton);
    return { outcome: 'invalid', results: 0 };
  }
  if (pressed === 'foreign') {
    await sendNotice(interaction, text.notYourButton);
    return { outcome: 'refused', results: 0 };
  }
  if (pressed === 'expired') {
    await sendNotice(interaction, text.expired);
    return { outcome: 'expired', results: 0 };
  }
  if (!(await passCooldown(interaction, bot, text))) return { outcome: 'cooldown', results: 0 };

  let result: ActionResult | undefined;
  const produce = async () => {
    const desk = await bot.desk.ready();
    result =
      pressed.kind === 'menu'
        ? pickFromMenu(desk, pressed.menu, pressed.sectionId, text)
        : performAction(desk, pressed.action, text);
    return renderFor(interaction, bot, result.reply);
  };
  const placement = pressed.kind === 'menu' ? menuPlacement(pressed.menu) : placementOf(pressed.action);
  const expectHidden = pressed.kind === 'menu' ? pressed.menu.hidden : actionHides(pressed.action);
  const delivery =
    placement === 'replace'
      ? await updateInTime(interaction, produce, { deferAfterMs: deferBudget(interaction, bot.deferAfterMs) })
      : await replyInTime(interaction, produce, { deferAfterMs: deferBudget(interaction, bot.deferAfterMs), expectHidden });
  return { outcome: result?.reply.outcome ?? 'unknown', results: result?.reply.resultCount ?? 0, delivery };
}

function describeInteraction(interaction: Interaction, bot: BotContext): string {
  if (interaction.isAutocomplete()) return `${interaction.commandName}:autocomplete`;
  if (interaction.isCommand()) return interaction.commandName;
  if (interaction.isModalSubmit()) return 'modal';
  if (interaction.isButton() || interaction.isStringSelectMenu()) {
    const target = bot.customIds.decode(interaction.customId);
    if (target === undefined) return 'component:invalid';
    return target.kind === 'menu' ? 'menu:pick' : `button:${target.action}`;
  }
  return `type:${interaction.type}`;
}

async function route(interaction: Interaction, bot: BotContext, router: InteractionRouter): Promise<InteractionOutcome> {
  if (interaction.isAutocomplete()) {
    const command = router.commands.get(interaction.commandName);
    if (command?.autocomplete === undefined) {
      await respondChoices(interaction, []);
      return { outcome: 'unknown-command', results: 0 };
    }
    return command.autocomplete(interaction, bot);
  }
  if (!interaction.isRepliable()) return { outcome: 'ignored', results: 0 };
  const text = messagesFor(interaction.locale);
  if (router.closing()) {
    await sendNotice(interaction, text.shuttingDown);
    return { outcome: 'closing', results: 0 };
  }
  // Chat input, user and message commands alike. A name this bot does not serve (left over from an
  // older deploy, or of a type it has none of) gets told so rather than silence.
  if (interaction.isCommand()) {
    const command = router.commands.get(interaction.commandName);
    if (command === undefined || !(interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) || !servesType(command, interaction.commandType)) {
      await sendNotice(interaction, text.unknownCommand);
      return { outcome: 'unknown-command', results: 0 };
    }
    return command.execute(interaction, bot);
  }
  if (interaction.isButton() || interaction.isStringSelectMenu()) return handleComponent(interaction, bot);
  // The bot opens no forms and offers no other components: whatever arrives was not asked for.
  if (interaction.isModalSubmit()) {
    await sendNotice(interaction, text.unexpectedForm);
    return { outcome: 'unexpected-form', results: 0 };
  }
  await sendNotice(interaction, text.invalidButton);
  return { outcome: 'invalid', results: 0 };
}

/** Whether a command module is of the given type (chat input when its data says none). */
function servesType(command: CommandModule, type: ApplicationCommandType): boolean {
  return (command.data.toJSON().type ?? ApplicationCommandType.ChatInput) === type;
}

export async function handleInteraction(interaction: Interaction, bot: BotContext, router: InteractionRouter): Promise<void> {
  const started = performance.now();
  const name = describeInteraction(interaction, bot);
  let result: InteractionOutcome = { outcome: 'error', results: 0 };
  try {
    result = await route(interaction, bot, router);
  } catch (error) {
    bot.log.error('interaction failed', { command: name, user: interaction.user.id, error: describeError(error) });
    try {
      if (interaction.isAutocomplete()) {
        if (!interaction.responded) await respondChoices(interaction, []);
      } else if (interaction.isRepliable()) {
        await sendNotice(interaction, messagesFor(interaction.locale).somethingWentWrong);
      }
    } catch (noticeError) {
      bot.log.warn('could not tell the user about the failure', { command: name, error: describeError(noticeError) });
    }
  } finally {
    bot.log.info('interaction', {
      command: name,
      user: interaction.user.id,
      ms: Math.round(performance.now() - started),
      results: result.results,
      outcome: result.outcome,
      delivery: result.delivery,
    });
  }
}
