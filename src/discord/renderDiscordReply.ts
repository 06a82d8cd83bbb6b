/**
 * Reply → Discord message: markdown content (quotes with bold matches, subtext citations), buttons
 * and a "did you mean" select, every piece within Discord's limits. Pure: the only state it touches
 * is the store handed in, where button targets are parked.
 */
import {
  bold,
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIStringSelectComponent,
  italic,
  quote,
  subtext,
  userMention,
} from 'discord.js';
import { cutToLimit } from '../reply/cutToLimit.ts';
import type { Quote, Reply, ReplyAction, ReplyMenu } from '../reply/model.ts';
import { codePointLength } from '../text/codePoints.ts';
import type { CustomIdCodec } from './customId.ts';
import { emphasizeDocumentText, escapeDocumentText } from './escapeDocumentText.ts';
import { DISCORD_LIMITS } from './limits.ts';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A message ready for the respond helper. */
export interface DiscordMessage {
  content: string;
  components: ActionRow[];
  ephemeral: boolean;
  /** The one user the message may ping. */
  mentionUserId?: string;
}

/** What a message's buttons and menu need when pressed. */
export interface ParkedReply {
  /** The user id of the invoker: nobody else may press these buttons, whatever a custom_id says. */
  owner: string;
  actions: ReplyAction[];
  menu?: ReplyMenu;
}

export interface RenderContext {
  invokerId: string;
  /** Stores a message's targets and returns the key its custom_ids carry. */
  park(state: ParkedReply): string;
  /** Signs the custom_ids. */
  customIds: CustomIdCodec;
}

const SNOWFLAKE = /^\d{17,20}$/;

function renderQuote(excerpt: Quote): string {
  const body = emphasizeDocumentText(excerpt.text.trim(), excerpt.bold);
  const text = `${excerpt.clippedStart ? '…' : ''}${body}${excerpt.clippedEnd ? '…' : ''}`;
  const quoted = text
    .split('\n')
    .map((line) => quote(line))
    .join('\n');
  return `${quoted}\n${subtext(escapeDocumentText(excerpt.citation))}`;
}

/** The message text of a reply, without any limit applied. */
export function renderContent(reply: Reply): string {
  const blocks: string[] = [];
  const head: string[] = [];
  if (reply.mention !== undefined && SNOWFLAKE.test(reply.mention)) {
    head.push(`${userMention(reply.mention)} ${escapeDocumentText(reply.mentionLine ?? '')}`.trimEnd());
  }
  if (reply.title !== undefined) head.push(bold(escapeDocumentText(reply.title)));
  if (head.length > 0) blocks.push(head.join('\n'));
  for (const quoted of reply.quotes) blocks.push(renderQuote(quoted));
  if (reply.summary !== undefined && reply.summary.text.trim() !== '') {
    blocks.push(`${escapeDocumentText(reply.summary.text.trim())}\n${subtext(escapeDocumentText(reply.summary.citation))}`);
  }
  if (reply.lines.length > 0) {
    const lines = reply.lines.map((line) => {
      const note = line.note === undefined ? '' : ` ${italic(escapeDocumentText(line.note))}`;
      return `${'  '.repeat(line.indent)}- ${escapeDocumentText(line.text)}${note}`;
    });
    blocks.push(lines.join('\n'));
  }
  if (reply.notes.length > 0) blocks.push(reply.notes.map(escapeDocumentText).join('\n'));
  return blocks.join('\n\n');
}

/**
 * The reply made smaller by one step: shorten the summary, drop the last listed line, drop the last
 * quote. Undefined when nothing is left to shrink.
 */
function shrink(reply: Reply): Reply | undefined {
  const summary = reply.summary;
  if (summary !== undefined && codePointLength(summary.text) > 200) {
    const shorter = cutToLimit(summary.text, Math.floor(codePointLength(summary.text) * 0.8));
    return { ...reply, summary: { ...summary, text: shorter } };
  }
  if (reply.lines.length > 1) {
    return { ...reply, lines: [...reply.lines.slice(0, -2), { text: '…', indent: 0 }] };
  }
  if (reply.quotes.length > 1) return { ...reply, quotes: reply.quotes.slice(0, -1) };
  return undefined;
}

