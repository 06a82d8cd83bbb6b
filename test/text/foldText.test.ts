import { describe, expect, it } from 'vitest';
import { foldForMatching } from '../../src/text/foldText.ts';

describe('foldForMatching', () => {
  it('folds full-width Latin and digits to ASCII lower case', () => {
    expect(foldForMatching('ＧＰＵ和ＧＰＴ－３')).toBe('gpu和gpt-3');
  });

  it('folds Traditional characters to Simplified', () => {
    expect(foldForMatching('深度學習與自然語言處理')).toBe('深度学习与自然语言处理');
  });

  it('leaves Simplified characters that are also Taiwan variants alone', () => {
    expect(foldForMatching('什么')).toBe('什么');
  });

  it('keeps the UTF-16 length so offsets still point into the original', () => {
    for (const text of ['ＧＰＵ', 'ﬁle ½ 𝐀𝐁 𠀀字', 'İstanbul', '深度學習']) {
      expect(foldForMatching(text)).toHaveLength(text.length);
    }
  });
});
