/** /sections document: the documents, or one document's outline with empty sections marked. */
import { SlashCommandBuilder } from 'discord.js';
import { AUTOCOMPLETE_LIMITS } from '../src/discord/limits.ts';
import { answerAutocomplete, executeChatCommand } from '../src/discord/runCommand.ts';
import { stringOption, type CommandRun, type CommandSuggest } from '../src/reply/commandCore.ts';
import { listSections } from '../src/reply/composeOutline.ts';
import { suggestDocuments } from '../src/reply/suggestions.ts';

export const data = new SlashCommandBuilder()
  .setName('sections')
  .setNameLocalizations({ 'zh-CN': '章节', 'zh-TW': '章節' })
  .setDescription('List the documents, or the headings of one document')
  .setDescriptionLocalizations({ 'zh-CN': '列出文档，或某个文档的标题', 'zh-TW': '列出文件，或某份文件的標題' })
  .addStringOption((option) =>
    option
      .setName('document')
      .setNameLocalizations({ 'zh-CN': '文档', 'zh-TW': '文件' })
      .setDescription('The document whose outline to show; leave empty for the list of documents')
      .setDescriptionLocalizations({ 'zh-CN': '要显示目录的文档；留空则列出所有文档', 'zh-TW': '要顯示目錄的文件；留空則列出所有文件' })
      .setAutocomplete(true)
      .setMaxLength(200),
  );

export const run: CommandRun = (input, { desk, text }) =>
  listSections(desk, { document: stringOption(input, 'document'), page: 1, hidden: false }, text);

export const suggest: CommandSuggest = (_option, typed, desk) => suggestDocuments(desk, typed, AUTOCOMPLETE_LIMITS);

export const execute = executeChatCommand(run);
export const autocomplete = answerAutocomplete(suggest);
