/** The `hide` and `mention` options /ask and /summary share, with their localizations. */
import { ApplicationCommandOptionType } from 'discord.js';

export const HIDE_OPTION = {
  type: ApplicationCommandOptionType.Boolean,
  name: 'hide',
  name_localizations: { 'zh-CN': '隐藏', 'zh-TW': '隱藏' },
  description: 'Show the reply only to you',
  description_localizations: { 'zh-CN': '只让你自己看到回复', 'zh-TW': '只讓你自己看到回覆' },
  required: false,
} as const;

export const MENTION_OPTION = {
  type: ApplicationCommandOptionType.User,
  name: 'mention',
  name_localizations: { 'zh-CN': '提及', 'zh-TW': '提及' },
  description: 'Someone to address the reply to (the only person it will ping)',
  description_localizations: { 'zh-CN': '回复要提及的人（只会通知这个人）', 'zh-TW': '回覆要提及的人（只會通知這個人）' },
  required: false,
} as const;
