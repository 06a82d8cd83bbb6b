/**
 * Reply → terminal text: quotes with bold matches (ANSI bold on a terminal, **…** otherwise),
 * dimmed sources, listings, and the buttons and menu options as numbered choices.
 */
import type { Answer } from '../desk/types.ts';
import { replyFromAnswer } from '../reply/composeAnswer.ts';
import { messagesFor } from '../reply/messages.ts';
import type { Reply, ReplyAction, ReplyMenu } from '../reply/model.ts';

export type TerminalStyle = 'ansi' | 'plain';

/** Something the user can pick by number under a reply. */
export type ConsoleChoice =
  | { label: string; kind: 'action'; action: ReplyAction }
  | { label: string; kind: 'menu'; menu: ReplyMenu; sectionId: string };

export interface TerminalReply {
  text: string;
  choices: ConsoleChoice[];
}

const BOLD = ['\u001b[1m', '\u001b[22m'] as const;
const DIM = ['\u001b[2m', '\u001b[22m'] as const;

/** Document text may hold escape sequences; in a terminal they would be obeyed, so they are shown inert. */
export function stripControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/gu, (char) => (char === '\t' ? ' ' : '\uFFFD'));
}

function wrap(style: TerminalStyle, marks: readonly [string, string], text: string, plain: readonly [string, string] = ['', '']): string {
  return style === 'ansi' ? `${marks[0]}${text}${marks[1]}` : `${plain[0]}${text}${plain[1]}`;
}

/** Text with the given code point ranges emphasised. */
export function emphasizeForTerminal(text: string, bold: ReadonlyArray<readonly [number, number]>, style: TerminalStyle): string {
  const characters = [...stripControlCharacters(text)];
  const inBold = characters.map((char, i) => !/\s/u.test(char) && bold.some(([start, end]) => i >= start && i < end));
  let out = '';
  for (let i = 0; i < characters.length; i++) {
    if (inBold[i] && !inBold[i - 1]) out += style === 'ansi' ? BOLD[0] : '**';
    out += characters[i];
    if (inBold[i] && !inBold[i + 1]) out += style === 'ansi' ? BOLD[1] : '**';
  }
  return out;
}

export function renderTerminalReply(reply: Reply, style: TerminalStyle): TerminalReply {
  const blocks: string[] = [];
  const clean = stripControlCharacters;
  if (reply.title !== undefined) blocks.push(wrap(style, BOLD, clean(reply.title)));
  for (const quote of reply.quotes) {
    const body = `${quote.clippedStart ? '…' : ''}${emphasizeForTerminal(quote.text.trim(), quote.bold, style)}${quote.clippedEnd ? '…' : ''}`;
    const quoted = body
      .split('\n')
      .map((line) => `  │ ${line}`)
      .join('\n');
    blocks.push(`${quoted}\n  └ ${wrap(style, DIM, clean(quote.citation))}`);
  }
  if (reply.summary !== undefined && reply.summary.text.trim() !== '') {
    blocks.push(`${clean(reply.summary.text.trim())}\n  └ ${wrap(style, DIM, clean(reply.summary.citation))}`);
  }
  if (reply.lines.length > 0) {
    blocks.push(
      reply.lines
        .map((line) => `${'  '.repeat(line.indent + 1)}- ${clean(line.text)}${line.note === undefined ? '' : ` ${wrap(style, DIM, clean(line.note))}`}`)
        .join('\n'),
    );
  }
  if (reply.notes.length > 0) blocks.push(reply.notes.map(clean).join('\n'));

  const choices: ConsoleChoice[] = reply.actions.map((action) => ({ label: action.label, kind: 'action', action }));
  const menu = reply.menu;
  if (menu !== undefined) {
    for (const option of menu.options) {
      const label = option.description ? `${option.label} (${option.description})` : option.label;
      choices.push({ label, kind: 'menu', menu, sectionId: option.sectionId });
    }
  }
  if (choices.length > 0) {
    const heading = menu !== undefined ? `${clean(menu.placeholder)}\n` : '';
    blocks.push(heading + choices.map((choice, i) => `  [${i + 1}] ${clean(choice.label)}`).join('\n'));
  }
  return { text: blocks.join('\n\n'), choices };
}

/**
 * A search Answer as readable terminal text (quotes, bold matches, sources), without buttons.
 * For the CLI's `search` output; `locale` picks English or Chinese labels.
 */
export function renderAnswerForTerminal(answer: Answer, options: { style: TerminalStyle; locale?: string }): string {
  const reply = replyFromAnswer(answer, { query: answer.query, offset: 0, hidden: false }, messagesFor(options.locale));
  return renderTerminalReply({ ...reply, actions: [] }, options.style).text;
}
