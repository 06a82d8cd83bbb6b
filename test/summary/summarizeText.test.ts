import { describe, expect, it } from 'vitest';
import { joinSentences, summarizeText } from '../../src/summary/summarizeText.ts';
import { codePointLength } from '../../src/text/codePoints.ts';

const topicText = [
  '深度学习是一种基于多层神经网络的机器学习方法。',
  '深度学习在图像识别中取得了显著的成果。',
  '今天的午饭是面条。',
  '深度学习在语音识别中也取得了显著的成果。',
  '神经网络的训练需要大量数据。',
];

describe('summarizeText', () => {
  it('picks central sentences and returns them in source order', () => {
    const sentences = summarizeText([topicText.join('')], 80);
    expect(sentences[0]).toBe(topicText[0]);
    const positions = sentences.map((s) => topicText.indexOf(s));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(sentences).not.toContain('今天的午饭是面条。');
  });

  it('stays within the length budget and repeats no sentence', () => {
    const sentences = summarizeText([topicText.join(''), topicText.join('')]);
    expect(codePointLength(joinSentences(sentences))).toBeLessThanOrEqual(600);
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('shortens a single sentence longer than the budget at a clause boundary', () => {
    const [only] = summarizeText(['这是一个分句，'.repeat(200) + '结束。']);
    expect(codePointLength(only)).toBeLessThanOrEqual(600);
    expect(only.endsWith('，')).toBe(true);
  });

  it('returns nothing for nothing', () => {
    expect(summarizeText([])).toEqual([]);
  });

  it('joins Chinese sentences without spaces and English ones with a space', () => {
    expect(joinSentences(['第一句。', '第二句。'])).toBe('第一句。第二句。');
    expect(joinSentences(['One.', 'Two.'])).toBe('One. Two.');
  });

  it('drops Q/A answer labels, which point at questions a summary does not show', () => {
    const sentences = summarizeText(['Q1：模型需要多少计算资源？\nA1：模型需要大量的计算资源，如GPU。', '答：模型训练需要大量计算资源和数据。']);
    expect(sentences.some((s) => /^(A1|答)：/.test(s))).toBe(false);
    expect(sentences).toContain('模型需要大量的计算资源，如GPU。');
  });
});
