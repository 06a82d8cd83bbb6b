/** Names people can read: documents that share a title, and every section reachable by what it is shown as. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnswerDesk } from '../../src/desk/answerDesk.ts';
import { documentNames, nameCorpus, sectionNames } from '../../src/desk/documentNames.ts';
import { findDocument } from '../../src/desk/findDocument.ts';
import { answerQuestion, didYouMeanMenu, quoteOf } from '../../src/reply/composeAnswer.ts';
import { listSections } from '../../src/reply/composeOutline.ts';
import { summarizeValue } from '../../src/reply/composeSummary.ts';
import { readInProcess } from '../../src/reply/deskReader.ts';
import { messagesFor } from '../../src/reply/messages.ts';
import { suggestDocuments, suggestSectionChoices } from '../../src/reply/suggestions.ts';
import { visibleText } from '../../src/text/visibleText.ts';

const text = messagesFor('en');
const limits = { count: 25, nameLength: 100, valueLength: 100 };

describe('documentNames', () => {
  it('calls a document by its title when no other has it', () => {
    expect(documentNames([
      { path: 'a.md', title: '模型指南', headings: ['模型指南'] },
      { path: 'b.md', title: 'FAQ', headings: ['FAQ'] },
    ])).toEqual(['模型指南', 'FAQ']);
  });

  it('adds the first heading no same-titled document has, else the file name, else the path', () => {
    expect(documentNames([
      { path: 'x/000.txt', title: '1.背景介绍', headings: ['1.背景介绍'] },
      { path: 'x/001.txt', title: '1.背景介绍', headings: ['1.背景介绍', '1.背景介绍', '2.核心概念'] },
      { path: 'x/003.txt', title: '1.背景介绍', headings: ['1.背景介绍', '1.1 背景介绍'] },
      { path: 'a/same.md', title: '1.背景介绍', headings: ['1.背景介绍'] },
      { path: 'b/same.md', title: '1.背景介绍', headings: ['1.背景介绍'] },
    ])).toEqual([
      '1.背景介绍 (000.txt)',
      '1.背景介绍 (2.核心概念)',
      '1.背景介绍 (1.1 背景介绍)',
      '1.背景介绍 (a/same.md)',
      '1.背景介绍 (b/same.md)',
    ]);
  });

  it('compares titles as written: 深度學習 and 深度学习 read differently', () => {
    const names = documentNames([
      { path: 'a.md', title: '深度學習', headings: ['深度學習'] },
      { path: 'b.md', title: '深度学习', headings: ['深度学习'] },
    ]);
    expect(names).toEqual(['深度學習', '深度学习']);
  });

  it('never lets a control character or a direction override into a name', () => {
    const [name] = documentNames([
      { path: 'evil\nline.md', title: 'T', headings: ['T'] },
      { path: 'x\u202Etxt.md', title: 'T', headings: ['T'] },
    ]);
    expect(name).toBe('T (evil␊line.md)');
    expect(visibleText('x\u202Etxt\u001b[31m\u0085')).toBe('x<U+202E>txt␛[31m<U+0085>');
  });

  it('names sections under the document name, without the title heading, same-named headings apart by line', () => {
    const names = sectionNames('指南', '指南', [
      { path: [], line: 1 },
      { path: ['指南'], line: 3 },
      { path: ['指南', '安装'], line: 5 },
    ]);
    expect(names).toEqual([
      { citedPath: [], label: '指南', shortName: '指南' },
      { citedPath: [], label: '指南', shortName: '指南' },
      { citedPath: ['安装'], label: '安装 — 指南', shortName: '安装 — 指南' },
    ]);
    expect(sectionNames('指南', '指南', [
      { path: ['指南'], line: 1 },
      { path: ['指南', '问题'], line: 3 },
      { path: ['指南', '问题'], line: 9 },
    ]).map((n) => n.label)).toEqual(['指南', '问题 — 指南', '问题 — 指南 (line 9)']);
  });

  it('gives buttons the heading alone when no other section or document reads the same', () => {
    const { sections } = nameCorpus([
      { path: 'a.md', title: 'A', sections: [{ path: ['A'], line: 1 }, { path: ['A', '安装'], line: 3 }, { path: ['A', '升级'], line: 5 }] },
      { path: 'b.md', title: 'B', sections: [{ path: ['B'], line: 1 }, { path: ['B', '安装'], line: 3 }, { path: ['B', 'A'], line: 5 }] },
    ]);
    expect(sections.map((names) => names.map((n) => n.shortName))).toEqual([
      ['A', '安装 — A', '升级'],
      ['B', '安装 — B', 'A — B'],
    ]);
  });
});

/** Two documents with the same title and same-named sections, as in the seeds. */
const desk = AnswerDesk.fromSources('memory', [
  {
    path: '000_aaaa.txt',
    text: '# 1.背景介绍\n\n大模型需要大量的GPU来训练。\n\n## 1.1 历史\n\n2012年深度学习取得了突破。\n',
  },
  {
    path: '001_bbbb.txt',
    text: '# 1.背景介绍\n\n大模型需要大量的数据来训练。\n\n## 1.1 历史\n\n2017年出现了Transformer。\n\n## 1.2 算法\n\n核心算法原理主要包括：\n',
  },
  { path: 'odd\nname.txt', text: '# 另一篇\n\n这篇文档讲的是部署大模型。\n' },
]);
/** The same desk as the replies read it. */
const reader = readInProcess(desk);

