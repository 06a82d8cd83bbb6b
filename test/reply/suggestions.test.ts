import { describe, expect, it } from 'vitest';
import { matchScore, suggestDocuments, suggestQuestions, suggestSectionChoices } from '../../src/reply/suggestions.ts';
import { FakeDesk, sampleDesk } from './fakeDesk.ts';

const limits = { count: 25, nameLength: 100, valueLength: 100 };

describe('autocomplete suggestions', () => {
  it('offers FAQ questions first, then matching section titles', async () => {
    const choices = await suggestQuestions(sampleDesk(), '大模型', limits);
    expect(choices[0]).toEqual({ name: '大模型会取代人吗？', value: '大模型会取代人吗？' });
    const desk = sampleDesk();
    expect(await suggestQuestions(desk, '部署', limits)).toEqual([{ name: '部署', value: '部署' }]);
  });

  it('matches Traditional input against Simplified questions', async () => {
    expect((await suggestQuestions(sampleDesk(), '大模型會取代', limits))[0]?.value).toBe('大模型会取代人吗？');
  });

  it('keeps to the choice count, 100-character names and values', async () => {
    const long = '很长的问题'.repeat(40);
    const desk = new FakeDesk(
      Array.from({ length: 40 }, (_, i) => ({ id: `s:${i}`, doc: 'a.md', path: [`${long}${i}`], line: i, passages: [] })),
      Array.from({ length: 40 }, (_, i) => ({ question: `${long}？${i}`, doc: 'a.md', sectionId: `s:${i}`, line: i })),
    );
    const choices = await suggestQuestions(desk, '很长', limits);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect([...choice.name].length).toBeLessThanOrEqual(100);
      expect([...choice.value].length).toBeLessThanOrEqual(100);
      expect(choice.name.length).toBeGreaterThan(0);
    }
    expect(new Set(choices.map((choice) => choice.value)).size).toBe(choices.length);
  });

  it('offers sections by id for /summary, with the heading path and document as the name', async () => {
    expect(await suggestSectionChoices(sampleDesk(), '部署', limits)).toEqual([{ name: '部署 — 模型指南', value: 'a:5' }]);
  });

  it('skips section ids over the value limit rather than sending a choice Discord rejects', async () => {
    const desk = new FakeDesk([{ id: 'x'.repeat(101), doc: 'a.md', path: ['部署'], line: 1, passages: ['t'] }]);
    expect(await suggestSectionChoices(desk, '部署', limits)).toEqual([]);
  });

  it('offers documents by title or path for /sections', async () => {
    expect(await suggestDocuments(sampleDesk(), 'faq', limits)).toEqual([{ name: '常见问题 — faq.md', value: 'faq.md' }]);
    expect(await suggestDocuments(sampleDesk(), '', limits)).toHaveLength(2);
  });

  it('scores a prefix over a substring over scattered characters', () => {
    expect(matchScore('大模型训练', '大模型')).toBeGreaterThan(matchScore('训练大模型', '大模型'));
    expect(matchScore('训练大模型', '大模型')).toBeGreaterThan(matchScore('模型很大', '大模型'));
    expect(matchScore('完全无关', '大模型')).toBe(0);
  });

  it('matches Latin letters and digits only as typed, never as scattered characters', () => {
    expect(matchScore('001_08f69f4bcd10ebae.txt', '003')).toBe(0);
    expect(matchScore('003_6c99d61fa6fdf524.txt', '003')).toBe(4);
  });
});
