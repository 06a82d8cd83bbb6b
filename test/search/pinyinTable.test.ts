/** pinyin-pro's readings as one table, for the same-pinyin bridge: what it holds, and that it says what pinyin-pro says. */
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PinyinTable, pinyinTable, pinyinTableText } from '../../src/search/pinyinTable.ts';

/** A few characters read like pinyin-pro reads them; every other character it would give back as itself. */
const fixture: Record<string, string[]> = { 行: ['xing', 'hang', 'xing'], 星: ['xing'], 航: ['hang'], 𠀀: ['qiu'] };
const readingsOf = (char: string): string[] => fixture[char] ?? [char];

describe('pinyinTableText and PinyinTable', () => {
  const table = PinyinTable.fromText(pinyinTableText(readingsOf, 'fixture'));

  it("gives each reading its characters, in code point order, and each character its readings once", () => {
    expect(table.charactersOf('xing')).toEqual(['星', '行']);
    expect(table.charactersOf('hang')).toEqual(['航', '行']);
    expect(table.readingsOf('行')).toEqual(['hang', 'xing']);
    expect(table.source).toBe('fixture');
  });

  it('holds characters beyond the BMP whole, and nothing for half of one', () => {
    expect(table.charactersOf('qiu')).toEqual(['𠀀']);
    expect(table.readingsOf('𠀀')).toEqual(['qiu']);
    expect(table.readingsOf('𠀀'[0])).toEqual([]);
  });

  it('leaves out a character read as itself (one pinyin-pro does not know) and what is not Han', () => {
    expect(table.readingsOf('字')).toEqual([]);
    expect(table.charactersOf('字')).toEqual([]);
    expect(table.readingsOf('a')).toEqual([]);
  });

  it('refuses text that is not a pinyin table, saying what it starts with', () => {
    expect(() => PinyinTable.fromText('answer-desk dictionary table v3\tx\t4')).toThrow(/not a pinyin table.*dictionary table/);
  });
});

describe('the table of the installed pinyin-pro', () => {
  const { pinyin } = createRequire(import.meta.url)('pinyin-pro') as {
    pinyin: (text: string, options: { toneType: 'none'; type: 'array'; multiple: true }) => string[];
  };

  it('gives every Han character of the seed documents, and one in ten of all, the readings pinyin-pro gives it', () => {
    const characters = new Set<string>();
    for (const name of readdirSync('seeds')) for (const char of readFileSync(join('seeds', name), 'utf8')) if (/\p{Script=Han}/u.test(char)) characters.add(char);
    for (let code = 0x2e80; code < 0x32000; code += 10) if (/\p{Script=Han}/u.test(String.fromCodePoint(code))) characters.add(String.fromCodePoint(code));
    expect(characters.size).toBeGreaterThan(10_000);
    const table = pinyinTable();
    for (const char of characters) {
      const own = [...new Set(pinyin(char, { toneType: 'none', type: 'array', multiple: true }))].filter((reading) => reading !== char);
      expect([...table.readingsOf(char)].sort(), char).toEqual(own.sort());
      for (const reading of own) expect(table.charactersOf(reading), `${char} ${reading}`).toContain(char);
    }
  });
});
