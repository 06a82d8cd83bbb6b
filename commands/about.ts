/** /about: what is loaded and how the bot is doing. */
import { ApplicationCommandType } from 'discord.js';
import { defineCommand } from '../src/discord/commandDefinition.ts';
import { executeChatCommand } from '../src/discord/runCommand.ts';
import type { CommandRun, LoadingRun } from '../src/reply/commandCore.ts';
import { describeDesk, describeLoading } from '../src/reply/composeAbout.ts';

export const data = defineCommand({
  type: ApplicationCommandType.ChatInput,
  name: 'about',
  name_localizations: { 'zh-CN': '关于', 'zh-TW': '關於' },
  description: 'What documents are loaded, what cleaning removed, uptime and version',
  description_localizations: { 'zh-CN': '已加载的文档、清理删除的内容、运行时间和版本', 'zh-TW': '已載入的文件、清理刪除的內容、執行時間和版本' },
  options: [],
});

export const run: CommandRun = (_input, { desk, facts, now, text }) => describeDesk(desk, facts, now, text);

/** While the first documents load, /about answers at once with how far they have got. */
export const whileLoading: LoadingRun = ({ facts, now, text }) => describeLoading(facts, now, text);

export const execute = executeChatCommand(run, whileLoading);
