/**
 * What Discord would reject (or what must never be sent) in a message or autocomplete payload.
 * The emulator runs these on every request and keeps the violations; tests expect none.
 */
import { DISCORD_LIMITS } from '../../../src/discord/limits.ts';

const length = (text: unknown): number => (typeof text === 'string' ? [...text].length : 0);

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Masked links `[text](url)` in markdown whose `[` is not escaped: Discord would show them as links
 * that hide where they go. A backslash escapes the character after it.
 */
export function liveMaskedLinks(content: string): string[] {
  const links: string[] = [];
  for (let i = 0; i < content.length; i++) {
    if (content[i] === '\\') {
      i++;
      continue;
    }
    if (content[i] !== '[') continue;
    for (let j = i + 1; j < content.length && content[j] !== '\n'; j++) {
      if (content[j] === '\\') {
        j++;
        continue;
      }
      if (content[j] === ']') {
        if (content[j + 1] === '(') links.push(content.slice(i, content.indexOf(')', j) + 1 || undefined));
        break;
      }
    }
  }
  return links;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string anywhere in a JSON value. */
function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (isRecord(value)) for (const item of Object.values(value)) yield* stringsIn(item);
}

/** Problems with a message body (content, embeds, components, allowed_mentions). */
export function messageViolations(body: Json, where: string): string[] {
  const problems: string[] = [];
  if (typeof body.content === 'string') for (const link of liveMaskedLinks(body.content)) problems.push(`${where}: live masked link ${link}`);
  for (const text of stringsIn(body)) if (LONE_SURROGATE.test(text)) problems.push(`${where}: lone surrogate in ${JSON.stringify(text)}`);
  if (length(body.content) > DISCORD_LIMITS.messageContent) problems.push(`${where}: content is ${length(body.content)} characters`);
  const embeds = asArray(body.embeds).filter(isRecord);
  if (embeds.length > DISCORD_LIMITS.embedsPerMessage) problems.push(`${where}: ${embeds.length} embeds`);
  let embedTotal = 0;
  for (const embed of embeds) {
    if (length(embed.title) > DISCORD_LIMITS.embedTitle) problems.push(`${where}: embed title too long`);
    if (length(embed.description) > DISCORD_LIMITS.embedDescription) problems.push(`${where}: embed description too long`);
    const fields = asArray(embed.fields).filter(isRecord);
    if (fields.length > DISCORD_LIMITS.embedFields) problems.push(`${where}: too many embed fields`);
    for (const field of fields) if (length(field.value) > DISCORD_LIMITS.embedFieldValue) problems.push(`${where}: embed field too long`);
    const footer = isRecord(embed.footer) ? embed.footer.text : undefined;
    embedTotal += length(embed.title) + length(embed.description) + length(footer) + fields.reduce((n, f) => n + length(f.name) + length(f.value), 0);
  }
  if (embedTotal > DISCORD_LIMITS.embedsTotalCharacters) problems.push(`${where}: embeds total ${embedTotal} characters`);

  const rows = asArray(body.components).filter(isRecord);
  if (rows.length > DISCORD_LIMITS.actionRows) problems.push(`${where}: ${rows.length} action rows`);
  const customIds = new Set<string>();
  for (const row of rows) {
    const components = asArray(row.components).filter(isRecord);
    if (components.length > DISCORD_LIMITS.buttonsPerRow) problems.push(`${where}: ${components.length} components in a row`);
    for (const component of components) {
      const id = component.custom_id;
      if (typeof id !== 'string' || length(id) < 1 || length(id) > DISCORD_LIMITS.customId) problems.push(`${where}: custom_id ${String(id)}`);
      else if (customIds.has(id)) problems.push(`${where}: duplicate custom_id ${id}`);
      else customIds.add(id);
      if (component.type === 2 && (length(component.label) < 1 || length(component.label) > DISCORD_LIMITS.buttonLabel)) {
        problems.push(`${where}: button label of ${length(component.label)} characters`);
      }
      if (component.type === 3) {
        const options = asArray(component.options).filter(isRecord);
        if (options.length < 1 || options.length > DISCORD_LIMITS.selectOptions) problems.push(`${where}: ${options.length} select options`);
        for (const option of options) {
          if (length(option.label) < 1 || length(option.label) > DISCORD_LIMITS.selectOptionLabel) problems.push(`${where}: select label`);
          if (length(option.value) < 1 || length(option.value) > DISCORD_LIMITS.selectOptionValue) problems.push(`${where}: select value`);
          if (length(option.description) > DISCORD_LIMITS.selectOptionDescription) problems.push(`${where}: select description`);
        }
      }
    }
  }

  const mentions = body.allowed_mentions;
  if (!isRecord(mentions)) problems.push(`${where}: allowed_mentions not set`);
  else {
    if (asArray(mentions.parse).length > 0) problems.push(`${where}: allowed_mentions parses ${JSON.stringify(mentions.parse)}`);
    if (asArray(mentions.roles).length > 0) problems.push(`${where}: allowed_mentions allows roles`);
    if (asArray(mentions.users).length > 1) problems.push(`${where}: allowed_mentions allows several users`);
  }
  return problems;
}

/** Problems with an autocomplete result. */
export function choiceViolations(body: Json, where: string): string[] {
  const choices = asArray(body.choices).filter(isRecord);
  const problems: string[] = [];
  for (const text of stringsIn(body)) if (LONE_SURROGATE.test(text)) problems.push(`${where}: lone surrogate in ${JSON.stringify(text)}`);
  if (choices.length > DISCORD_LIMITS.autocompleteChoices) problems.push(`${where}: ${choices.length} choices`);
  for (const choice of choices) {
    if (length(choice.name) < 1 || length(choice.name) > DISCORD_LIMITS.choiceName) problems.push(`${where}: choice name of ${length(choice.name)}`);
    if (typeof choice.value === 'string' && (length(choice.value) < 1 || length(choice.value) > DISCORD_LIMITS.choiceValue)) {
      problems.push(`${where}: choice value of ${length(choice.value)}`);
    }
  }
  return problems;
}
