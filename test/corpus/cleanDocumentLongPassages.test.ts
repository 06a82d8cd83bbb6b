import { describe, expect, it } from 'vitest';
import { cleanDocument, lineAt, MAX_PASSAGE } from '../../src/corpus/cleanDocument.ts';
import type { Passage } from '../../src/corpus/types.ts';
import { codePointLength } from '../../src/text/codePoints.ts';

const passagesOf = (text: string): Passage[] => cleanDocument({ path: 'doc.md', text }).passages;

/** About bytes of text, made of unit repeated, cut to whole code points. */
const repeatTo = (unit: string, units: number): string => [...unit.repeat(Math.ceil(units / unit.length))].slice(0, units).join('');

/**
 * Finds each passage in the source, in order, and checks that every line anchor (and the first and
 * last character) names the source line the text there comes from. Returns where each passage
 * starts in the source.
 */
function expectAnchorsMatchSource(source: string, passages: readonly Passage[]): number[] {
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  // The number of line starts at or before offset.
  const sourceLine = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (lineStarts[middle] <= offset) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const starts: number[] = [];
  let cursor = 0;
  for (const passage of passages) {
    const start = source.indexOf(passage.text, cursor);
    expect(start, `passage ${passage.index} is a slice of the source`).toBeGreaterThanOrEqual(0);
    // Only white space, line ends or a heading between one passage and the next.
    expect(source.slice(cursor, start).replace(/^#.*$/gm, '').trim()).toBe('');
    const offsets = [0, passage.text.length - 1, ...passage.anchors.map((a) => a.offset)];
    for (const offset of offsets) expect(lineAt(passage.anchors, offset), `line at ${offset} of passage ${passage.index}`).toBe(sourceLine(start + offset));
    expect(passage.line).toBe(sourceLine(start));
    starts.push(start);
    cursor = start + passage.text.length;
  }
  return starts;
}

function expectWithinBound(passages: readonly Passage[]): void {
  expect(passages.length).toBeGreaterThan(1);
  for (const passage of passages) expect(codePointLength(passage.text)).toBeLessThanOrEqual(MAX_PASSAGE);
}

describe('cleanDocument: passages stay within MAX_PASSAGE however the text is written', () => {
  it('cuts 100 kB of Chinese with no punctuation into bounded pieces that give the line back, each on its line', () => {
    const line = repeatTo('深度学习是机器学习的一个分支它使用多层神经网络学习数据的表示', 100_000);
    const nextLine = repeatTo('第二行的文字也没有标点', 5_000);
    const source = `# 标题\n\n${line}\n${nextLine}\n`;
    const passages = passagesOf(source);
    expectWithinBound(passages);
    expect(passages.map((p) => p.text).join('').replace(/\n/g, '')).toBe(line + nextLine);
    expectAnchorsMatchSource(source, passages);
    expect(passages[0].line).toBe(3);
    expect(passages[passages.length - 1].line).toBe(4);
  });

  it('cuts a long clause-only sentence after its clause marks', () => {
    const line = repeatTo('深度学习使用多层神经网络，', 20_000);
    const passages = passagesOf(`${line}\n`);
    expectWithinBound(passages);
    for (const passage of passages.slice(0, -1)) expect(passage.text.endsWith('，')).toBe(true);
    expect(passages.map((p) => p.text).join('')).toBe(line);
  });

  it('cuts 100 kB of English with spaces only between whole words', () => {
    const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing', 'elit', 'sed', 'do'];
    const wordList: string[] = [];
    for (let length = 0, i = 0; length < 100_000; i++) {
      const word = words[(i * 7) % words.length] + (i % 13 === 0 ? i.toString(36) : '');
      wordList.push(word);
      length += word.length + 1;
    }
    const line = wordList.join(' ');
    const source = `intro line.\n${line}\n`;
    const passages = passagesOf(source);
    expectWithinBound(passages);
    // Cut at spaces only: the pieces joined by one space are the line, and no word was split.
    expect(passages.map((p) => p.text).join(' ')).toBe(`intro line.\n${line}`);
    const starts = expectAnchorsMatchSource(source, passages);
    passages.forEach((passage, p) => {
      expect(/\s/.test(source[starts[p] - 1] ?? ' ')).toBe(true);
      expect(/\s/.test(source[starts[p] + passage.text.length] ?? ' ')).toBe(true);
    });
  });

  it('cuts a huge code block at line ends, keeping every line as written and its line number', () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `    const value${i} = compute(${i}, "深度学习");  // ${'x'.repeat(i % 40)}`);
    const source = `\`\`\`ts\n${lines.join('\n')}\n\`\`\`\n`;
    const passages = passagesOf(source);
    expectWithinBound(passages);
    expect(passages.every((p) => p.kind === 'code')).toBe(true);
    expect(passages.map((p) => p.text).join('\n')).toBe(['```ts', ...lines, '```'].join('\n'));
    const whole = new Set(lines);
    for (const passage of passages) expect(whole.has(passage.text.split('\n')[0]) || passage.text.startsWith('```')).toBe(true);
    expectAnchorsMatchSource(source, passages);
  });

  it('cuts one enormous code line into pieces that join back into it exactly', () => {
    const line = repeatTo('token_value + other_value * ', 100_000);
    const source = `\`\`\`\n${line}\nend()\n\`\`\`\n`;
    const passages = passagesOf(source);
    expectWithinBound(passages);
    expect(passages.map((p) => p.text).join('').replace(/\n/g, '')).toBe(`\`\`\`${line}end()\`\`\``);
    expectAnchorsMatchSource(source, passages);
  });

  it('never cuts inside a surrogate pair or a combining sequence', () => {
    // Astral CJK (two units each) and letters with combining marks that compose into no single
    // character (normalizing leaves them), with cuts falling on every parity.
    for (const unit of ['深𠀀𠀁', '𠀀', 'q\u0301', '深q\u0323\u0301𠀀']) {
      const line = repeatTo(unit, 10_001);
      const passages = passagesOf(`${line}\n`);
      expectWithinBound(passages);
      expect(passages.map((p) => p.text).join('')).toBe(line);
      for (const { text } of passages) {
        expect(/^[\udc00-\udfff\u0300-\u036f]/.test(text), `${unit}: a piece starts with ${text.codePointAt(0)?.toString(16)}`).toBe(false);
        expect(/[\ud800-\udbff]$/.test(text)).toBe(false);
      }
    }
  });

  it('keeps a question with the start of its huge answer', () => {
    const answer = repeatTo('深度学习使用多层神经网络，', 20_000);
    const passages = passagesOf(`Q1：什么是深度学习？\nA1：${answer}\n`);
    expectWithinBound(passages);
    expect(passages[0].text.startsWith('Q1：什么是深度学习？\nA1：深度学习')).toBe(true);
    expect(passages[0].anchors).toEqual([
      { offset: 0, line: 1 },
      { offset: 'Q1：什么是深度学习？\n'.length, line: 2 },
    ]);
  });

  it('leaves sentences alone in a long passage of ordinary ones, even one over a chunk but within the bound', () => {
    const sentences = (from: number): string =>
      Array.from({ length: 30 }, (_, i) => `第${from + i}号模型是机器学习的一个分支，它使用${from + i}层神经网络来学习数据的表示。`).join('');
    const longSentence = `${Array.from({ length: 100 }, (_, i) => `这是很长的句子的第${i}个小句，`).join('')}到此结束。`;
    const text = sentences(0) + longSentence + sentences(100);
    const passages = passagesOf(`${text}\n`);
    expect(passages.length).toBeGreaterThan(2);
    expect(passages.map((p) => p.text).join('')).toBe(text);
    for (const passage of passages) expect(passage.text.endsWith('。')).toBe(true);
    expect(passages.some((p) => p.text === longSentence)).toBe(true);
  });
});

