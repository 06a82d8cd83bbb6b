import { describe, expect, it } from 'vitest';
import { formatRemovals } from '../../src/cli/terminalText.ts';
import { cleanDocument } from '../../src/corpus/cleanDocument.ts';
import { DROP_REASONS, REMOVAL_EXAMPLE_CHARS, REMOVAL_EXAMPLES_PER_REASON, type CleaningReport } from '../../src/corpus/types.ts';

const clean = (text: string) => cleanDocument({ path: 'doc.md', text });
const total = (report: CleaningReport, reason: (typeof DROP_REASONS)[number]) => report.paragraphsDropped[reason] + report.sentencesDropped[reason];

describe('the cleaning report keeps exact counts and a bounded number of examples', () => {
  const line = '这是一行完全相同的文字，用来测试清理报告的计数。';
  const repeatedLines = clean(`${line}\n`.repeat(5000)).report;

  it('counts every one of 4,999 repeated lines', () => {
    expect(repeatedLines.sentencesDropped.duplicate).toBe(4999);
    expect(repeatedLines.paragraphsKept).toBe(1);
  });

  it('lists the first 20 of them, in source order with their lines, and says how many were left out', () => {
    expect(repeatedLines.removals).toHaveLength(REMOVAL_EXAMPLES_PER_REASON);
    expect(repeatedLines.removals.map((r) => r.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(repeatedLines.removals[0]).toEqual({ reason: 'duplicate', line: 2, scope: 'sentence', text: line, chars: line.length });
    expect(repeatedLines.removalsLeftOut.duplicate).toBe(4999 - 20);
  });

  it('bounds the examples per reason, each reason on its own', () => {
    const paragraph = '随着大模型的不断发展，我们可以看到其在各种领域的应用也在不断拓展。';
    const template = (year: number) => `在${year}年，研究团队发布了第${year - 1990}代语言模型，引起了广泛的关注和讨论。`;
    const text = [
      ...Array.from({ length: 31 }, () => paragraph),
      ...Array.from({ length: 41 }, (_, i) => template(2000 + i)),
    ].join('\n\n');
    const report = clean(text).report;
    expect(report.paragraphsDropped.duplicate).toBe(30);
    expect(report.paragraphsDropped.templateRun).toBe(40);
    for (const reason of DROP_REASONS) {
      const listed = report.removals.filter((r) => r.reason === reason).length;
      expect(listed).toBe(Math.min(total(report, reason), REMOVAL_EXAMPLES_PER_REASON));
      expect(listed + report.removalsLeftOut[reason]).toBe(total(report, reason));
    }
  });

  it('keeps a preview of a long removed text and its full length', () => {
    const long = `${'很长的段落里重复出现的内容，'.repeat(200)}结束。`;
    const report = clean(`${long}\n\n${long}\n`).report;
    expect(report.paragraphsDropped.duplicate).toBe(1);
    const [removal] = report.removals;
    expect([...removal.text]).toHaveLength(REMOVAL_EXAMPLE_CHARS);
    expect(long.startsWith(removal.text)).toBe(true);
    expect(removal.chars).toBe([...long].length);
  });

  it('lists nothing left out when every removal fits', () => {
    const report = clean('第一段的内容在这里写得很清楚。\n\n第一段的内容在这里写得很清楚。\n').report;
    expect(report.removals).toHaveLength(1);
    expect(Object.values(report.removalsLeftOut).every((n) => n === 0)).toBe(true);
  });

  it('the text report says how many more were removed from the exact count, not from the examples', () => {
    const text = formatRemovals([repeatedLines]);
    expect(text.match(/^ {2}duplicate +line/gm)).toHaveLength(3);
    expect(text).toContain('duplicate     … and 4996 more');
  });
});
