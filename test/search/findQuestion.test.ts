import { describe, expect, it } from 'vitest';
import { questionOfMessage } from '../../src/search/findQuestion.ts';

describe('questionOfMessage', () => {
  it('leaves a one-sentence question as it is', () => {
    expect(questionOfMessage('AI会让人失业吗')).toBe('AI会让人失业吗');
    expect(questionOfMessage('GPT-3')).toBe('GPT-3');
  });

  it('finds the question in the middle of a short chat message, without greetings and thanks', () => {
    const message = '大家好，我刚进群。想请教一下：AI大模型会不会导致很多人失业？谢谢！';
    expect(questionOfMessage(message)).toBe('想请教一下：AI大模型会不会导致很多人失业？');
  });

  it('finds a question at the end of a long paste', () => {
    const message = `${'我们今天开了一个很长的会，讨论了很多事情。'.repeat(20)}请问大模型需要多少计算资源？谢谢。`;
    expect(questionOfMessage(message)).toBe('请问大模型需要多少计算资源？');
  });

  it('keeps every sentence that asks, and drops chat between emoji', () => {
    expect(questionOfMessage('GPU 是什么？ 为什么需要？')).toBe('GPU 是什么？ 为什么需要？');
    expect(questionOfMessage('hello 潜水很久第一次冒泡😂 想问问GPT-3生成的文章质量到底咋样？最近想拿来写周报，先谢过')).toBe(
      '想问问GPT-3生成的文章质量到底咋样？',
    );
  });

  it('searches a message in which nothing asks as a whole', () => {
    expect(questionOfMessage('没有问号的长消息。'.repeat(3))).toBe('没有问号的长消息。'.repeat(3));
  });
});
