/**
 * The platform-free half of a command: options in, Reply out. commands/*.ts export one `run` per
 * command; Discord and the console both call it, so the logic has one code path.
 */
import type { DeskReader, RuntimeFacts } from './deskReader.ts';
import type { Messages } from './messages.ts';
import type { Reply } from './model.ts';
import type { Choice } from './suggestions.ts';

export type OptionValue = string | number | boolean;

export interface CommandInput {
  /** Option values by option name; a user option holds the user id. */
  options: Readonly<Record<string, OptionValue | undefined>>;
}

export interface CommandContext {
  desk: DeskReader;
  text: Messages;
  facts: RuntimeFacts;
  now: Date;
}

export type CommandRun = (input: CommandInput, context: CommandContext) => Reply;

/** Autocomplete for one option of a command. */
export type CommandSuggest = (optionName: string, typed: string, desk: DeskReader) => Choice[];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A string option as the commands see it. This is where user text enters every reply (Discord and
 * the console alike), so it is made well-formed here: a lone surrogate, which no renderer could
 * print, becomes U+FFFD, and the search, the echo in the reply and the log all see the same text.
 */
export function stringOption(input: CommandInput, name: string): string | undefined {
  const value = input.options[name];
  return typeof value === 'string' ? value.replace(LONE_SURROGATE, '\uFFFD') : undefined;
}

export function booleanOption(input: CommandInput, name: string): boolean {
  return input.options[name] === true;
}
