import { describe, expect, it } from 'vitest';
import { foldForMatching, rememberingFolds } from '../../src/text/foldText.ts';

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

  it('folds zero-width and format characters (Unicode Cf) to one ignorable unit, keeping the length', () => {
    const text = '深\u200b度\u200c学\u200d习\u2060a\u00adb\ufeffc\u200e';
    const folded = foldForMatching(text);
    expect(folded).toHaveLength(text.length);
    expect(folded).toBe('深\u200b度\u200b学\u200b习\u200ba\u200bb\u200bc\u200b');
    // An astral format character (a tag) becomes two ignorable units.
    expect(foldForMatching('x\u{e0041}y')).toBe('x\u200b\u200by');
  });
});

describe('folding texts one after another', () => {
  it('folds each text alone, whatever was folded before it', () => {
    expect(foldForMatching('ＧＰＵ與深度學習')).toBe('gpu与深度学习');
    expect(foldForMatching('Ａ中')).toBe('a中');
    expect(foldForMatching('中文')).toBe('中文');
  });

  it('folds a text longer than the reused buffer like its pieces', () => {
    const piece = 'ＧＰＵ與深度學習，';
    const long = piece.repeat(10_000);
    expect(long.length).toBeGreaterThan(1 << 16);
    expect(foldForMatching(long)).toBe(foldForMatching(piece).repeat(10_000));
    expect(foldForMatching('Ｂ')).toBe('b');
  });

  it('gives back the text itself when nothing in it folds', () => {
    const text = '深度学习是机器学习的一个分支。';
    expect(foldForMatching(text)).toBe(text);
  });

  it('turns a lone surrogate into U+FFFD, one unit for one', () => {
    expect(foldForMatching('Ａ\ud800中𝐀')).toBe('a\ufffd中𝐀');
  });
});

describe('folds remembered during a build', () => {
  it('are the folds made without them, nested or not', () => {
    const text = 'ＧＰＵ與深度學習：計算資源的需求越來越高，訓練大模型需要很多張顯示卡。';
    const once = foldForMatching(text);
    const inside = rememberingFolds(() => [foldForMatching(text), foldForMatching(text), rememberingFolds(() => foldForMatching(text))]);
    expect(inside).toEqual([once, once, once]);
    expect(foldForMatching(text)).toBe(once);
  });

  it('hand back what the work returns, and its errors', () => {
    expect(rememberingFolds(() => 42)).toBe(42);
    expect(() => rememberingFolds(() => {
      throw new Error('cleaning failed');
    })).toThrow('cleaning failed');
  });
});
