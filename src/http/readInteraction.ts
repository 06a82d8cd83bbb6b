/**
 * An interaction as Discord POSTs it to the endpoint (API v10 JSON) → the port's Incoming. The
 * JSON is only trusted after its signature checked out; still, every field is read defensively,
 * so an unexpected shape is an "invalid" verdict rather than a crash.
 */
import { ApplicationCommandType, ComponentType, InteractionType } from 'discord.js';
import { readOptions } from '../discord/gatewayAdapter.ts';
import { focusedOption, snowflakeTimestamp, type Incoming, type IncomingBase, type TargetMessage } from '../discord/interactionPort.ts';
import type { OptionValue } from '../reply/commandCore.ts';


export type ReadInteraction =
  | { kind: 'ping' }
  | { kind: 'interaction'; id: string; token: string; incoming: Incoming }
  | { kind: 'invalid'; reason: string };

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function optionList(data: Json): { name: string; value?: OptionValue; focused?: boolean }[] {
  const options = Array.isArray(data.options) ? data.options : [];
  return options.filter(isJson).flatMap((option) => {
    const name = text(option.name);
    const value = option.value;
    if (name === undefined) return [];
    const known = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
    return [{ name, value: known, focused: option.focused === true }];
  });
}

function targetMessage(data: Json): TargetMessage | undefined {
  const targetId = text(data.target_id);
  const messages = isJson(data.resolved) && isJson(data.resolved.messages) ? data.resolved.messages : undefined;
  const message = targetId === undefined || messages === undefined ? undefined : messages[targetId];
  if (!isJson(message) || !isJson(message.author)) return undefined;
  const authorId = text(message.author.id);
  if (authorId === undefined) return undefined;
  return { content: text(message.content) ?? '', authorId, authorIsBot: message.author.bot === true };
}

/** Reads a parsed request body. */
export function readInteraction(body: unknown): ReadInteraction {
  if (!isJson(body) || typeof body.type !== 'number') return { kind: 'invalid', reason: 'the body is not an interaction (no type)' };
  if (body.type === InteractionType.Ping) return { kind: 'ping' };
  const id = text(body.id);
  const token = text(body.token);
  // In a server the user is the member's; in DMs it is top level.
  const user = isJson(body.member) && isJson(body.member.user) ? body.member.user : body.user;
  const userId = isJson(user) ? text(user.id) : undefined;
  if (id === undefined || token === undefined || userId === undefined) return { kind: 'invalid', reason: 'the interaction lacks its id, token or user' };
  const base: IncomingBase = { userId, locale: text(body.locale), guildId: text(body.guild_id), createdTimestamp: snowflakeTimestamp(id) };
  const data = isJson(body.data) ? body.data : {};
  const done = (incoming: Incoming): ReadInteraction => ({ kind: 'interaction', id, token, incoming });

  if (body.type === InteractionType.ApplicationCommand || body.type === InteractionType.ApplicationCommandAutocomplete) {
    const commandName = text(data.name);
    if (commandName === undefined) return { kind: 'invalid', reason: 'the command has no name' };
    const options = optionList(data);
    if (body.type === InteractionType.ApplicationCommandAutocomplete) {
      return done({ ...base, kind: 'autocomplete', commandName, focused: focusedOption(options) });
    }
    const commandType = typeof data.type === 'number' ? data.type : ApplicationCommandType.ChatInput;
    const target = commandType === ApplicationCommandType.Message ? targetMessage(data) : undefined;
    return done({ ...base, kind: 'command', commandName, commandType, options: readOptions(options), ...(target === undefined ? {} : { target }) });
  }
  if (body.type === InteractionType.MessageComponent) {
    const customId = text(data.custom_id) ?? '';
    const values = Array.isArray(data.values) ? data.values.filter((value): value is string => typeof value === 'string') : [];
    if (data.component_type === ComponentType.Button) return done({ ...base, kind: 'component', componentType: 'button', customId, values: [] });
    if (data.component_type === ComponentType.StringSelect) return done({ ...base, kind: 'component', componentType: 'select', customId, values });
    return done({ ...base, kind: 'other', type: body.type, repliable: true });
  }
  if (body.type === InteractionType.ModalSubmit) return done({ ...base, kind: 'modal' });
  return done({ ...base, kind: 'other', type: body.type, repliable: false });
}