/** Content within the message limit: the reply is shrunk at its natural seams before any hard cut. */
export function fitContent(reply: Reply, limit: number = DISCORD_LIMITS.messageContent): string {
  let current: Reply | undefined = reply;
  let content = renderContent(reply);
  while (codePointLength(content) > limit && current !== undefined) {
    current = shrink(current);
    if (current !== undefined) content = renderContent(current);
  }
  // Last resort for a pathological single block; a lone trailing backslash would escape the ellipsis.
  return cutToLimit(content, limit).replace(/(?<!\\)\\…$/u, '…');
}

function buttonStyle(action: ReplyAction): ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success {
  if (action.kind === 'more') return ButtonStyle.Primary;
  if (action.kind === 'share') return ButtonStyle.Success;
  return ButtonStyle.Secondary;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += size) rows.push(items.slice(i, i + size));
  return rows;
}

function renderMenu(menu: ReplyMenu, customId: string): APIStringSelectComponent {
  const options = menu.options
    .filter((option) => option.sectionId !== '' && codePointLength(option.sectionId) <= DISCORD_LIMITS.selectOptionValue)
    .slice(0, DISCORD_LIMITS.selectOptions)
    .map((option) => {
      const description = option.description?.trim();
      return {
        label: cutToLimit(option.label.trim() || option.sectionId, DISCORD_LIMITS.selectOptionLabel),
        value: option.sectionId,
        ...(description ? { description: cutToLimit(description, DISCORD_LIMITS.selectOptionDescription) } : {}),
      };
    });
  return {
    type: ComponentType.StringSelect,
    custom_id: customId,
    placeholder: cutToLimit(menu.placeholder, DISCORD_LIMITS.selectPlaceholder),
    min_values: 1,
    max_values: 1,
    options,
  };
}

export function renderComponents(reply: Reply, context: RenderContext): ActionRow[] {
  const hasMenu = reply.menu !== undefined && reply.menu.options.length > 0;
  if (reply.actions.length === 0 && !hasMenu) return [];
  const key = context.park({ owner: context.invokerId, actions: reply.actions, menu: reply.menu });
  const invoker = context.invokerId;
  const buttons = reply.actions.map(
    (action, index): APIButtonComponentWithCustomId => ({
      type: ComponentType.Button,
      style: buttonStyle(action),
      label: cutToLimit(action.label, DISCORD_LIMITS.buttonLabel),
      custom_id: context.customIds.encode({ kind: 'button', action: action.kind, invoker, key, index }),
    }),
  );
  // Summaries on the first row, navigation (More, pages, Send in chat) on the next.
  const summaries = buttons.filter((_, index) => reply.actions[index].kind === 'summary');
  const navigation = buttons.filter((_, index) => reply.actions[index].kind !== 'summary');
  const rows: ActionRow[] = [...chunk(summaries, DISCORD_LIMITS.buttonsPerRow), ...chunk(navigation, DISCORD_LIMITS.buttonsPerRow)].map(
    (components) => ({ type: ComponentType.ActionRow, components }),
  );
  if (hasMenu && reply.menu !== undefined) {
    const menu = renderMenu(reply.menu, context.customIds.encode({ kind: 'menu', invoker, key }));
    if (menu.options.length > 0) rows.unshift({ type: ComponentType.ActionRow, components: [menu] });
  }
  return rows.slice(0, DISCORD_LIMITS.actionRows);
}

export function renderDiscordReply(reply: Reply, context: RenderContext): DiscordMessage {
  return {
    content: fitContent(reply),
    components: renderComponents(reply, context),
    ephemeral: reply.hidden,
    mentionUserId: reply.mention !== undefined && SNOWFLAKE.test(reply.mention) ? reply.mention : undefined,
  };
}
