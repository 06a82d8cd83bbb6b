/**
 * Message context menu "Ask the docs": the target message's text is the question. The answer is
 * hidden with "Send in chat", and addresses the message's author, so that sharing it answers them.
 */
import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import type { BotContext, InteractionOutcome } from '../src/discord/commandModule.ts';
import type { CommandInteraction } from '../src/discord/respond.ts';
import { runCommand } from '../src/discord/runCommand.ts';
import { stringOption, type CommandRun } from '../src/reply/commandCore.ts';
import { cutToLimit } from '../src/reply/cutToLimit.ts';
import { emptyReply } from '../src/reply/model.ts';
import { questionOfMessage } from '../src/search/findQuestion.ts';
import { QUESTION_MAX_LENGTH, run as ask } from './ask.ts';

export const data = new ContextMenuCommandBuilder()
  .setName('Ask the docs')
  .setNameLocalizations({ 'zh-CN': '问文档', 'zh-TW': '問文件' })
  .setType(ApplicationCommandType.Message);

export const run: CommandRun = (input, context) => {
  if ((stringOption(input, 'question') ?? '').trim() === '') {
    return { ...emptyReply('invalid', true), notes: [context.text.noTextInMessage] };
  }
  return ask(input, context);
};

export async function execute(interaction: CommandInteraction, bot: BotContext): Promise<InteractionOutcome> {
  if (!interaction.isMessageContextMenuCommand()) throw new Error('Ask the docs runs on messages only');
  const target = interaction.targetMessage;
  const author = target.author;
  const addressAuthor = !author.bot && author.id !== interaction.user.id;
  // The question is found in the whole message first: cutting first would lose one asked at the end of a long paste.
  const question = cutToLimit(questionOfMessage(target.content), QUESTION_MAX_LENGTH, { ellipsis: '' });
  const input = { options: { question, hide: true, mention: addressAuthor ? author.id : undefined } };
  return runCommand(interaction, bot, input, run, true);
}
