/** /sections document: the documents, or one document's outline with empty sections marked. */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { defineCommand, type ArgumentsOf } from '../src/discord/commandDefinition.ts';
import { AUTOCOMPLETE_LIMITS } from '../src/discord/limits.ts';
import { answerAutocomplete, executeChatCommand } from '../src/discord/runCommand.ts';
import { stringOption, type CommandRun, type CommandSuggest } from '../src/reply/commandCore.ts';
import { listSections } from '../src/reply/composeOutline.ts';
import { suggestDocuments } from '../src/reply/suggestions.ts';

export const data = defineCommand({
  type: ApplicationCommandType.ChatInput,
  name: 'sections',
  name_localizations: { 'zh-CN': '章节', 'zh-TW': '章節' },
  description: 'List the documents, or the headings of one document',
  description_localizations: { 'zh-CN': '列出文档，或某个文档的标题', 'zh-TW': '列出文件，或某份文件的標題' },
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'document',
      name_localizations: { 'zh-CN': '文档', 'zh-TW': '文件' },
      description: 'The document whose outline to show; leave empty for the list of documents',
      description_localizations: { 'zh-CN': '要显示目录的文档；留空则列出所有文档', 'zh-TW': '要顯示目錄的文件；留空則列出所有文件' },
      required: false,
      autocomplete: true,
      max_length: 200,
    },
  ],
});

export const run: CommandRun<ArgumentsOf<typeof data>> = (input, { desk, text }) =>
  listSections(desk, { document: stringOption(input, 'document'), page: 1, hidden: false }, text);

export const suggest: CommandSuggest = (_option, typed, desk) => suggestDocuments(desk, typed, AUTOCOMPLETE_LIMITS);

export const execute = executeChatCommand(run);
export const autocomplete = answerAutocomplete(suggest);
