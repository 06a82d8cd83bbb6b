/** The fold table the build writes: it holds what folding one character gives, for every character. */
import { describe, expect, it } from 'vitest';
import * as variants from '../../src/text/chineseVariants.ts';
import { foldCharacter, foldTable, foldTableAsMet, foldTableBytes, openccVersion, readFoldTable } from '../../src/text/foldTable.ts';
import { foldForMatching, taiwanPhrases } from '../../src/text/foldText.ts';

describe('the fold table', () => {
  const bytes = foldTableBytes(variants, openccVersion);
  const written = readFoldTable(bytes, openccVersion)!;

  it('holds the fold of every BMP unit and of every pair beyond the BMP that folds', () => {
    const asMet = foldTableAsMet(variants);
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      if (written.bmp[code] !== foldCharacter(char, variants).charCodeAt(0)) expect.fail(`U+${code.toString(16)} folds to U+${written.bmp[code].toString(16)} in the table`);
    }
    for (let code = 0x10000; code <= 0x10ffff; code++) {
      const pair = String.fromCodePoint(code);
      const folded = foldCharacter(pair, variants);
      if ((written.astral.get(pair) ?? pair) !== folded) expect.fail(`U+${code.toString(16)} folds to ${folded}, the table says ${written.astral.get(pair)}`);
    }
    expect(written.foldMissing).toBeUndefined();
    expect(asMet.foldMissing?.('學')).toBe('学');
    expect(written.taiwanPhraseText).toBe(variants.taiwanPhraseText());
  });

  it('is refused when made from another opencc-js or Unicode version, and is not read from what is not one', () => {
    expect(readFoldTable(bytes, '0.0.0')).toBeUndefined();
    expect(() => readFoldTable(Buffer.from('answer-desk pinyin table v1\tpinyin-pro@3\n'), openccVersion)).toThrow(/not a fold table/);
    expect(() => readFoldTable(bytes.subarray(0, 1000), openccVersion)).toThrow(/not a fold table/);
  });

  it('is what this process folds with, whichever way it was had', () => {
    expect(foldForMatching('ＧＰＵ與深度學習𝐀\u{2f800}\u200d')).toBe(`gpu与深度学习𝐀${foldCharacter('\u{2f800}', variants)}\u200b`);
    expect(foldTable.taiwanPhraseText).toBe(variants.taiwanPhraseText());
  });
});

describe('taiwanPhrases', () => {
  it('maps Taiwan words to the Mainland words they stand for, both folded', () => {
    const phrases = taiwanPhrases();
    expect(phrases.get(foldForMatching('軟體'))).toBe('软件');
    expect(phrases.get(foldForMatching('人工智慧'))).toBe('人工智能');
    // Pairs that folding alone already joins are left out.
    expect([...phrases].every(([taiwan, mainland]) => taiwan !== mainland)).toBe(true);
  });
});
