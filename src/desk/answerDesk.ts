/**
 * The answer desk: documents loaded, cleaned, indexed, and the questions adapters ask of them.
 * Knows nothing of Discord or terminals; every adapter (CLI, console, bot) goes through here.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { lineAt } from '../corpus/cleanDocument.ts';
import { listDocuments } from '../corpus/loadDocuments.ts';
import { matchingKey } from '../corpus/nearDuplicates.ts';
import { questionOf } from '../corpus/questionAnswer.ts';
import type { CleanDocument, CleaningReport, LoadProblem, Passage, Section, SourceDocument } from '../corpus/types.ts';
import { analyzeQuery, nextInQuery } from '../search/analyzeQuery.ts';
import { cutExcerpt } from '../search/cutExcerpt.ts';
import { PassageIndex } from '../search/passageIndex.ts';
import { buildInWorkers, cleanSources, indexEntriesOf } from './buildInWorkers.ts';
import { findDocument } from './findDocument.ts';
import { IndexCache, snapshotKey } from './indexCache.ts';
import { DEFAULT_RANKING, matchingTokens, rankPassages, termWeights, type RankingOptions } from '../search/rankPassages.ts';
import { joinSentences, summarizeText } from '../summary/summarizeText.ts';
import { foldForMatching } from '../text/foldText.ts';
import { isCjkTerm, tokenize } from '../search/tokenize.ts';
import type {
  Answer,
  DeskStats,
  DocumentInfo,
  FaqEntry,
  OutlineEntry,
  SearchHit,
  SearchOptions,
  SectionSummary,
} from './types.ts';

/** A document or section name that matches nothing: the message is meant for the user. */
export class DeskLookupError extends Error {
  override name = 'DeskLookupError';
}

export interface DeskOptions {
  seedsDir: string;
  ranking?: RankingOptions;
  /** Folder for the on-disk index cache; no cache when absent. */
  cacheDir?: string;
  /** Where to say what the cache did: 'info' when it loaded, 'warn' when it had to be rebuilt and why. */
  log?: (level: 'info' | 'warn', message: string) => void;
  /** Threads that clean and tokenize a large corpus (default: the cores there are; 1 keeps it on this thread). */
  buildThreads?: number;
  /** Documents cleaned so far, while a corpus is built (not when it loads from the cache). */
  onProgress?: (done: number, total: number) => void;
}

interface PassageRef {
  doc: number;
  passage: Passage;
}

const DEFAULT_TOP = 5;

export { cleanSources, indexEntriesOf } from './buildInWorkers.ts';

/**
 * Loads the seeds folder and serves it: from the index cache when one matches the documents and
 * this program, else by cleaning and indexing (and then refreshing the cache).
 */
export async function openAnswerDesk(options: DeskOptions): Promise<AnswerDesk> {
  const started = performance.now();
  const listing = await listDocuments(options.seedsDir);
  const log = options.log ?? (() => {});
  const cache = options.cacheDir === undefined ? undefined : new IndexCache(options.cacheDir);
  const key = cache ? await snapshotKey(listing.files) : '';
  if (cache) {
    const loaded = await cache.load(key);
    if ('snapshot' in loaded) {
      const { documents, problems, index } = loaded.snapshot;
      log('info', `index cache: loaded ${documents.length} documents from ${cache.folder}`);
      const restored = PassageIndex.restore(indexEntriesOf(documents), index);
      return new AnswerDesk(options.seedsDir, documents, [...listing.problems, ...problems], restored, { started, source: 'cache' }, options.ranking);
    }
    if (loaded.reason !== 'none') log('warn', `index cache: ${loaded.reason}; rebuilding`);
  }
  const cleaned = await buildInWorkers(listing.files, options.buildThreads ?? availableParallelism(), options.onProgress);
  const fileProblems = cleaned.problems;
  const docs = cleaned.documents;
  const index = PassageIndex.fromTokenized(indexEntriesOf(docs), cleaned.tokenized);
  const desk = new AnswerDesk(options.seedsDir, docs, [...listing.problems, ...fileProblems], index, { started, source: 'built' }, options.ranking);
  if (cache) {
    await cache.save(key, { documents: docs, problems: fileProblems, index }).catch((error: unknown) => {
      log('warn', `index cache: could not be written to ${cache.folder} (${(error as Error).message}); serving without it`);
    });
  }
  return desk;
}

export class AnswerDesk {
  readonly problems: LoadProblem[];
  private readonly refs: PassageRef[] = [];
  private readonly sectionIds = new Map<string, { doc: number; section: number }>();
  private readonly docSectionIds: string[][] = [];
  private readonly buildMs: number;
  private readonly builtAt = new Date();
  private readonly indexSource: 'built' | 'cache';

  /** Cleans and indexes documents held in memory: for tests and tools. */
  static fromSources(seedsDir: string, sources: readonly SourceDocument[], ranking?: RankingOptions): AnswerDesk {
    const started = performance.now();
    const problems: LoadProblem[] = [];
    const docs = cleanSources(sources, problems);
    return new AnswerDesk(seedsDir, docs, problems, PassageIndex.build(indexEntriesOf(docs)), { started, source: 'built' }, ranking);
  }

