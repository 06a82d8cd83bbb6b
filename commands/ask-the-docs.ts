/**
 * Message context menu "Ask the docs": the target message's text is the question. The answer is
 * hidden with "Send in chat", and addresses the message's author, so that sharing it answers them.
 */
import { ApplicationCommandType } from 'discord.js';
import { defineCommand } from '../src/discord/commandDefinition.ts';
import type { BotContext, InteractionOutcome } from '../src/discord/commandModule.ts';
import type { CommandCall } from '../src/discord/interactionPort.ts';
import { runCommand } from '../src/discord/runCommand.ts';
import { stringOption, type CommandRun } from '../src/reply/commandCore.ts';
import { cutToLimit } from '../src/reply/cutToLimit.ts';
import { emptyReply } from '../src/reply/model.ts';
import { questionOfMessage } from '../src/search/findQuestion.ts';
import { QUESTION_MAX_LENGTH, run as ask, type AskArguments } from './ask.ts';

export const data = defineCommand({
  type: ApplicationCommandType.Message,
  name: 'Ask the docs',
  name_localizations: { 'zh-CN': '问文档', 'zh-TW': '問文件' },
});

export const run: CommandRun<AskArguments> = async (input, context) => {
  if ((stringOption(input, 'question') ?? '').trim() === '') {
    return { ...emptyReply('invalid', true), notes: [context.text.noTextInMessage] };
  }
  return ask(input, context);
};

export async function execute(call: CommandCall, bot: BotContext): Promise<InteractionOutcome> {
  const { target, userId } = call.incoming;
  if (target === undefined) throw new Error('Ask the docs runs on messages only');
  const addressAuthor = !target.authorIsBot && target.authorId !== userId;
  // The question is found in the whole message first: cutting first would lose one asked at the end of a long paste.
  const question = cutToLimit(questionOfMessage(target.content), QUESTION_MAX_LENGTH, { ellipsis: '' });
  const input = { options: { question, hide: true, mention: addressAuthor ? target.authorId : undefined } };
  return runCommand(call, bot, input, run, true);
}
