/** Section suggestions: what the index of section paths finds is what weighing every section finds. */
import { describe, expect, it } from 'vitest';
import { SectionChoices } from '../../src/desk/sectionChoices.ts';
import type { OutlineEntry } from '../../src/desk/types.ts';
import { tokenize } from '../../src/search/tokenize.ts';
import { foldForMatching } from '../../src/text/foldText.ts';

function entry(path: string[], sectionId: string, empty = false): OutlineEntry {
  const title = path.at(-1) ?? '';
  return { docName: path[0], citedPath: path.slice(1), label: `${title} — ${path[0]}`, shortName: title, doc: `${path[0]}.md`, sectionId, title, level: path.length - 1, line: 1, path, empty, passageCount: empty ? 0 : 1 };
}

/** The rule as it reads (SectionChoices' header): every section weighed. */
function weighEvery(entries: readonly OutlineEntry[], typed: string, namedId: string | undefined, limit: number, withText: boolean): OutlineEntry[] {
  const folded = foldForMatching(typed.trim());
  const wanted = new Set(tokenize(folded).map((t) => t.term));
  return entries
    .filter((e) => !(withText && e.empty))
    .map((e, order) => {
      const title = foldForMatching(e.path.join(' '));
      const titleTerms = new Set(tokenize(title).map((t) => t.term));
      const shared = [...wanted].filter((term) => titleTerms.has(term)).length;
      const score = e.sectionId === namedId ? 10 : (title.includes(folded) ? 2 : 0) + (wanted.size > 0 ? shared / wanted.size : 0) - (e.empty ? 0.5 : 0);
      return { e, score, order };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((s) => s.e);
}

const words = ['深度学习', '神经网络', '硬件', '历史', 'GPU', 'Transformer', '模型训练', '數據', '显卡', 'attention', '大模型', '计算资源'];

describe('SectionChoices', () => {
  // Sections whose paths mix the words (a seeded generator: the same sections each run).
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const entries: OutlineEntry[] = [];
  for (let i = 0; i < 300; i++) {
    const path = [`文档${next(20)}`, ...Array.from({ length: 1 + next(3) }, () => words[next(words.length)] + (next(4) === 0 ? String(next(10)) : ''))];
    entries.push(entry(path, `id${i}`, next(5) === 0));
  }
  const choices = new SectionChoices(entries);

  it('ranks as weighing every section does, for words, parts of words, other scripts and no match', () => {
    const typed = [...words, '学习', '网', 'gp', 'GPU 硬件', '深度 显卡', '数据', '文档3', '没有这个', 'transformer attention', '型训', '1'];
    for (const text of typed) {
      const folded = foldForMatching(text.trim());
      const wanted = [...new Set(tokenize(folded).map((t) => t.term))];
      for (const withText of [false, true]) {
        for (const namedId of [undefined, 'id42']) {
          expect(choices.suggest(folded, wanted, namedId, 25, withText).map((e) => e.sectionId), `${text} ${withText} ${namedId}`).toEqual(
            weighEvery(entries, text, namedId, 25, withText).map((e) => e.sectionId),
          );
        }
      }
    }
  });

  it('puts a path holding the typed text (2) before one holding all its terms apart (1), and drops what scores nothing', () => {
    const sections = [entry(['x', 'gp'], 'terms apart'), entry(['agp', 'xz'], 'holds the text'), entry(['gpu'], 'neither')];
    expect(new SectionChoices(sections).suggest('gp x', ['gp', 'x'], undefined, 5, false).map((e) => e.sectionId)).toEqual(['holds the text', 'terms apart']);
  });

  it('finds typed text only within one section path, never across two', () => {
    const two = new SectionChoices([entry(['甲', '深度'], 'a'), entry(['学习', '乙'], 'b')]);
    expect(two.suggest('深度\u0000学习', [], undefined, 5, false)).toEqual([]);
    expect(two.suggest('甲 深度', [], undefined, 5, false).map((e) => e.sectionId)).toEqual(['a']);
  });
});
