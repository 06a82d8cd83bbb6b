import { describe, expect, it } from 'vitest';
import {
  createRandom,
  generateCorpus,
  heapsExponent,
  parseSize,
  parseSourceDocument,
  PitmanYorLexicon,
  splitSentences,
  type SourceDocument,
} from '../../scripts/generate-corpus.ts';

const sources: SourceDocument[] = [
  parseSourceDocument('# 长江\n\n长江全长约6300公里，是亚洲第一长河。长江流域面积约180万平方公里。\n\n长江发源于青藏高原。', 'hans'),
  parseSourceDocument('# 臺北101\n\n臺北101於2004年落成，高度為508公尺。它曾是世界最高的建築物。', 'hant'),
  parseSourceDocument(
    '# Golden Gate Bridge\n\nThe Golden Gate Bridge opened to traffic in 1937. Its main span was designed by Joseph Strauss and Charles Ellis.\n\nIt connects San Francisco with Marin County.',
    'en',
  ),
];

function generate(seed: number, targetBytes: number): { texts: string[]; result: ReturnType<typeof generateCorpus> } {
  const texts: string[] = [];
  const result = generateCorpus({ sources, targetBytes, seed, writeDocument: (_, text) => texts.push(text), checkpoints: 10 });
  return { texts, result };
}

describe('corpus generator', () => {
  it('writes the same corpus for the same seed, and another for another seed', () => {
    const first = generate(7, 40_000);
    expect(generate(7, 40_000).texts).toEqual(first.texts);
    expect(generate(8, 40_000).texts).not.toEqual(first.texts);
    expect(first.result.bytes).toBeGreaterThanOrEqual(40_000);
  });

  it('writes documents in the benchmark format: a title, then paragraphs separated by blank lines', () => {
    for (const text of generate(3, 20_000).texts) {
      expect(text).toMatch(/^# \S.*\n\n\S/);
      expect(text).not.toMatch(/\n{3,}/);
    }
  });

  it('keeps making new terms instead of repeating the sources', () => {
    const { growth } = generate(1, 400_000).result;
    const words = growth.map((g) => g.distinctWords);
    const bigrams = growth.map((g) => g.distinctBigrams);
    // Three tiny sources hold a few dozen words and bigrams; the output keeps adding to both.
    expect(words[words.length - 1]).toBeGreaterThan(words[0] * 1.5);
    expect(bigrams[bigrams.length - 1]).toBeGreaterThan(bigrams[0] * 1.5);
  });

  it('draws terms from a Pitman–Yor process: distinct terms grow sublinearly with draws', () => {
    let made = 0;
    const lexicon = new PitmanYorLexicon(createRandom(1), () => `t${made++}`, 0.6, 10);
    const distinct: number[] = [];
    for (let n = 1; n <= 100_000; n++) {
      lexicon.draw();
      if (n % 10_000 === 0) distinct.push(lexicon.distinct);
    }
    const beta = heapsExponent(distinct.map((d, i) => ({ tokens: (i + 1) * 10_000, distinct: d })));
    expect(beta).toBeGreaterThan(0.45);
    expect(beta).toBeLessThan(0.75);
  });

  it('splits sentences of either script, keeping closing quotes with their sentence', () => {
    expect(splitSentences('他说：「好。」然后走了！还有', 'hans')).toEqual(['他说：「好。」', '然后走了！', '还有']);
    expect(splitSentences('It opened in 1937. "Really?" Yes', 'en')).toEqual(['It opened in 1937.', '"Really?"', 'Yes']);
  });

  it('reads sizes as decimal units', () => {
    expect(parseSize('10MB')).toBe(10_000_000);
    expect(parseSize('0.5 kb')).toBe(500);
    expect(() => parseSize('ten')).toThrow(/--size/);
  });
});
