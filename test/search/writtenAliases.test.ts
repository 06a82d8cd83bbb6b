import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAN_THEN_LATIN, LATIN_THEN_HAN, writtenAliases } from '../../src/search/bridgeQuery.ts';
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
});
