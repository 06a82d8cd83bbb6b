/**
 * The local console: type /ask, /summary, /sections, /about as in Discord and read the answer in
 * the terminal. Commands run through the same command modules (their `run`), buttons through the
 * same performAction, Tab completion through the same autocomplete code. On a pipe it prints only
 * replies (no banner, no prompt) and ends at end of input.
 */
import { createInterface, type AsyncCompleter } from 'node:readline';
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { CommandModule } from '../discord/commandModule.ts';
import { describeError, type Logger } from '../logging/log.ts';
import type { CommandInput } from '../reply/commandCore.ts';
import type { DeskSource } from '../reply/deskReader.ts';
import { messagesFor, type Messages } from '../reply/messages.ts';
import type { Reply } from '../reply/model.ts';
import { performAction, pickFromMenu } from '../reply/performAction.ts';
import { renderTerminalReply, type ConsoleChoice, type TerminalStyle } from './renderTerminalReply.ts';

export interface ConsoleOptions {
  desk: DeskSource;
  commands: ReadonlyMap<string, CommandModule>;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A person at a terminal: banner, prompt, Tab completion. */
  interactive: boolean;
  style: TerminalStyle;
  locale?: string;
  log?: Logger;
}

/** A slash command the console can run: it has `run`, and the name of its main string option. */
interface ConsoleCommand {
  module: CommandModule;
  run: NonNullable<CommandModule['run']>;
  mainOption?: string;
}

const QUIT = new Set(['quit', 'exit', 'q']);

function consoleCommands(commands: ReadonlyMap<string, CommandModule>): Map<string, ConsoleCommand> {
  const runnable = new Map<string, ConsoleCommand>();
  for (const [name, module] of commands) {
    const json = module.data.toJSON();
    if (module.run === undefined || (json.type !== undefined && json.type !== ApplicationCommandType.ChatInput)) continue;
    const options = 'options' in json ? (json.options ?? []) : [];
    const mainOption = options.find((option) => option.type === ApplicationCommandOptionType.String)?.name;
    runnable.set(name, { module, run: module.run, mainOption });
  }
  return runnable;
}

/** A console line as a command call: "/ask 大模型" → ask with question "大模型"; plain text asks. */
export function parseConsoleLine(line: string): { name: string; argument: string } | undefined {
  const trimmed = line.trim();
  if (trimmed === '') return undefined;
  if (!trimmed.startsWith('/')) return { name: 'ask', argument: trimmed };
  const match = /^\/(\S+)\s*([\s\S]*)$/u.exec(trimmed);
  return match === null ? undefined : { name: match[1].toLowerCase(), argument: match[2].trim() };
}

export class ConsoleSession {
  private readonly runnable: Map<string, ConsoleCommand>;
  private readonly text: Messages;
  private choices: ConsoleChoice[] = [];
  /** Names Tab completion offered, and the values they stand for (a section's id, a document's path). */
  private completed = new Map<string, string>();

  constructor(private readonly options: Omit<ConsoleOptions, 'input' | 'output' | 'interactive'>) {
    this.runnable = consoleCommands(options.commands);
    this.text = messagesFor(options.locale);
  }

  /** What to print for one line of input; `quit` is true when the user asked to leave. */
  async handleLine(line: string): Promise<{ output: string; quit: boolean }> {
    const trimmed = line.trim();
    if (/^\d+$/.test(trimmed)) return { output: await this.pick(Number(trimmed)), quit: false };
    const parsed = parseConsoleLine(trimmed);
    if (parsed === undefined) return { output: '', quit: false };
    if (QUIT.has(parsed.name)) return { output: '', quit: true };
    if (parsed.name === 'help') return { output: this.text.consoleHelp.join('\n'), quit: false };
    const command = this.runnable.get(parsed.name);
    if (command === undefined) return { output: this.text.consoleUnknownCommand(`/${parsed.name}`), quit: false };
    // A completed name is sent as its value, as Discord sends a picked choice's value.
    const argument = this.completed.get(parsed.argument) ?? parsed.argument;
    const input: CommandInput = { options: command.mainOption === undefined || argument === '' ? {} : { [command.mainOption]: argument } };
    const desk = await this.options.desk.ready();
    return { output: this.show(await command.run(input, { desk, text: this.text, facts: this.options.desk.facts(), now: new Date() })), quit: false };
  }

  private async pick(number: number): Promise<string> {
    const choice = this.choices[number - 1];
    if (choice === undefined) return this.text.consoleNoSuchChoice;
    const desk = await this.options.desk.ready();
    const result = await (choice.kind === 'menu' ? pickFromMenu(desk, choice.menu, choice.sectionId, this.text) : performAction(desk, choice.action, this.text));
    return this.show(result.reply);
  }

  private show(reply: Reply): string {
    const rendered = renderTerminalReply(reply, this.options.style);
    this.choices = rendered.choices;
    return rendered.text;
  }

  /**
   * Tab completion: command names, then the command's own autocomplete for its main option. It
   * completes to the choices' names (readable, unlike section ids) and remembers their values.
   * Choices match anywhere in the name, so when they do not all start with what was typed, the
   * typed text is offered too: readline then lists them instead of replacing the typed text.
   */
  async complete(line: string): Promise<[string[], string]> {
    const names = [...this.runnable.keys(), 'help', 'quit'].map((name) => `/${name}`);
    const match = /^\/(\S*)(\s+([\s\S]*))?$/u.exec(line);
    if (match === null) return [[], line];
    if (match[2] === undefined) return [names.filter((name) => name.startsWith(line)).map((name) => `${name} `), line];
    const command = this.runnable.get(match[1]);
    const desk = this.options.desk.current();
    if (command?.module.suggest === undefined || command.mainOption === undefined || desk === undefined) return [[], ''];
    const typed = match[3] ?? '';
    const choices = await command.module.suggest(command.mainOption, typed, desk);
    this.completed = new Map(choices.map((choice) => [choice.name, choice.value]));
    const offered = choices.map((choice) => choice.name);
    if (offered.length <= 1 || offered.every((name) => name.startsWith(typed))) return [offered, typed];
    return [[typed, ...offered], typed];
  }
}

/** Runs the console until /quit or end of input. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const session = new ConsoleSession(options);
  const text = messagesFor(options.locale);
  // Completion asks the desk, which answers asynchronously: readline's callback form waits for it.
  const completer: AsyncCompleter = (line, callback) => {
    session.complete(line).then(
      (completion) => callback(null, completion),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  };
  const lines = createInterface({
    input: options.input,
    output: options.interactive ? options.output : undefined,
    terminal: options.interactive,
    completer: options.interactive ? completer : undefined,
    prompt: '> ',
  });
  // Ctrl+C leaves, as people expect (readline would only pause without a listener).
  lines.on('SIGINT', () => lines.close());
  const write = (chunk: string): void => void options.output.write(`${chunk}\n`);
  if (options.interactive) {
    write(text.consoleBanner);
    lines.prompt();
  }
  for await (const line of lines) {
    let reply: { output: string; quit: boolean };
    try {
      reply = await session.handleLine(line);
    } catch (error) {
      options.log?.error('console command failed', { line, error: describeError(error) });
      reply = { output: text.somethingWentWrong, quit: false };
    }
    if (reply.quit) break;
    // A blank line after each reply keeps consecutive replies apart, on a pipe too.
    if (reply.output !== '') write(`${reply.output}\n`);
    if (options.interactive) lines.prompt();
  }
  lines.close();
}
