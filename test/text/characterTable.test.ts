import { describe, expect, it } from 'vitest';
import { CharacterTable, UNKNOWN_PROPERTY } from '../../src/text/characterTable.ts';

describe('a character table', () => {
  const isDigit = (char: string): number => (/^\p{Nd}$/u.test(char) ? 1 : 0);

  it('computes a unit the first time it is asked for and keeps it, for loops that read bmp directly', () => {
    let computed = 0;
    const table = new CharacterTable((char) => {
      computed++;
      return isDigit(char);
    });
    const seven = '7'.charCodeAt(0);
    expect(table.bmp[seven]).toBe(UNKNOWN_PROPERTY);
    expect(table.unit(seven)).toBe(1);
    expect(table.bmp[seven]).toBe(1);
    expect(table.unit(seven)).toBe(1);
    expect(table.at('x7', 1, 1)).toBe(1);
    expect(computed).toBe(1);
  });

  it('gives unit and at the same answer, and reads a surrogate pair whole', () => {
    const table = new CharacterTable(isDigit);
    const text = 'a٣𝟘b';
    expect(table.unit(text.charCodeAt(0))).toBe(table.at(text, 0, 1));
    expect(table.at(text, 1, 1)).toBe(1);
    expect(table.at(text, 2, 2)).toBe(1);
    expect(table.at(text, 4, 1)).toBe(0);
  });
});
