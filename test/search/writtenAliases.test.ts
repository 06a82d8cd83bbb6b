import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FOLDS_TO_OPENING_BRACKET, HAN_THEN_LATIN, LATIN_THEN_HAN, writtenAliases } from '../../src/search/bridgeQuery.ts';
import { foldForMatching } from '../../src/text/foldText.ts';

/** What the two patterns find, scanning every position: the definition writtenAliases must keep. */
function byPatterns(folded: string): { han: string; latin: string; hanFirst: boolean }[] {
  return [
    ...[...folded.matchAll(HAN_THEN_LATIN)].map(([, han, latin]) => ({ han, latin, hanFirst: true })),
    ...[...folded.matchAll(LATIN_THEN_HAN)].map(([, latin, han]) => ({ han, latin, hanFirst: false })),
  ];
}

describe('writtenAliases', () => {
  it('finds a Chinese name with its English one, either way round', () => {
    expect(writtenAliases(foldForMatching('在自然语言处理（NLP）领域，大模型（Large AI Models）和 computer vision（计算机视觉）'))).toEqual([
      { han: '在自然语言处理', latin: 'nlp', hanFirst: true },
      { han: '大模型', latin: 'large ai models', hanFirst: true },
      { han: '计算机视觉', latin: 'computer vision', hanFirst: false },
    ]);
  });

  const tricky = [
    '这是一个非常非常非常非常非常非常非常非常长的没有标点的中文名字(abc)',
    'a  b c d e f g h(模型) and 3d model(模型) x(中)(文字)',
    '汉(a)(b) 语言(x y)z) 中文()(英文) ((模型)) deep-learning&co.(深度学习)',
    '𠀀𠀁𠀂𠀃(name) 字𠀀(ab) 文(a-) 文(a1)',
    'one two three four five six seven(七个词) ',
  ];

  it('finds exactly what the patterns find, on tricky text and on every seed document', () => {
    const seeds = readdirSync('seeds').map((name) => readFileSync(join('seeds', name), 'utf8'));
    for (const text of [...tricky, ...seeds]) {
      for (const paragraph of text.split(/\n+/)) {
        const folded = foldForMatching(paragraph);
        expect(writtenAliases(folded), paragraph).toEqual(byPatterns(folded));
      }
    }
  });

  it('is looked for only in text holding a character that folds to an opening bracket, and those are all of them', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      expect(FOLDS_TO_OPENING_BRACKET.test(char), `U+${code.toString(16)}`).toBe(foldForMatching(char) === '(');
    }
    // Beyond the BMP a character folds to one of the same length, never to ASCII: 🄐 (NFKC "(a)") stays 🄐.
    const astral = [0x1f110, 0x1f129, 0x1d400];
    for (let code = 0x10000; code <= 0x10ffff; code += 97) astral.push(code);
    for (const code of astral) expect(foldForMatching(String.fromCodePoint(code)).includes('('), `U+${code.toString(16)}`).toBe(false);
    expect(writtenAliases(foldForMatching('深度学习﹙Deep Learning﹚'))).toEqual([{ han: '深度学习', latin: 'deep learning', hanFirst: true }]);
  });
});
