import { describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType, ApplicationCommandType, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { loadCommands } from '../../src/discord/loadCommands.ts';

const commands = await loadCommands();
const json = new Map([...commands].map(([name, command]) => [name, command.data.toJSON()]));

function optionsOf(body: RESTPostAPIApplicationCommandsJSONBody | undefined): Array<{ name: string; type: number; required?: boolean; autocomplete?: boolean; max_length?: number }> {
  return body !== undefined && 'options' in body ? ((body.options ?? []) as Array<{ name: string; type: number; required?: boolean; autocomplete?: boolean; max_length?: number }>) : [];
}

describe('the command contract', () => {
  it('has exactly /ask, /summary, /sections, /about and the "Ask the docs" message menu', () => {
    expect([...commands.keys()].sort()).toEqual(['Ask the docs', 'about', 'ask', 'sections', 'summary']);
    expect(json.get('Ask the docs')?.type).toBe(ApplicationCommandType.Message);
  });

  it('/ask takes question (required, autocomplete, max_length), hide and mention', () => {
    const [question, hide, mention] = optionsOf(json.get('ask'));
    expect(question).toMatchObject({ name: 'question', type: ApplicationCommandOptionType.String, required: true, autocomplete: true });
    expect(question.max_length).toBeGreaterThan(0);
    expect(question.max_length).toBeLessThanOrEqual(6000);
    expect(hide).toMatchObject({ name: 'hide', type: ApplicationCommandOptionType.Boolean });
    expect(mention).toMatchObject({ name: 'mention', type: ApplicationCommandOptionType.User });
  });

  it('/summary takes section (required, autocomplete), hide and mention; /sections an optional document', () => {
    expect(optionsOf(json.get('summary')).map((option) => [option.name, option.type, option.required ?? false, option.autocomplete ?? false])).toEqual([
      ['section', ApplicationCommandOptionType.String, true, true],
      ['hide', ApplicationCommandOptionType.Boolean, false, false],
      ['mention', ApplicationCommandOptionType.User, false, false],
    ]);
    expect(optionsOf(json.get('sections')).map((option) => [option.name, option.required ?? false, option.autocomplete])).toEqual([['document', false, true]]);
    expect(optionsOf(json.get('about'))).toEqual([]);
  });

  it('localizes every name and description for zh-CN and zh-TW, within Discord’s lengths', () => {
    for (const body of json.values()) {
      expect(Object.keys(body.name_localizations ?? {}).sort()).toEqual(['zh-CN', 'zh-TW']);
      expect(body.name.length).toBeLessThanOrEqual(32);
      if (body.type !== ApplicationCommandType.Message) {
        expect(Object.keys(('description_localizations' in body ? body.description_localizations : undefined) ?? {}).sort()).toEqual(['zh-CN', 'zh-TW']);
        expect((('description' in body ? body.description : undefined) ?? '').length).toBeLessThanOrEqual(100);
      }
      for (const option of optionsOf(body) as Array<{ name_localizations?: object; description_localizations?: object; description?: string }>) {
        expect(Object.keys(option.name_localizations ?? {}).sort()).toEqual(['zh-CN', 'zh-TW']);
        expect(Object.keys(option.description_localizations ?? {}).sort()).toEqual(['zh-CN', 'zh-TW']);
        expect((option.description ?? '').length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('gives every module execute, and autocomplete to every command with an autocomplete option', () => {
    for (const [name, command] of commands) {
      expect(typeof command.execute).toBe('function');
      const wantsAutocomplete = optionsOf(json.get(name)).some((option) => option.autocomplete === true);
      expect(typeof command.autocomplete === 'function').toBe(wantsAutocomplete);
    }
  });
});
