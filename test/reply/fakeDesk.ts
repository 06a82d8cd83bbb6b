/**
 * A small in-memory desk for unit tests: passages grouped in sections, substring search, exact
 * sections by id. Behaves like AnswerDesk where the replies depend on it, answering as the bot's
 * desk does: through promises.
 */
import type { Answer, DeskStats, DocumentInfo, FaqEntry, LoadProblem, OutlineEntry, SearchHit, SearchOptions, SectionNaming, SectionSummary } from '../../src/desk/types.ts';
import type { DeskReader } from '../../src/reply/deskReader.ts';

export interface FakeSection {
  id: string;
  doc: string;
  path: string[];
  line: number;
  passages: string[];
  summary?: string;
}

/** Names as the desk gives them for documents of unique titles (the rule itself is tested in test/desk). */
function namingOf(section: FakeSection): SectionNaming {
  const docName = section.path[0] ?? section.doc;
  const citedPath = section.path.slice(1);
  const label = citedPath.length === 0 ? docName : `${citedPath.join(' › ')} — ${docName}`;
  return { docName, citedPath, label, shortName: citedPath.at(-1) ?? docName };
}

export class FakeDesk implements DeskReader {
  readonly seedsDir = '/srv/desk/seeds';
  readonly problems: LoadProblem[] = [];
  searches: Array<{ query: string; options?: SearchOptions }> = [];

  constructor(
    readonly sections: FakeSection[],
    readonly faqEntries: FaqEntry[] = [],
  ) {}

  async search(query: string, options: SearchOptions = {}): Promise<Answer> {
    this.searches.push({ query, options });
    const hits: SearchHit[] = [];
    for (const section of this.sections) {
      section.passages.forEach((passage, i) => {
        const at = passage.indexOf(query);
        if (at < 0) return;
        const start = [...passage.slice(0, at)].length;
        hits.push({
          ...namingOf(section),
          doc: section.doc,
          section: section.path.join(' > '),
          sectionPath: section.path,
          sectionId: section.id,
          line: section.line + i + 1,
          excerpt: passage,
          clippedStart: false,
          clippedEnd: false,
          score: 1,
          matches: [[start, start + [...query].length]],
        });
      });
    }
    const offset = options.offset ?? 0;
    return { query, results: hits.slice(offset, offset + (options.top ?? 5)), total: hits.length, ms: 0 };
  }

  async summaryById(sectionId: string): Promise<SectionSummary | undefined> {
    const section = this.sections.find((candidate) => candidate.id === sectionId);
    if (section === undefined) return undefined;
    const summary = section.summary ?? section.passages.join('');
    return {
      ...namingOf(section),
      doc: section.doc,
      section: section.path.join(' > '),
      sectionPath: section.path,
      sectionId: section.id,
      line: section.line,
      empty: summary === '',
      summary,
      sentences: summary === '' ? [] : [summary],
    };
  }

  async outline(doc?: string): Promise<OutlineEntry[]> {
    return this.outlineOf(doc);
  }

  private outlineOf(doc?: string): OutlineEntry[] {
    return this.sections
      .filter((section) => doc === undefined || section.doc === doc)
      .map((section) => ({
        ...namingOf(section),
        doc: section.doc,
        sectionId: section.id,
        title: section.path.at(-1) ?? section.doc,
        level: section.path.length,
        line: section.line,
        path: section.path,
        empty: section.passages.length === 0,
        passageCount: section.passages.length,
      }));
  }

  async documents(): Promise<DocumentInfo[]> {
    return this.documentsHeld();
  }

  private documentsHeld(): DocumentInfo[] {
    const docs = [...new Set(this.sections.map((section) => section.doc))];
    return docs.map((doc) => {
      const sections = this.sections.filter((section) => section.doc === doc);
      return { doc, title: sections[0]?.path[0] ?? doc, name: sections[0]?.path[0] ?? doc, sections: sections.length, passages: sections.reduce((n, s) => n + s.passages.length, 0) };
    });
  }

  async suggestSections(text: string, limit: number, options: { withText?: boolean } = {}): Promise<OutlineEntry[]> {
    return this.outlineOf()
      .filter((entry) => !(options.withText && entry.empty))
      .filter((entry) => text.trim() === '' || entry.title.includes(text.trim()))
      .slice(0, limit);
  }

  async faq(): Promise<FaqEntry[]> {
    return this.faqEntries;
  }

  async stats(): Promise<DeskStats> {
    return {
      documents: this.documentsHeld().length,
      sections: this.sections.length,
      passages: this.sections.reduce((n, s) => n + s.passages.length, 0),
      removed: { paragraphs: 7, sentences: 3, charsIn: 1000, charsOut: 800 },
      buildMs: 12.4,
      builtAt: new Date('2025-01-01T00:00:00Z'),
      indexSource: 'built',
    };
  }
}

/** Two documents about models, one empty section, and a FAQ. */
export function sampleDesk(): FakeDesk {
  return new FakeDesk(
    [
      { id: 'a:1', doc: 'guide.md', path: ['模型指南'], line: 1, passages: ['大模型是指参数规模很大的神经网络模型。', '训练大模型需要大量算力。'] },
      { id: 'a:5', doc: 'guide.md', path: ['模型指南', '部署'], line: 5, passages: ['部署大模型可以使用云服务。'] },
      { id: 'a:9', doc: 'guide.md', path: ['模型指南', '工具'], line: 9, passages: [] },
      { id: 'b:1', doc: 'faq.md', path: ['常见问题'], line: 1, passages: ['Q：大模型会取代人吗？A：大模型会改变工作方式。'] },
    ],
    [{ question: '大模型会取代人吗？', doc: 'faq.md', sectionId: 'b:1', line: 2 }],
  );
}