describe('cleanDocument: a heading too long to be one', () => {
  it('titles its section with its start and keeps its text as the section\'s first passages', () => {
    const heading = repeatTo('很长的标题文字，', 100_000);
    const source = `# ${heading}\n\n正文第一段。\n\n## 小节\n\n正文第二段。\n`;
    const doc = cleanDocument({ path: 'doc.md', text: source });
    const [, long, child] = doc.sections;
    expect(codePointLength(long.title)).toBeLessThanOrEqual(200);
    expect(long.title.endsWith('，…')).toBe(true);
    expect(heading.startsWith(long.title.slice(0, -1))).toBe(true);
    expect(doc.title).toBe(long.title);
    expect(child.path).toEqual([long.title, '小节']);
    const inLong = long.passages.map((p) => doc.passages[p]);
    expect(inLong.map((p) => p.text).join('')).toBe(`${heading}正文第一段。`);
    expect(inLong.every((p) => p.line === (p.text === '正文第一段。' ? 3 : 1))).toBe(true);
    expectWithinBound(inLong);
  });

  it('leaves a heading of ordinary length as it is', () => {
    const heading = '很长的标题'.repeat(40);
    expect(cleanDocument({ path: 'doc.md', text: `# ${heading}\n\n正文。\n` }).sections[1].title).toBe(heading);
  });
});
