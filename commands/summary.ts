/** /summary section hide mention: a section's heading path and summary. */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { defineCommand, type ArgumentsOf } from '../src/discord/commandDefinition.ts';
import { HIDE_OPTION, MENTION_OPTION } from '../src/discord/commonOptions.ts';
import { AUTOCOMPLETE_LIMITS } from '../src/discord/limits.ts';
import { answerAutocomplete, executeChatCommand } from '../src/discord/runCommand.ts';
import { booleanOption, stringOption, type CommandRun, type CommandSuggest } from '../src/reply/commandCore.ts';
import { summarizeValue } from '../src/reply/composeSummary.ts';
import { suggestSectionChoices } from '../src/reply/suggestions.ts';

export const data = defineCommand({
  type: ApplicationCommandType.ChatInput,
  name: 'summary',
  name_localizations: { 'zh-CN': '摘要', 'zh-TW': '摘要' },
  description: 'Summarize one section of the documents',
  description_localizations: { 'zh-CN': '总结文档中的一个章节', 'zh-TW': '總結文件中的一個章節' },
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'section',
      name_localizations: { 'zh-CN': '章节', 'zh-TW': '章節' },
      description: 'The section; start typing its title',
      description_localizations: { 'zh-CN': '章节；输入标题的开头', 'zh-TW': '章節；輸入標題的開頭' },
      required: true,
      autocomplete: true,
      max_length: 200,
    },
    HIDE_OPTION,
    MENTION_OPTION,
  ],
});

export const run: CommandRun<ArgumentsOf<typeof data>> = (input, { desk, text }) =>
  summarizeValue(desk, stringOption(input, 'section') ?? '', { hidden: booleanOption(input, 'hide'), mention: stringOption(input, 'mention') }, text);

export const suggest: CommandSuggest = (_option, typed, desk) => suggestSectionChoices(desk, typed, AUTOCOMPLETE_LIMITS);

export const execute = executeChatCommand(run);
export const autocomplete = answerAutocomplete(suggest);
