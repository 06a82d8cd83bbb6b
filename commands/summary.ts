/** /summary section hide mention: a section's heading path and summary. */
import { SlashCommandBuilder } from 'discord.js';
import { hideOption, mentionOption } from '../src/discord/commonOptions.ts';
import { AUTOCOMPLETE_LIMITS } from '../src/discord/limits.ts';
import { answerAutocomplete, executeChatCommand } from '../src/discord/runCommand.ts';
import { booleanOption, stringOption, type CommandRun, type CommandSuggest } from '../src/reply/commandCore.ts';
import { summarizeValue } from '../src/reply/composeSummary.ts';
import { suggestSectionChoices } from '../src/reply/suggestions.ts';

export const data = new SlashCommandBuilder()
  .setName('summary')
  .setNameLocalizations({ 'zh-CN': '摘要', 'zh-TW': '摘要' })
  .setDescription('Summarize one section of the documents')
  .setDescriptionLocalizations({ 'zh-CN': '总结文档中的一个章节', 'zh-TW': '總結文件中的一個章節' })
  .addStringOption((option) =>
    option
      .setName('section')
      .setNameLocalizations({ 'zh-CN': '章节', 'zh-TW': '章節' })
      .setDescription('The section; start typing its title')
      .setDescriptionLocalizations({ 'zh-CN': '章节；输入标题的开头', 'zh-TW': '章節；輸入標題的開頭' })
      .setRequired(true)
      .setAutocomplete(true)
      .setMaxLength(200),
  )
  .addBooleanOption(hideOption)
  .addUserOption(mentionOption);

export const run: CommandRun = (input, { desk, text }) =>
  summarizeValue(desk, stringOption(input, 'section') ?? '', { hidden: booleanOption(input, 'hide'), mention: stringOption(input, 'mention') }, text);

export const suggest: CommandSuggest = (_option, typed, desk) => suggestSectionChoices(desk, typed, AUTOCOMPLETE_LIMITS);

export const execute = executeChatCommand(run);
export const autocomplete = answerAutocomplete(suggest);
