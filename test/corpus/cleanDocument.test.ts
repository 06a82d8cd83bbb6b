import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/corpus/cleanDocument.ts';

const clean = (text: string, path = 'doc.md') => cleanDocument({ path, text });
const texts = (text: string) => clean(text).passages.map((p) => p.text);

describe('cleanDocument', () => {
  describe('normalizing', () => {
    it('drops the BOM, normalizes line endings and keeps line numbers', () => {
      const doc = clean('\uFEFF# 标题\r\n\r\n第一段。\r\n\r\n第二段。\r\n');
      expect(doc.passages.map((p) => [p.text, p.line])).toEqual([
        ['第一段。', 3],
        ['第二段。', 5],
      ]);
    });

    it('keeps markdown emphasis and code markers out of the quoted text', () => {
      expect(texts('- **深度学习**：一种`机器学习`方法。')).toEqual(['- 深度学习：一种机器学习方法。']);
    });
  });

  describe('joining the sentences kept', () => {
    const passageOf = (text: string) => clean(text).passages.map((p) => ({ text: p.text, anchors: p.anchors }))[0];

    it('keeps a paragraph of several lines as written, with the line of every line', () => {
      expect(passageOf('# 标题\n\n第一行。第二句！\nLine two. Still here\n」第三行\n')).toEqual({
        text: '第一行。第二句！\nLine two. Still here\n」第三行',
        anchors: [
          { offset: 0, line: 3 },
          { offset: 9, line: 4 },
          { offset: 30, line: 5 },
        ],
      });
    });

    it('joins sentences with one space where the text had more, and with a space where words would run together', () => {
      expect(passageOf('First one.   Second one!Third one?\u3000第四句。')).toEqual({
        text: 'First one. Second one! Third one? 第四句。',
        anchors: [{ offset: 0, line: 1 }],
      });
    });

    it('puts a space after ! ? ; ) before a letter, a digit or "(", and none between Chinese sentences', () => {
      expect(passageOf('Done!(see below)  Yes!第二句！第三句。  Go?2 more;x! 9)').text).toBe('Done! (see below)  Yes!第二句！第三句。 Go? 2 more;x! 9)');
    });
  });

  describe('repeats', () => {
    it('drops a paragraph repeated exactly and reports it as a duplicate', () => {
      const paragraph = '随着大模型的不断发展，我们可以看到其在各种领域的应用也在不断拓展。';
      const doc = clean(`${paragraph}\n\n${paragraph}\n\n${paragraph}\n`);
      expect(doc.passages).toHaveLength(1);
      expect(doc.report.paragraphsDropped.duplicate).toBe(2);
      expect(doc.report.removals.map((r) => r.line)).toEqual([3, 5]);
    });

    it('drops a near-copy that differs by one character (图像处处理 for 图像处理)', () => {
      const original = '在图像处理领域，ResNet等大模型也取得了很大的成果，它们可以进行图像识别、分类等任务。';
      const doc = clean(`${original}\n\n${original.replace('图像处理', '图像处处理')}\n`);
      expect(doc.passages.map((p) => p.text)).toEqual([original]);
      expect(doc.report.paragraphsDropped.nearDuplicate).toBe(1);
    });

    it('drops a repeated sentence but keeps the new sentence of the same paragraph', () => {
      const repeated = '这些模型已经成功地应用于各种任务，包括图像识别、自然语言处理、语音识别等。';
      expect(texts(`第一句话在这里说明背景。${repeated}\n\n新的内容在这里出现了一次。${repeated}\n`)).toEqual([
        `第一句话在这里说明背景。${repeated}`,
        '新的内容在这里出现了一次。',
      ]);
    });

    it('keeps sentences that differ only in their numbers when they are not a run', () => {
      const doc = clean('他于1990年获得了国家科学技术进步一等奖。\n\n后来他去了北京工作。\n\n他于1995年获得了国家科学技术进步一等奖。\n');
      expect(doc.passages).toHaveLength(3);
    });

    it('keeps short repeated lines such as 是的。', () => {
      expect(texts('问：可以吗？\n\n是的。\n\n问：还可以吗？\n\n是的。\n')).toContain('是的。');
    });
  });

  describe('template runs', () => {
    it('collapses consecutive paragraphs that differ only in numbers to the first one', () => {
      const line = (year: number, n: number) => `在${year}年，OpenAI开发了一个名为“GPT-${n}”的语言模型，它在自然语言处理任务上取得了显著的成果。`;
      const doc = clean([line(2021, 3), line(2022, 4), line(2023, 5), line(2024, 6)].join('\n\n'));
      expect(doc.passages.map((p) => p.text)).toEqual([line(2021, 3)]);
      expect(doc.report.paragraphsDropped.templateRun).toBe(3);
    });
  });

  describe('garbage', () => {
    it('cuts the damaged paragraph back to its last complete sentence', () => {
      const doc = clean('这是完整的第一句话。这是完整的第二句话。它们可以进行���成��成��模��3等大\n');
      expect(doc.passages.map((p) => p.text)).toEqual(['这是完整的第一句话。这是完整的第二句话。']);
      expect(doc.passages.every((p) => !p.text.includes('\uFFFD'))).toBe(true);
      expect(doc.report.sentencesDropped.garbage).toBeGreaterThan(0);
    });

    it('recognizes UTF-8 read as Latin-1 (mojibake) as garbage', () => {
      expect(texts('正常的句子在这里。ä¸­æ–‡ä¹±ç å‡ºçŽ°äº†。\n\n第二段。')).toEqual(['正常的句子在这里。', '第二段。']);
    });

    it('leaves accented Latin letters alone', () => {
      expect(texts('Café crème and naïve façades are fine.')).toEqual(['Café crème and naïve façades are fine.']);
    });
  });

  describe('truncated endings', () => {
    it('drops a final sentence that stops where an earlier one went on', () => {
      const sentence = '随着大模型的不断发展，人工智能技术的应用也不断拓展，到现在的自动驾驶、语音识别、图像识别等领域。';
      const doc = clean(`# 标题\n\n${sentence}\n\n第二段也是完整的。\n\n${sentence.slice(0, 30)}`);
      expect(doc.passages.map((p) => p.text)).toEqual([sentence, '第二段也是完整的。']);
      expect(doc.report.paragraphsDropped.truncated).toBe(1);
    });

    it('keeps a short label that ends a document without punctuation', () => {
      expect(texts('第一段。\n\n第二段。\n\n第三段。\n\nFishBase')).toContain('FishBase');
    });
  });

  describe('sections', () => {
    it('builds the heading tree with levels, paths and lines', () => {
      const doc = clean('# 一\n\n正文一。\n\n## 一点一\n\n正文二。\n\n# 二\n\n正文三。\n');
      const headings = doc.sections.filter((s) => s.level > 0).map((s) => [s.level, s.path.join(' > '), s.line]);
      expect(headings).toEqual([
        [1, '一', 1],
        [2, '一 > 一点一', 5],
        [1, '二', 9],
      ]);
      expect(doc.passages.map((p) => doc.sections[p.section].title)).toEqual(['一', '一点一', '二']);
    });

    it('keeps a section left with nothing in the outline, marked empty', () => {
      const boilerplate = '在这个时代，人工智能大模型已经成为了研究和应用的重点。';
      const doc = clean(`# 总\n\n${boilerplate}\n\n## 空的\n\n${boilerplate}\n\n## 有的\n\n有内容。\n`);
      const bySection = Object.fromEntries(doc.sections.map((s) => [s.title, s.empty]));
      expect(bySection).toMatchObject({ 总: false, 空的: true, 有的: false });
    });
  });

  describe('question and answer pairs', () => {
    it('joins Q1：/A1： into one passage that knows where the answer starts', () => {
      const doc = clean('Q1：AI大模型需要多少计算资源？\n\nA1：需要大量的计算资源，如GPU、TPU等。\n');
      expect(doc.passages).toHaveLength(1);
      const [qa] = doc.passages;
      expect(qa.kind).toBe('qa');
      expect(qa.text.slice(qa.answerOffset)).toBe('A1：需要大量的计算资源，如GPU、TPU等。');
      expect(qa.anchors.map((a) => a.line)).toEqual([1, 3]);
    });

    it('recognizes 问：/答： pairs', () => {
      expect(clean('问：什么是深度学习？\n\n答：一种机器学习方法。\n').passages[0].kind).toBe('qa');
    });
  });

  describe('report', () => {
    it('counts characters in and out and paragraphs kept', () => {
      const text = '这是第一段的完整内容。\n\n这是第一段的完整内容。\n\n第二段。\n';
      const doc = clean(text);
      expect(doc.report).toMatchObject({ paragraphsIn: 3, paragraphsKept: 2, charsOut: 15 });
      expect(doc.report.charsIn).toBe(text.length);
    });
  });
});