describe('the desk, with two documents of the same title', () => {
  const sections = desk.outline().filter((entry) => entry.level > 0);

  it('gives each document a different name, and finds it by that name', () => {
    const documents = desk.documents();
    expect(documents.map((d) => d.name)).toEqual(['1.背景介绍 (000_aaaa.txt)', '1.背景介绍 (1.2 算法)', '另一篇']);
    for (const info of documents) expect(findDocument(documents, info.name)?.doc).toBe(info.doc);
    expect(findDocument(documents, '1.背景介绍')).toBeUndefined();
    expect(findDocument(documents, '1.背景介绍（1.2 算法）')?.doc).toBe('001_bbbb.txt');
  });

  it('labels every section differently', () => {
    const labels = sections.map((entry) => entry.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain('1.1 历史 — 1.背景介绍 (000_aaaa.txt)');
  });

  it('reaches every section by /summary with its autocomplete label or its cited path', async () => {
    for (const entry of sections) {
      for (const typed of [entry.label, [entry.docName, ...entry.citedPath].join(' › ')]) {
        const reply = await summarizeValue(reader, typed, { hidden: false }, text);
        expect(reply.summary?.source).toMatchObject({ doc: entry.doc, line: entry.line });
      }
    }
  });

  it('offers distinct autocomplete labels for /summary and /sections, each leading back to its own section or document', async () => {
    const choices = await suggestSectionChoices(reader, '历史', limits);
    expect(choices.map((c) => c.name)).toEqual(['1.1 历史 — 1.背景介绍 (000_aaaa.txt)', '1.1 历史 — 1.背景介绍 (1.2 算法)']);
    for (const choice of choices) expect((await summarizeValue(reader, choice.name, { hidden: false }, text)).summary?.citation).toContain(choice.name.split(' — ')[1]);
    const documents = await suggestDocuments(reader, '背景', limits);
    expect(new Set(documents.map((c) => c.name)).size).toBe(2);
    for (const choice of documents) {
      const reply = await listSections(reader, { document: choice.name.split(' — ')[0], page: 1, hidden: false }, text);
      expect(reply.title).toContain(choice.value);
    }
  });

  it('asks which one is meant when a typed heading or title belongs to several, instead of taking the first', async () => {
    const reply = await summarizeValue(reader, '1.1 历史', { hidden: false }, text);
    expect(reply.notes).toEqual([text.severalSections('1.1 历史', 2)]);
    expect(reply.menu?.options).toEqual([
      expect.objectContaining({ label: '1.1 历史', description: '1.背景介绍 (000_aaaa.txt)' }),
      expect.objectContaining({ label: '1.1 历史', description: '1.背景介绍 (1.2 算法)' }),
    ]);
    const outline = await listSections(reader, { document: '1.背景介绍', page: 1, hidden: false }, text);
    expect(outline.notes).toEqual([text.severalDocuments('1.背景介绍', ['1.背景介绍 (000_aaaa.txt)', '1.背景介绍 (1.2 算法)'])]);
  });

  it('cites by display name and never gives two Summary buttons the same label', async () => {
    const reply = await answerQuestion(reader, { query: '历史', offset: 0, hidden: false }, text);
    expect(reply.quotes.map((q) => q.citation)).toEqual(
      expect.arrayContaining(['1.背景介绍 (000_aaaa.txt) › 1.1 历史, line 7', '1.背景介绍 (1.2 算法) › 1.1 历史, line 7']),
    );
    const labels = reply.actions.filter((a) => a.kind === 'summary').map((a) => a.label);
    expect(labels).toHaveLength(2);
    expect(new Set(labels).size).toBe(2);
  });

  it('keeps a newline in a file name out of the citation line, and the CLI fields as they are', async () => {
    const hit = desk.search('部署大模型').results[0];
    expect(hit.doc).toBe('odd\nname.txt');
    expect(hit.section).toBe('另一篇');
    const citation = quoteOf(hit, text).citation;
    expect(citation).toBe('另一篇, line 3');
    const listing = await listSections(reader, { page: 1, hidden: false }, text);
    for (const line of listing.lines) expect(line.text).not.toMatch(/[\n\r]/);
    expect(listing.lines.map((l) => l.text).join('|')).toContain('odd␊name.txt');
  });
});

describe('a section holding only a lead-in', () => {
  const leadInOnly = desk.outline('001_bbbb.txt').find((entry) => entry.title === '1.2 算法')!;

  it('is empty in the outline and in its summary', async () => {
    expect(leadInOnly.empty).toBe(true);
    const summary = desk.summaryById(leadInOnly.sectionId)!;
    expect(summary).toMatchObject({ empty: true, sentences: [] });
    expect((await summarizeValue(reader, leadInOnly.label, { hidden: false }, text)).notes).toContain(text.emptySection);
  });

  it('is never offered by "did you mean"', async () => {
    expect(desk.suggestSections('算法', 5).map((e) => e.sectionId)).toContain(leadInOnly.sectionId);
    const menu = await didYouMeanMenu(reader, '算法', { hidden: true }, text);
    expect(menu?.options.map((o) => o.sectionId) ?? []).not.toContain(leadInOnly.sectionId);
  });
});

describe('the seed documents, all titled 1.背景介绍', () => {
  const seedsDir = join(import.meta.dirname, '..', '..', 'seeds');
  const seeds = AnswerDesk.fromSources(
    seedsDir,
    readdirSync(seedsDir).map((file) => ({ path: file, text: readFileSync(join(seedsDir, file), 'utf8') })),
  );
  const seedsReader = readInProcess(seeds);

  it('have five different names', () => {
    expect(seeds.documents().map((d) => d.name)).toEqual([
      '1.背景介绍 (000_7811778aea1b7a58.txt)',
      '1.背景介绍 (2.核心概念与联系)',
      '1.背景介绍 (002_35df60a3bac97a7b.txt)',
      '1.背景介绍 (1.1 背景介绍)',
      '1.背景介绍 (004_90d9711735599f06.txt)',
    ]);
  });

  it('have every section reachable by the label autocomplete shows for it, and no two labels alike', async () => {
    const sections = seeds.outline().filter((entry) => entry.level > 0);
    expect(new Set(sections.map((entry) => entry.label)).size).toBe(sections.length);
    expect(new Set(sections.map((entry) => entry.shortName)).size).toBe(sections.length);
    for (const entry of sections) {
      expect((await summarizeValue(seedsReader, entry.label, { hidden: false }, text)).summary?.source).toEqual({ doc: entry.doc, sectionPath: entry.path, line: entry.line });
    }
  });

  it('never offer 003 › 1.3, which holds only a lead-in, as "did you mean"', async () => {
    const leadInOnly = seeds.outline('003_6c99d61fa6fdf524.txt').find((entry) => entry.title.startsWith('1.3 '))!;
    expect(leadInOnly.empty).toBe(true);
    for (const typed of ['核心算法原理', '数学模型公式', '具体操作步骤 kubernetes']) {
      expect((await didYouMeanMenu(seedsReader, typed, { hidden: true }, text))?.options.map((o) => o.sectionId) ?? []).not.toContain(leadInOnly.sectionId);
    }
  });
});

describe('control characters in file names and headings', () => {
  const hostile = AnswerDesk.fromSources('memory', [
    { path: 'evil\u202Etxt.md', text: '# 危险\u001b[31m标题\n\n这一节讲的是部署大模型的步骤。\n' },
    { path: 'line\nbreak.md', text: '# 危险\u001b[31m标题\n\n这一节讲的是训练大模型的步骤。\n' },
  ]);
  const hostileReader = readInProcess(hostile);
  const invisible = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

  it('never reach a citation, a button, a menu, an autocomplete name or an outline line', async () => {
    const shown: string[] = [];
    const answer = await answerQuestion(hostileReader, { query: '大模型的步骤', offset: 0, hidden: true }, text);
    shown.push(...answer.quotes.map((q) => q.citation), ...answer.actions.map((a) => a.label));
    shown.push(...(await suggestSectionChoices(hostileReader, '危险', limits)).map((c) => c.name));
    shown.push(...(await suggestDocuments(hostileReader, '', limits)).map((c) => c.name));
    const outline = await listSections(hostileReader, { document: 'evil\u202Etxt.md', page: 1, hidden: false }, text);
    shown.push(outline.title ?? '', ...outline.lines.map((l) => l.text));
    shown.push(...(await listSections(hostileReader, { page: 1, hidden: false }, text)).lines.map((l) => l.text));
    const summary = await summarizeValue(hostileReader, (await suggestSectionChoices(hostileReader, '危险', limits))[0].name, { hidden: false }, text);
    shown.push(summary.title ?? '', summary.summary?.citation ?? '');
    expect(answer.quotes).toHaveLength(2);
    expect(shown.filter((s) => invisible.test(s))).toEqual([]);
    expect(shown.join('\n')).toContain('危险␛[31m标题 (line␊break.md)');
  });
});
