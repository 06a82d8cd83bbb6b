/**
 * Passages that read alike are cut once per question: the answer (hits, excerpts, total, paging)
 * must stay what cutting every candidate gave. The rule before is written out here as the reference.
 */
import { describe, expect, it } from 'vitest';
import { matchingKey } from '../../src/corpus/nearDuplicates.ts';
import { analyzeQuery, nextInQuery } from '../../src/search/analyzeQuery.ts';
import { bridgeQuery } from '../../src/search/bridgeQuery.ts';
import { cutExcerpt } from '../../src/search/cutExcerpt.ts';
import { PassageIndex } from '../../src/search/passageIndex.ts';
import { matchingTokens, rankPassages, termWeights } from '../../src/search/rankPassages.ts';
import { DEFAULT_RANKING } from '../../src/search/rankingOptions.ts';
import { searchPassages, type PassageAnswer, type PassageQuery, type QuotablePassage } from '../../src/search/searchPassages.ts';
import { isCjkTerm } from '../../src/search/tokenize.ts';

/** The rule before: an excerpt cut for every ranked candidate, skipped when its key was quoted already. */
function cutEveryCandidate(index: PassageIndex, passages: readonly QuotablePassage[], text: string, page: PassageQuery): PassageAnswer {
  const analyzed = bridgeQuery(analyzeQuery(text, DEFAULT_RANKING), index, DEFAULT_RANKING);
  const weights = termWeights(index, analyzed);
  const ranked = rankPassages(index, analyzed, DEFAULT_RANKING, weights);
  const queryTerms = new Set(weights.keys());
  const hits: PassageAnswer['hits'] = [];
  const quoted = new Set<string>();
  let distinct = 0;
  for (const candidate of ranked) {
    if (hits.length >= page.top) break;
    const passage = passages[candidate.id];
    const topicTerms = index.termsInHeading(candidate.id, queryTerms);
    const topicCharacters = new Set([...topicTerms].flatMap((t) => [...t]));
    const queryCharacters = new Set(
      analyzed.terms.flatMap((t) => (isCjkTerm(t.term) ? [...t.term] : [])).filter((char) => !topicCharacters.has(char)),
    );
    const folded = index.foldedText(candidate.id);
    const excerpt = cutExcerpt({
      text: passage.text,
      matches: matchingTokens(folded, queryTerms),
      weights,
      answerKind: analyzed.answerKind,
      answerOffset: passage.answerOffset,
      topicTerms,
      folded,
      queryCharacters,
      nextInQuery: nextInQuery(analyzed),
    });
    const key = matchingKey(excerpt.text);
    if (key === '' || quoted.has(key)) continue;
    quoted.add(key);
    distinct++;
    if (distinct <= page.offset) continue;
    hits.push({ id: candidate.id, score: candidate.score, excerpt });
  }
  return { hits, total: ranked.length };
}

/** A seeded generator, so that the corpus is the same on every run. */
function generator(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

const SENTENCES = [
  '深度学习是一种基于多层神经网络的机器学习方法。',
  '训练大模型需要大量的计算资源。',
  'Deep learning uses layered networks.',
  '神经网络的参数在训练中更新。',
  '是。',
  '这款软件可以自动整理数据。',
  'GPU 让训练快了很多。',
];
const HEADINGS = ['', '深度学习', '训练', '神经网络 入门'];

/**
 * Many look-alike passages: the same texts again and again, texts that differ only in case or
 * punctuation (the same dedupe key), long texts that differ only outside the quoted window, under
 * different headings, and Q/A pairs whose answers start at different places.
 */
function lookAlikeCorpus(): { index: PassageIndex; passages: QuotablePassage[] } {
  const pick = generator(7);
  const passages: QuotablePassage[] = [];
  const headings: string[] = [];
  for (let i = 0; i < 600; i++) {
    const sentences = Array.from({ length: 1 + pick(3) }, () => SENTENCES[pick(SENTENCES.length)]);
    let text = sentences.join('');
    if (pick(5) === 0) text = text.toUpperCase().replace(/。/g, '.');
    if (pick(6) === 0) text = `${text}${'填充的句子，没有问题的词。'.repeat(20)}第${pick(4)}段。`;
    const passage: QuotablePassage = { text };
    if (pick(4) === 0) passage.answerOffset = pick(text.length);
    passages.push(passage);
    headings.push(HEADINGS[pick(HEADINGS.length)]);
  }
  const index = PassageIndex.build(passages.map((passage, i) => ({ text: passage.text, heading: headings[i] })));
  return { index, passages };
}

describe('passages that read alike', () => {
  const { index, passages } = lookAlikeCorpus();
  const questions = ['深度学习是什么', '是', '训练需要什么', 'deep learning networks', '神经网络的参数', '软件能整理数据吗', 'GPU'];

  it.each(questions)('answer %s as cutting every candidate did, page after page', (question) => {
    for (const page of [
      { top: 5, offset: 0 },
      { top: 5, offset: 5 },
      { top: 3, offset: 2 },
      { top: 50, offset: 0 },
    ]) {
      const expected = cutEveryCandidate(index, passages, question, page);
      expect(searchPassages(index, passages, question, page)).toEqual(expected);
    }
  });

  it('has look-alikes to skip: more candidates than distinct excerpts', () => {
    const all = cutEveryCandidate(index, passages, '深度学习是什么', { top: 1000, offset: 0 });
    // A third of the candidates and more quote what another candidate quoted already.
    expect(all.hits.length).toBeLessThan((all.total * 2) / 3);
  });
});
