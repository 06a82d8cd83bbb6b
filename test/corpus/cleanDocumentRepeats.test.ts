import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/corpus/cleanDocument.ts';
import { boundedEditDistance, MAX_NEAR_LENGTH, SeenText } from '../../src/corpus/nearDuplicates.ts';

/** Plain Levenshtein distance, the reference the banded one must agree with. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), previous[j] + 1, current[j - 1] + 1);
    previous = current;
  }
  return previous[b.length];
}

describe('repeat detection', () => {
  it('the banded edit distance agrees with the plain one up to its bound', () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let round = 0; round < 500; round++) {
      const a = Array.from({ length: 5 + random(40) }, () => 'abcd'[random(4)]).join('');
      let b = a;
      for (let edit = random(6); edit > 0; edit--) {
        const at = random(b.length + 1);
        b = [b.slice(0, at) + 'abcd'[random(4)] + b.slice(at + 1), b.slice(0, at) + b.slice(at + 1), b.slice(0, at) + 'x' + b.slice(at)][random(3)];
      }
      const bound = random(5);
      expect(boundedEditDistance(a, b, bound)).toBe(Math.min(editDistance(a, b), bound + 1));
      // The same pair inside a prefix and a suffix they share, which the banded one sets aside.
      const prefix = 'abcd'.repeat(random(4)) + 'dcba'.slice(random(4));
      const suffix = 'bcda'.slice(random(4)) + 'ab'.repeat(random(3));
      expect(boundedEditDistance(prefix + a + suffix, prefix + b + suffix, bound)).toBe(Math.min(editDistance(prefix + a + suffix, prefix + b + suffix), bound + 1));
      expect(boundedEditDistance(prefix + a, prefix + b + suffix, bound + suffix.length)).toBe(
        Math.min(editDistance(prefix + a, prefix + b + suffix), bound + suffix.length + 1),
      );
    }
  });

  it('finds a near repeat of a recent key among thousands sharing its first characters', () => {
    const seen = new SeenText();
    for (let i = 0; i < 5000; i++) expect(seen.check(`同一个开头的记录内容第${i}条目是不同的文字`)).toBeUndefined();
    expect(seen.check('同一个开头的记录内容第4999条目是不同的文字')).toBe('duplicate');
    expect(seen.check('同一个开头的记录内容第4999条目是不相同的文字')).toBe('nearDuplicate');
  });

  it('still drops an exact repeat of a paragraph too long to compare nearly', () => {
    const long = `${'一段非常长的文字内容反复出现'.repeat(Math.ceil(MAX_NEAR_LENGTH / 10))}。`;
    const doc = cleanDocument({ path: 'doc.md', text: `${long}\n\n${long}\n\n${long.replace('一段', '两段')}\n` });
    expect(doc.report.paragraphsDropped.duplicate).toBe(1);
    expect(doc.report.paragraphsDropped.nearDuplicate).toBe(0);
    expect(doc.report.paragraphsKept).toBe(2);
  });

  it('keeps line numbers right in a paragraph of many lines whose repeats are cut', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 2 === 0 ? '重复的这一行文字总是完全一样的。' : `第${i}行是新的内容，编号${i * 7}。`));
    const doc = cleanDocument({ path: 'doc.md', text: `${lines.join('\n')}\n` });
    const [passage] = doc.passages;
    expect(passage.anchors.slice(0, 3).map((a) => a.line)).toEqual([1, 2, 4]);
    expect(passage.text.split('\n')[2]).toBe('第3行是新的内容，编号21。');
  });
});
