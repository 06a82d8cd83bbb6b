/**
 * A command's definition as Discord's own JSON (what deploy-commands registers), kept with its
 * literal types so that the options a command reads are typed from it, as the discord.js docs
 * bot's `ArgumentsOf` does: rename an option in `data` and every read of the old name stops
 * compiling, instead of reading undefined at run time.
 */
import {
  ApplicationCommandOptionType,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';

type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody | RESTPostAPIContextMenuApplicationCommandsJSONBody;

export interface CommandDefinition<D extends Definition = Definition> {
  readonly name: D['name'];
  /** The definition with its literal types, for `ArgumentsOf`. */
  readonly definition: D;
  toJSON(): RESTPostAPIApplicationCommandsJSONBody;
}

/** Wraps a command's JSON; the `const` parameter keeps option names and types literal. */
export function defineCommand<const D extends Definition>(definition: D): CommandDefinition<D> {
  return { name: definition.name, definition, toJSON: () => structuredClone(definition) };
}

type ValueOfType<T> = T extends ApplicationCommandOptionType.Boolean
  ? boolean
  : T extends ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number
    ? number
    : // Strings, and the id of a user, channel, role or mentionable.
      string;

type OptionOf<C> = C extends CommandDefinition<infer D> ? (D extends { options?: readonly (infer O)[] } ? O : never) : never;
type RequiredName<O> = O extends { name: infer N extends string; required: true } ? N : never;
type OptionalName<O> = O extends { name: infer N extends string; required?: false } ? N : never;

/** The options of a command by name, with their value types; optional ones may be absent. */
export type ArgumentsOf<C> = { [O in OptionOf<C> as RequiredName<O>]: O extends { type: infer T } ? ValueOfType<T> : never } & {
  [O in OptionOf<C> as OptionalName<O>]?: O extends { type: infer T } ? ValueOfType<T> : never;
};
