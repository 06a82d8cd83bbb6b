/**
 * The platform-free half of a command: options in, Reply out. commands/*.ts export one `run` per
 * command; Discord and the console both call it, so the logic has one code path.
 */
import type { DeskReader, RuntimeFacts } from './deskReader.ts';
import type { Messages } from './messages.ts';
import type { Reply } from './model.ts';
import type { Choice } from './suggestions.ts';

export type OptionValue = string | number | boolean;

/** Option values by name, when nothing narrower is known (the console, the router). */
export type AnyOptions = Record<string, OptionValue | undefined>;

/**
 * Option values by option name; a user option holds the user id. A command types `A` from its
 * definition (ArgumentsOf in src/discord/commandDefinition.ts), so only its real option names read.
 */
export interface CommandInput<A extends object = AnyOptions> {
  options: Readonly<Partial<A>>;
}

export interface CommandContext {
  desk: DeskReader;
  text: Messages;
  facts: RuntimeFacts;
  now: Date;
}

export type CommandRun<A extends object = AnyOptions> = (input: CommandInput<A>, context: CommandContext) => Promise<Reply>;

/** A command's answer before the first documents are in (no desk yet); most commands have none and wait. */
export type LoadingRun = (context: Omit<CommandContext, 'desk'>) => Reply;

/** Autocomplete for one option of a command. */
export type CommandSuggest = (optionName: string, typed: string, desk: DeskReader) => Promise<Choice[]>;

/** The option names of A whose values are of type V (any name when A is untyped). */
type KeysOfType<A, V> = string extends keyof A ? string : { [K in keyof A]-?: NonNullable<A[K]> extends V ? K : never }[keyof A];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A string option as the commands see it. This is where user text enters every reply (Discord and
 * the console alike), so it is made well-formed here: a lone surrogate, which no renderer could
 * print, becomes U+FFFD, and the search, the echo in the reply and the log all see the same text.
 */
export function stringOption<A extends object>(input: CommandInput<A>, name: KeysOfType<A, string>): string | undefined {
  const value: unknown = input.options[name];
  return typeof value === 'string' ? value.replace(LONE_SURROGATE, '\uFFFD') : undefined;
}

export function booleanOption<A extends object>(input: CommandInput<A>, name: KeysOfType<A, boolean>): boolean {
  return input.options[name] === true;
}
