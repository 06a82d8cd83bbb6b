/** /about: what is loaded and how the bot is doing. */
import { SlashCommandBuilder } from 'discord.js';
import { executeChatCommand } from '../src/discord/runCommand.ts';
import type { CommandRun } from '../src/reply/commandCore.ts';
import { describeDesk } from '../src/reply/composeAbout.ts';

export const data = new SlashCommandBuilder()
  .setName('about')
  .setNameLocalizations({ 'zh-CN': '关于', 'zh-TW': '關於' })
  .setDescription('What documents are loaded, what cleaning removed, uptime and version')
  .setDescriptionLocalizations({ 'zh-CN': '已加载的文档、清理删除的内容、运行时间和版本', 'zh-TW': '已載入的文件、清理刪除的內容、執行時間和版本' });

export const run: CommandRun = (_input, { desk, facts, now, text }) => describeDesk(desk, facts, now, text);

export const execute = executeChatCommand(run);
