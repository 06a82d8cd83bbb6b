/** /ask question hide mention: quoted excerpts that answer the question. */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { defineCommand, type ArgumentsOf } from '../src/discord/commandDefinition.ts';
import { HIDE_OPTION, MENTION_OPTION } from '../src/discord/commonOptions.ts';
import { AUTOCOMPLETE_LIMITS } from '../src/discord/limits.ts';
import { answerAutocomplete, executeChatCommand } from '../src/discord/runCommand.ts';
import { booleanOption, stringOption, type CommandRun, type CommandSuggest } from '../src/reply/commandCore.ts';
import { answerQuestion } from '../src/reply/composeAnswer.ts';
import { suggestQuestions } from '../src/reply/suggestions.ts';

/** Long enough for a pasted question, short enough to stay a query. */
export const QUESTION_MAX_LENGTH = 300;

export const data = defineCommand({
  type: ApplicationCommandType.ChatInput,
  name: 'ask',
  name_localizations: { 'zh-CN': '提问', 'zh-TW': '提問' },
  description: 'Quote the passages of the documents that answer a question',
  description_localizations: { 'zh-CN': '引用文档中能回答问题的段落', 'zh-TW': '引用文件中能回答問題的段落' },
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      name_localizations: { 'zh-CN': '问题', 'zh-TW': '問題' },
      description: 'What you want to know; pick a suggestion or type your own',
      description_localizations: { 'zh-CN': '你想知道什么；可选择建议或自己输入', 'zh-TW': '你想知道什麼；可選擇建議或自行輸入' },
      required: true,
      autocomplete: true,
      max_length: QUESTION_MAX_LENGTH,
    },
    HIDE_OPTION,
    MENTION_OPTION,
  ],
});

export type AskArguments = ArgumentsOf<typeof data>;

export const run: CommandRun<AskArguments> = (input, { desk, text }) =>
  answerQuestion(
    desk,
    { query: stringOption(input, 'question') ?? '', offset: 0, hidden: booleanOption(input, 'hide'), mention: stringOption(input, 'mention') },
    text,
  );

export const suggest: CommandSuggest = (_option, typed, desk) => suggestQuestions(desk, typed, AUTOCOMPLETE_LIMITS);

export const execute = executeChatCommand(run);
export const autocomplete = answerAutocomplete(suggest);
