/** Lead-ins ("…包括：") and what they introduce: one passage; a lone lead-in leaves its section empty. */
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/corpus/cleanDocument.ts';
import { isBareLeadIn } from '../../src/corpus/leadIns.ts';

const clean = (text: string) => cleanDocument({ path: 'doc.md', text });

const challenges = [
  '# 大模型',
  '',
  '## 总结',
  '',
  '大模型将继续发展，主要面临的挑战包括：',
  '',
  '- **计算能力**：训练需要大量的GPU。',
  '- **数据集**：需要大量的高质量数据。',
  '',
  '## 算法',
  '',
  '核心算法原理主要包括：',
  '',
  '',
  '## 附录',
  '',
  '附录里写的是常见问题的答案。',
].join('\n');

describe('lead-ins', () => {
  it('joins a lead-in with the list it introduces, each line still citing its own source line', () => {
    const doc = clean(challenges);
    const passage = doc.passages.find((p) => p.text.includes('挑战包括'))!;
    expect(passage.kind).toBe('list');
    expect(passage.text).toBe('大模型将继续发展，主要面临的挑战包括：\n- 计算能力：训练需要大量的GPU。\n- 数据集：需要大量的高质量数据。');
    expect(passage.line).toBe(5);
    expect(passage.anchors.map((a) => a.line)).toEqual([5, 7, 8]);
  });

  it('joins a lead-in with the paragraph it introduces', () => {
    const doc = clean('The steps are as follows:\n\nInstall the package, then run the tests.\n');
    expect(doc.passages.map((p) => p.text)).toEqual(['The steps are as follows:\nInstall the package, then run the tests.']);
  });

  it('never joins across a heading', () => {
    const doc = clean('# 甲\n\n下面是例子：\n\n# 乙\n\n- 这是乙节的列表项。\n');
    expect(doc.passages.map((p) => p.text)).toEqual(['下面是例子：', '- 这是乙节的列表项。']);
  });

  it('leaves a lead-in alone when what it introduced was cleaned away, rather than joining unrelated text', () => {
    const list = '- 第一步是安装全部的依赖软件包。\n- 第二步是运行全部的测试程序。';
    const doc = clean(`# 安装\n\n安装的步骤如下：\n\n${list}\n\n# 升级\n\n升级的步骤如下：\n\n${list}\n\n升级之前请先备份所有的数据文件。\n`);
    const texts = doc.passages.map((p) => p.text);
    expect(texts).toContain('升级的步骤如下：');
    expect(texts).toContain('升级之前请先备份所有的数据文件。');
  });

  it('counts a section holding only a lead-in as empty, and its parent as holding text', () => {
    const doc = clean(challenges);
    const empty = Object.fromEntries(doc.sections.map((s) => [s.title, s.empty]));
    expect(empty).toMatchObject({ 总结: false, 算法: true, 附录: false, 大模型: false });
  });

  it('tells a lone lead-in from text that ends with one', () => {
    expect(isBareLeadIn('核心算法原理主要包括：')).toBe(true);
    expect(isBareLeadIn('Steps:')).toBe(true);
    expect(isBareLeadIn('大模型很重要。主要的挑战包括：')).toBe(false);
    expect(isBareLeadIn('时间是10:30。')).toBe(false);
  });
});