  constructor(
    readonly seedsDir: string,
    private readonly docs: readonly CleanDocument[],
    problems: readonly LoadProblem[],
    private readonly index: PassageIndex,
    timing: { started: number; source: 'built' | 'cache' },
    private readonly ranking: RankingOptions = DEFAULT_RANKING,
  ) {
    this.problems = [...problems];
    for (const [d, doc] of docs.entries()) {
      const ids = doc.sections.map((section) => sectionIdOf(doc.path, section));
      this.docSectionIds.push(ids);
      ids.forEach((id, s) => this.sectionIds.set(id, { doc: d, section: s }));
      for (const passage of doc.passages) this.refs.push({ doc: d, passage });
    }
    this.buildMs = performance.now() - timing.started;
    this.indexSource = timing.source;
  }

  /** True when at least one document is served. */
  get serving(): boolean {
    return this.docs.length > 0;
  }

  search(query: string, options: SearchOptions = {}): Answer {
    const started = performance.now();
    const top = Math.max(0, options.top ?? DEFAULT_TOP);
    const offset = Math.max(0, options.offset ?? 0);
    const analyzed = analyzeQuery(query);
    const ranked = rankPassages(this.index, analyzed, this.ranking);
    const weights = termWeights(this.index, analyzed);
    const queryTerms = new Set(weights.keys());
    const phrases = nextInQuery(analyzed);
    const results: SearchHit[] = [];
    const quoted = new Set<string>();
    let distinct = 0;
    for (const candidate of ranked) {
      if (results.length >= top) break;
      const { doc, passage } = this.refs[candidate.id];
      const topicTerms = this.index.termsInHeading(candidate.id, queryTerms);
      const folded = this.index.foldedText(candidate.id);
      const excerpt = cutExcerpt({
        text: passage.text,
        matches: matchingTokens(folded, queryTerms),
        weights,
        answerKind: analyzed.answerKind,
        answerOffset: passage.answerOffset,
        topicTerms,
        folded,
        queryCharacters: contentCharacters(analyzed.terms.map((t) => t.term), topicTerms),
        nextInQuery: phrases,
      });
      const key = matchingKey(excerpt.text);
      if (key === '' || quoted.has(key)) continue;
      quoted.add(key);
      distinct++;
      if (distinct <= offset) continue;
      results.push(this.toHit(doc, passage, excerpt, candidate.score));
    }
    return { query, results, total: ranked.length, ms: performance.now() - started };
  }

  private toHit(
    doc: number,
    passage: Passage,
    excerpt: { text: string; start: number; end: number; matches: Array<[number, number]> },
    score: number,
  ): SearchHit {
    const document = this.docs[doc];
    const section = document.sections[passage.section];
    const hit: SearchHit = {
      doc: document.path,
      section: section.path.join(' > '),
      sectionPath: section.path,
      sectionId: this.docSectionIds[doc][section.index],
      line: lineAt(passage.anchors, excerpt.start),
      excerpt: excerpt.text,
      clippedStart: excerpt.start > 0,
      clippedEnd: excerpt.end < passage.text.length,
      score: Math.round(score * 10_000) / 10_000,
      matches: excerpt.matches,
    };
    if (passage.answerOffset !== undefined) hit.question = questionOf(passage.text, passage.answerOffset);
    return hit;
  }

  /** Resolves what a user typed as a document (see findDocument): its path, or undefined. */
  resolveDocument(name: string): string | undefined {
    return findDocument(this.documents(), name)?.doc;
  }

  private documentIndex(name: string): number {
    const path = this.resolveDocument(name);
    const index = path === undefined ? -1 : this.docs.findIndex((d) => d.path === path);
    if (index < 0) {
      const known = this.docs.map((d) => d.path).slice(0, 10).join(', ');
      throw new DeskLookupError(`No document "${name}". Documents: ${known}${this.docs.length > 10 ? ', …' : ''}`);
    }
    return index;
  }

