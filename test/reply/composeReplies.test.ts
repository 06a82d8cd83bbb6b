import { describe, expect, it } from 'vitest';
import { describeDesk } from '../../src/reply/composeAbout.ts';
import { listSections, OUTLINE_PAGE_SIZE } from '../../src/reply/composeOutline.ts';
import { resolveSectionValue, summarizeSection, summarizeValue } from '../../src/reply/composeSummary.ts';
import { messagesFor } from '../../src/reply/messages.ts';
import { FakeDesk, sampleDesk, type FakeSection } from './fakeDesk.ts';

const en = messagesFor('en');

describe('summaries', () => {
  it('gives the heading path, the summary and its source', async () => {
    const reply = await summarizeSection(sampleDesk(), { sectionId: 'a:5', hidden: false }, en);
    expect(reply).toMatchObject({ title: '模型指南 › 部署', outcome: 'answered', hidden: false });
    expect(reply.summary).toMatchObject({ text: '部署大模型可以使用云服务。', citation: '模型指南 › 部署, line 5' });
  });

  it('says when a section is empty', async () => {
    const reply = await summarizeSection(sampleDesk(), { sectionId: 'a:9', hidden: false }, en);
    expect(reply.outcome).toBe('empty');
    expect(reply.notes).toEqual(['This section has no text left after cleaning.']);
  });

  it('resolves a typed title or a search for values that did not come from autocomplete', async () => {
    const desk = sampleDesk();
    expect(await resolveSectionValue(desk, 'a:5')).toBe('a:5');
    expect(await resolveSectionValue(desk, '部署')).toBe('a:5');
    expect(await resolveSectionValue(desk, '算力')).toBe('a:1');
    expect(await resolveSectionValue(desk, '   ')).toBeUndefined();
  });

  it('answers a value that matches nothing with a clear message, hidden', async () => {
    const reply = await summarizeValue(sampleDesk(), '<@&999> nothing like it', { hidden: false }, en);
    expect(reply).toMatchObject({ outcome: 'unknown', hidden: true });
    expect(reply.notes[0]).toContain('No section matches');
  });

  it('says a section id from before a reload is gone', async () => {
    expect(await summarizeSection(sampleDesk(), { sectionId: 'zz:1', hidden: false }, en)).toMatchObject({ outcome: 'unknown', notes: [en.sectionGone] });
  });

  it('offers Send in chat only for a hidden summary', async () => {
    expect((await summarizeSection(sampleDesk(), { sectionId: 'a:5', hidden: true }, en)).actions).toMatchObject([{ kind: 'share', subject: { kind: 'summary', sectionId: 'a:5' } }]);
    expect((await summarizeSection(sampleDesk(), { sectionId: 'a:5', hidden: false }, en)).actions).toEqual([]);
  });
});

describe('sections', () => {
  it('lists the documents when no document is named', async () => {
    const reply = await listSections(sampleDesk(), { page: 1, hidden: false }, en);
    expect(reply.title).toBe('Documents (2)');
    expect(reply.lines.map((line) => line.text)).toEqual(['模型指南 — guide.md · 3 sections, 3 passages', '常见问题 — faq.md · 1 section, 1 passage']);
  });

  it('shows one document’s headings, indented by level, with empty ones marked', async () => {
    const reply = await listSections(sampleDesk(), { document: 'guide.md', page: 1, hidden: false }, en);
    expect(reply.lines).toEqual([
      { text: '模型指南', indent: 0, note: undefined },
      { text: '部署', indent: 1, note: undefined },
      { text: '工具', indent: 1, note: '(empty)' },
    ]);
  });

  it('pages a long outline with Previous and Next buttons', async () => {
    const sections: FakeSection[] = Array.from({ length: OUTLINE_PAGE_SIZE * 2 + 1 }, (_, i) => ({
      id: `s:${i}`, doc: 'long.md', path: ['Long', `Part ${i}`], line: i + 1, passages: ['text'],
    }));
    const desk = new FakeDesk(sections);
    const first = await listSections(desk, { document: 'long.md', page: 1, hidden: false }, en);
    expect(first.lines).toHaveLength(OUTLINE_PAGE_SIZE);
    expect(first.actions).toMatchObject([{ kind: 'page', label: 'Next', subject: { document: 'long.md', page: 2 } }]);
    expect(first.notes).toEqual(['Page 1 of 3']);
    const middle = await listSections(desk, { document: 'long', page: 2, hidden: false }, en);
    expect(middle.actions.map((action) => action.label)).toEqual(['Previous', 'Next']);
    const last = await listSections(desk, { document: 'long.md', page: 99, hidden: false }, en);
    expect(last.lines).toHaveLength(1);
  });

  it('names the known documents when the requested one does not exist', async () => {
    const reply = await listSections(sampleDesk(), { document: 'missing', page: 1, hidden: false }, en);
    expect(reply).toMatchObject({ outcome: 'unknown', hidden: true, notes: ['No document is called “missing”. Documents: 模型指南, 常见问题.'] });
  });
});

