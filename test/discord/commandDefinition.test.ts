/**
 * Options typed from the command definition: checked by `npm run typecheck` (the @ts-expect-error
 * lines fail the build if a wrong name ever type-checks), and at run time for the JSON deployed.
 */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineCommand, type ArgumentsOf } from '../../src/discord/commandDefinition.ts';
import { booleanOption, stringOption, type CommandInput } from '../../src/reply/commandCore.ts';
import type { AskArguments } from '../../commands/ask.ts';

const example = defineCommand({
  type: ApplicationCommandType.ChatInput,
  name: 'example',
  description: 'An example',
  options: [
    { type: ApplicationCommandOptionType.String, name: 'text', description: 'Some text', required: true },
    { type: ApplicationCommandOptionType.Integer, name: 'count', description: 'How many' },
    { type: ApplicationCommandOptionType.Boolean, name: 'quiet', description: 'Quietly', required: false },
    { type: ApplicationCommandOptionType.User, name: 'who', description: 'Someone' },
  ],
});

describe('options typed from the definition (ArgumentsOf)', () => {
  it('gives each option its value type; required ones are required, the rest optional', () => {
    expectTypeOf<ArgumentsOf<typeof example>>().toEqualTypeOf<{ text: string } & { count?: number; quiet?: boolean; who?: string }>();
  });

  it('lets a command read only the names its definition has, with the right reader', () => {
    const input: CommandInput<AskArguments> = { options: { question: '大模型', hide: true } };
    expect(stringOption(input, 'question')).toBe('大模型');
    expect(booleanOption(input, 'hide')).toBe(true);
    // @ts-expect-error a misspelt option name does not compile
    stringOption(input, 'questoin');
    // @ts-expect-error a boolean option is not read as a string
    stringOption(input, 'hide');
  });

  it('deploys exactly the JSON it was given, as a copy', () => {
    const json = example.toJSON();
    expect(json).toEqual(example.definition);
    expect(json).not.toBe(example.definition);
    expect(example.name).toBe('example');
  });
});