  /** Summary of a section (first heading with that title, in document order) or, without a title, of the whole document. */
  summarizeSection(docName: string, title?: string): SectionSummary {
    const d = this.documentIndex(docName);
    const doc = this.docs[d];
    if (title === undefined || title.trim() === '') return this.summaryOf(d, 0, true);
    const wanted = title.trim().replace(/^#+\s*/, '');
    let section = doc.sections.find((s) => s.level > 0 && s.title === wanted);
    if (!section) {
      const folded = foldForMatching(wanted).replace(/\s+/g, '');
      section = doc.sections.find((s) => s.level > 0 && foldForMatching(s.title).replace(/\s+/g, '') === folded);
    }
    if (!section) {
      const titles = doc.sections.filter((s) => s.level > 0).map((s) => s.title).slice(0, 12).join(' | ');
      throw new DeskLookupError(`No section "${wanted}" in ${doc.path}. Sections: ${titles}`);
    }
    return this.summaryOf(d, section.index, false);
  }

  /** Summary of the section a sectionId names, or undefined for an unknown id. */
  summaryById(sectionId: string): SectionSummary | undefined {
    const ref = this.sectionIds.get(sectionId);
    return ref ? this.summaryOf(ref.doc, ref.section, ref.section === 0) : undefined;
  }

  private summaryOf(d: number, sectionIndex: number, wholeDocument: boolean): SectionSummary {
    const doc = this.docs[d];
    const section = doc.sections[sectionIndex];
    const passages = wholeDocument ? doc.passages : passagesUnder(doc, section);
    const sentences = summarizeText(passages.map((p) => p.text));
    return {
      doc: doc.path,
      section: wholeDocument ? '' : section.path.join(' > '),
      sectionPath: wholeDocument ? [] : section.path,
      sectionId: this.docSectionIds[d][sectionIndex],
      line: wholeDocument ? 1 : section.line,
      empty: sentences.length === 0,
      summary: joinSentences(sentences),
      sentences,
    };
  }

  /** The outline: headings of one document, or of all documents in order. */
  outline(docName?: string): OutlineEntry[] {
    const docs = docName === undefined ? this.docs.map((_, i) => i) : [this.documentIndex(docName)];
    const entries: OutlineEntry[] = [];
    for (const d of docs) {
      const doc = this.docs[d];
      for (const section of doc.sections) {
        if (section.level === 0 && section.passages.length === 0) continue;
        entries.push({
          doc: doc.path,
          sectionId: this.docSectionIds[d][section.index],
          title: section.title,
          level: section.level,
          line: section.line,
          path: section.path,
          empty: section.empty,
          passageCount: section.passages.length,
        });
      }
    }
    return entries;
  }

  documents(): DocumentInfo[] {
    return this.docs.map((doc) => ({
      doc: doc.path,
      title: doc.title,
      sections: doc.sections.filter((s) => s.level > 0).length,
      passages: doc.passages.length,
    }));
  }

  /** Sections whose titles best match what was typed; with nothing typed, the first non-empty ones. */
  suggestSections(text: string, limit: number): OutlineEntry[] {
    const all = this.outline().filter((e) => e.level > 0);
    const folded = foldForMatching(text.trim());
    if (folded === '') return all.filter((e) => !e.empty).slice(0, limit);
    const wanted = new Set(tokenize(folded).map((t) => t.term));
    const scored = all.map((entry, order) => {
      const title = foldForMatching(entry.path.join(' '));
      const titleTerms = new Set(tokenize(title).map((t) => t.term));
      let shared = 0;
      for (const term of wanted) if (titleTerms.has(term)) shared++;
      const score = (title.includes(folded) ? 2 : 0) + (wanted.size > 0 ? shared / wanted.size : 0) - (entry.empty ? 0.5 : 0);
      return { entry, score, order };
    });
    return scored
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .slice(0, limit)
      .map((s) => s.entry);
  }

  /** Questions of the documents' Q/A pairs. */
  faq(): FaqEntry[] {
    const entries: FaqEntry[] = [];
    for (const { doc, passage } of this.refs) {
      if (passage.answerOffset === undefined) continue;
      entries.push({
        question: questionOf(passage.text, passage.answerOffset),
        doc: this.docs[doc].path,
        sectionId: this.docSectionIds[doc][passage.section],
        line: passage.line,
      });
    }
    return entries;
  }

  reports(): CleaningReport[] {
    return this.docs.map((d) => d.report);
  }

  stats(): DeskStats {
    const reports = this.reports();
    const sum = (f: (r: CleaningReport) => number): number => reports.reduce((total, r) => total + f(r), 0);
    return {
      documents: this.docs.length,
      sections: this.docs.reduce((n, d) => n + d.sections.filter((s) => s.level > 0).length, 0),
      passages: this.refs.length,
      removed: {
        paragraphs: sum((r) => Object.values(r.paragraphsDropped).reduce((a, b) => a + b, 0)),
        sentences: sum((r) => Object.values(r.sentencesDropped).reduce((a, b) => a + b, 0)),
        charsIn: sum((r) => r.charsIn),
        charsOut: sum((r) => r.charsOut),
      },
      buildMs: this.buildMs,
      builtAt: this.builtAt,
      indexSource: this.indexSource,
    };
  }
}

/** The Han characters of the query's terms, leaving out those of topic terms. */
function contentCharacters(terms: readonly string[], topicTerms: ReadonlySet<string>): Set<string> {
  const topic = new Set([...topicTerms].flatMap((t) => [...t]));
  const characters = new Set<string>();
  for (const term of terms) {
    if (!isCjkTerm(term)) continue;
    for (const char of term) if (!topic.has(char)) characters.add(char);
  }
  return characters;
}

function passagesUnder(doc: CleanDocument, section: Section): Passage[] {
  const indexes: number[] = [];
  const visit = (s: Section): void => {
    indexes.push(...s.passages);
    for (const child of s.children) visit(doc.sections[child]);
  };
  visit(section);
  return indexes.sort((a, b) => a - b).map((i) => doc.passages[i]);
}

/** A short id that stays the same across reloads while the heading stays on its line. */
function sectionIdOf(docPath: string, section: Section): string {
  const digest = createHash('sha1').update(docPath).digest('base64url').slice(0, 10);
  return `${digest}:${section.line}`;
}