describe('about', () => {
  it('reports documents, sections, passages, cleaning totals, build time, last reload, uptime and version', async () => {
    const reply = await describeDesk(
      sampleDesk(),
      { version: '1.2.3', startedAt: new Date('2025-01-01T00:00:00Z'), loadedAt: new Date('2025-01-01T01:00:00Z') },
      new Date('2025-01-02T03:04:05Z'),
      en,
    );
    expect(reply.lines.map((line) => line.text)).toEqual([
      'Documents: 2, sections: 4, passages: 4',
      'Cleaning removed 7 paragraphs and 3 sentences (1000 → 800 characters)',
      'Index built in 12 ms; last reload 2025-01-01 01:00:00 UTC',
      'Files that could not be served: 0',
      'Uptime 1 d 3 h; version 1.2.3',
    ]);
  });

  it('says what hot reload is watching, or that the folder is missing', async () => {
    const facts = { version: '1', startedAt: new Date(0), loadedAt: new Date(0) };
    const watching = { state: 'watching', folder: 'seeds/', files: 1279, folders: 4, unwatchedFolders: 0 } as const;
    expect((await describeDesk(sampleDesk(), { ...facts, watching }, new Date(0), en)).lines.at(-1)?.text).toBe('Watching seeds/ for changes (1279 files, 4 folders)');
    const missing = { state: 'missing', folder: 'seeds/' } as const;
    expect((await describeDesk(sampleDesk(), { ...facts, watching: missing }, new Date(0), en)).lines.at(-1)?.text).toBe(
      'seeds/ is missing; serving the last documents, waiting for it to come back',
    );
  });

  it('lists the files that are not served with their reasons, a few by name and the rest counted', async () => {
    const desk = sampleDesk();
    for (let i = 1; i <= 7; i++) desk.problems.push({ path: i === 1 ? 'notes\n.md' : `bad${i}.md`, reason: 'is a FIFO, not a regular file' });
    const facts = { version: '1', startedAt: new Date(0), loadedAt: new Date(0) };
    const lines = (await describeDesk(desk, facts, new Date(0), en)).lines;
    const heading = lines.findIndex((line) => line.text.startsWith('Not served (7'));
    expect(heading).toBeGreaterThan(0);
    expect(lines.slice(heading + 1).map((line) => line.text)).toEqual([
      'notes␊.md: is a FIFO, not a regular file',
      ...[2, 3, 4, 5].map((i) => `bad${i}.md: is a FIFO, not a regular file`),
      '(and 2 more)',
    ]);
  });

  it('says when the last reload failed', async () => {
    const facts = { version: '1', startedAt: new Date(0), loadedAt: new Date(0), lastReloadError: 'Error: disk gone' };
    expect((await describeDesk(sampleDesk(), facts, new Date(0), en)).notes).toEqual([en.reloadFailed('Error: disk gone')]);
  });
});
