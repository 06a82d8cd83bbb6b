/** The `hide` and `mention` options /ask and /summary share, with their localizations. */
import type { SlashCommandBooleanOption, SlashCommandUserOption } from 'discord.js';

export function hideOption(option: SlashCommandBooleanOption): SlashCommandBooleanOption {
  return option
    .setName('hide')
    .setNameLocalizations({ 'zh-CN': '隐藏', 'zh-TW': '隱藏' })
    .setDescription('Show the reply only to you')
    .setDescriptionLocalizations({ 'zh-CN': '只让你自己看到回复', 'zh-TW': '只讓你自己看到回覆' });
}

export function mentionOption(option: SlashCommandUserOption): SlashCommandUserOption {
  return option
    .setName('mention')
    .setNameLocalizations({ 'zh-CN': '提及', 'zh-TW': '提及' })
    .setDescription('Someone to address the reply to (the only person it will ping)')
    .setDescriptionLocalizations({ 'zh-CN': '回复要提及的人（只会通知这个人）', 'zh-TW': '回覆要提及的人（只會通知這個人）' });
}
