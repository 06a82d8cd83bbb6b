/**
 * The answer desk: documents loaded, cleaned, indexed, and the questions adapters ask of them.
 * Knows nothing of Discord or terminals; every adapter (CLI, console, bot) goes through here.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { lineAt } from '../corpus/cleanDocument.ts';
import { listDocuments, type LoadOptions } from '../corpus/loadDocuments.ts';
import { questionOf } from '../corpus/questionAnswer.ts';
import type { CleanDocument, CleaningReport, LoadProblem, Passage, Section, SourceDocument } from '../corpus/types.ts';
import type { Excerpt } from '../search/cutExcerpt.ts';
import { prepareBridges } from '../search/bridgeQuery.ts';
import { PassageIndex } from '../search/passageIndex.ts';
import { rankingOptions, type RankingOptions } from '../search/rankingOptions.ts';
import { searchPassages } from '../search/searchPassages.ts';
import { buildInWorkers, cleanSources, indexEntriesOf, WorkersWhileListing } from './buildInWorkers.ts';
import { findDocument } from './findDocument.ts';
import { nameCorpus, nameKey, sectionNameForms, type SectionName } from './documentNames.ts';
import { IndexCache } from './indexCache.ts';
import { programShape, type ProgramShape } from './programFingerprint.ts';
import { SectionChoices } from './sectionChoices.ts';
import { joinSentences, summarizeText } from '../summary/summarizeText.ts';
import { foldForMatching } from '../text/foldText.ts';
import { tokenize } from '../search/tokenize.ts';
import type {
  Answer,
  DeskStats,
  DocumentInfo,
  FaqEntry,
  OutlineEntry,
  SearchHit,
  SearchOptions,
  SectionNaming,
  SectionSummary,
} from './types.ts';

/** A document or section name that matches nothing: the message is meant for the user. */
export class DeskLookupError extends Error {
  override name = 'DeskLookupError';
}

export interface DeskOptions {
  seedsDir: string;
  /** Ranking knobs to change; the others keep their defaults (DEFAULT_RANKING). */
  ranking?: Partial<RankingOptions>;
  /** Folder for the on-disk index cache; no cache when absent. */
  cacheDir?: string;
  /** What the cache key holds besides the documents; the installed program when absent (tests inject other versions). */
  programShape?: ProgramShape;
  /** Where to say what the cache did: 'info' when it loaded or found no snapshot (and what changed), 'warn' when one could not be used and why. */
  log?: (level: 'info' | 'warn', message: string) => void;
  /** Following links out of the seeds folder, and the document size limit. */
  loading?: LoadOptions;
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
  const threads = options.buildThreads ?? availableParallelism();
  // Without a cache the corpus will be built: the build workers start during the listing once it
  // has found enough to build in parallel, and load their modules while the rest is listed.
  const early = options.cacheDir === undefined ? new WorkersWhileListing(threads) : undefined;
  const listing = await listDocuments(options.seedsDir, options.loading, early?.listed).catch((error: unknown) => {
    void early?.started?.close(); // an idle worker would keep the process alive
    throw error;
  });
  const log = options.log ?? (() => {});
  const cache = options.cacheDir === undefined ? undefined : new IndexCache(options.cacheDir);
  const program = options.programShape ?? programShape();
  if (cache) {
    const loaded = await cache.lookup(options.seedsDir, listing.files, { program, loading: options.loading });
    if ('snapshot' in loaded) {
      const { documents, problems, index } = loaded.snapshot;
      try {
        const restored = PassageIndex.restore(indexEntriesOf(documents), index);
        log('info', `index cache: loaded ${documents.length} documents from ${cache.folder}`);
        return new AnswerDesk(options.seedsDir, documents, [...listing.problems, ...problems], restored, { started, source: 'cache' }, options.ranking);
      } catch (error) {
        log('warn', `index cache: snapshot in ${cache.folder} cannot be restored (${(error as Error).message}); rebuilding`);
      }
    } else if ('broken' in loaded) log('warn', `index cache: ${loaded.broken}; rebuilding`);
    else if (loaded.missing !== undefined) log('info', `index cache: no snapshot for these documents and this program (${loaded.missing}); building`);
  }
  const readFrom = Date.now();
  const cleaned = await buildInWorkers(listing.files, threads, options.onProgress, options.loading, early?.started);
  if (cleaned.slicesBuilt.inWorkers > 0) log('info', `built ${cleaned.slicesBuilt.here + cleaned.slicesBuilt.inWorkers} slices: ${cleaned.slicesBuilt.here} on this thread, ${cleaned.slicesBuilt.inWorkers} in workers`);
  const fileProblems = cleaned.problems;
  const docs = cleaned.documents;
  const index = PassageIndex.fromTokenized(indexEntriesOf(docs), cleaned.tokenized);
  const desk = new AnswerDesk(options.seedsDir, docs, [...listing.problems, ...fileProblems], index, { started, source: 'built' }, options.ranking);
  if (cache) {
    // The key is made of the digests of the bytes the build read, so the snapshot holds what it says.
    await cache
      .saveBuilt(options.seedsDir, listing.files, cleaned.digests, readFrom, { documents: docs, problems: fileProblems, index }, program)
      .then(({ written, changed }) => {
        if (!written) log('info', `index cache: a document changed while it was indexed (${changed.slice(0, 3).join(', ')}); the snapshot is not written`);
      })
      .catch((error: unknown) => {
        log('warn', `index cache: could not be written to ${cache.folder} (${(error as Error).message}); serving without it`);
      });
  }
  return desk;
}

export class AnswerDesk {
  readonly problems: LoadProblem[];
  private readonly refs: PassageRef[] = [];
  /** Every passage in index order: what the query path quotes from. */
  private readonly passages: Passage[] = [];
  private readonly ranking: RankingOptions;
  private readonly sectionIds = new Map<string, { doc: number; section: number }>();
  private readonly docSectionIds: string[][] = [];
  private readonly docNames: string[];
  private readonly docSectionNames: SectionName[][];
  /** Sections by the folded forms people see them under (label, "document › heading"), filled on the first lookup. */
  private sectionsByName: Map<string, { doc: number; section: number }> | undefined;
  /** The outline of every document, made on the first call that needs it (see outline). */
  private wholeOutline: OutlineEntry[] | undefined;
  /** See sectionChoices. */
  private choices: SectionChoices | undefined;
  /** See stats. */
  private counted: DeskStats | undefined;
  private readonly buildMs: number;
  private readonly builtAt = new Date();
  private readonly indexSource: 'built' | 'cache';

  /** Cleans and indexes documents held in memory: for tests and tools. */
  static fromSources(seedsDir: string, sources: readonly SourceDocument[], ranking?: Partial<RankingOptions>): AnswerDesk {
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
    ranking?: Partial<RankingOptions>,
  ) {
    this.problems = [...problems];
    ({ docNames: this.docNames, sections: this.docSectionNames } = nameCorpus(docs));
    this.ranking = rankingOptions(ranking);
    for (const [d, doc] of docs.entries()) {
      const prefix = sectionIdPrefix(doc.path);
      const ids = doc.sections.map((section) => `${prefix}:${section.line}`);
      this.docSectionIds.push(ids);
      ids.forEach((id, s) => this.sectionIds.set(id, { doc: d, section: s }));
      for (const passage of doc.passages) {
        this.refs.push({ doc: d, passage });
        this.passages.push(passage);
      }
    }
    this.buildMs = performance.now() - timing.started;
    this.indexSource = timing.source;
  }

  /** True when at least one document is served. */
  get serving(): boolean {
    return this.docs.length > 0;
  }

  /**
   * Makes ahead what the first search and the first section suggestion would make (prepareBridges,
   * sectionChoices, the sections by name, the counts, and the query path compiled): 1.6 s at 50 MB,
   * which a desk in a worker does before it says it is ready.
   */
  prepareSearch(): void {
    prepareBridges(this.index);
    this.sectionChoices();
    this.sectionNamed('');
    this.stats();
    // One search through the whole query path (analysis, bridges, ranking, excerpts), on words the
    // documents hold: the first real question then runs compiled code, not the interpreter
    // (a desk in a worker: the bot's event loop waits on that first answer).
    const opening = this.passages[0]?.text.slice(0, 12);
    if (opening !== undefined) this.search(opening);
  }

  /** The query path is searchPassages; the desk maps the passages it returns to documents and lines. */
  search(query: string, options: SearchOptions = {}): Answer {
    const started = performance.now();
    const page = { top: Math.max(0, options.top ?? DEFAULT_TOP), offset: Math.max(0, options.offset ?? 0) };
    const { hits, total } = searchPassages(this.index, this.passages, query, page, this.ranking);
    const results = hits.map((hit) => this.toHit(this.refs[hit.id].doc, this.refs[hit.id].passage, hit.excerpt, hit.score));
    return { query, results, total, ms: performance.now() - started };
  }

  private toHit(doc: number, passage: Passage, excerpt: Excerpt, score: number): SearchHit {
    const document = this.docs[doc];
    const section = document.sections[passage.section];
    const hit: SearchHit = {
      ...this.namingOf(doc, section.index),
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

  /** The section a name shown to people stands for, typed back with any width, case, script or spacing. */
  private sectionNamed(typed: string): { doc: number; section: number } | undefined {
    if (this.sectionsByName === undefined) {
      const byName = new Map<string, { doc: number; section: number }>();
      this.docSectionNames.forEach((names, d) => {
        const sections = this.docs[d].sections;
        // Headings first: the title heading, not the text before it, is what its name was shown for.
        const order = [...names.keys()].sort((a, b) => Number(sections[a].level === 0) - Number(sections[b].level === 0));
        for (const s of order) {
          for (const form of sectionNameForms(this.docNames[d], names[s])) {
            const key = nameKey(form);
            if (!byName.has(key)) byName.set(key, { doc: d, section: s });
          }
        }
      });
      this.sectionsByName = byName;
    }
    return this.sectionsByName.get(nameKey(typed));
  }

  private namingOf(doc: number, section: number): SectionNaming {
    const { citedPath, label, shortName } = this.docSectionNames[doc][section];
    return { docName: this.docNames[doc], citedPath, label, shortName };
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
    // An empty section (nothing, or only a lead-in to something cleaned away) has nothing to summarize.
    const sentences = section.empty ? [] : summarizeText(passages.map((p) => p.text));
    return {
      ...this.namingOf(d, sectionIndex),
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
    if (docName !== undefined) return this.outlineOf([this.documentIndex(docName)]);
    // The desk never changes: the whole outline is made once (autocomplete and "did you mean" read it at every keystroke and miss).
    this.wholeOutline ??= this.outlineOf(this.docs.map((_, d) => d));
    return [...this.wholeOutline];
  }

  private outlineOf(docs: readonly number[]): OutlineEntry[] {
    const entries: OutlineEntry[] = [];
    for (const d of docs) {
      const doc = this.docs[d];
      for (const section of doc.sections) {
        if (section.level === 0 && section.passages.length === 0) continue;
        // Fields written out, not spread: a spread followed by nine more fields cost 14 µs an
        // entry (1.4 s for 100,000 headings), a literal 0.2–0.4 µs. Same fields, same order.
        const { docName, citedPath, label, shortName } = this.namingOf(d, section.index);
        entries.push({
          docName,
          citedPath,
          label,
          shortName,
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
    return this.docs.map((doc, d) => ({
      doc: doc.path,
      title: doc.title,
      name: this.docNames[d],
      sections: doc.sections.filter((s) => s.level > 0).length,
      passages: doc.passages.length,
    }));
  }

  /**
   * Sections whose titles best match what was typed; with nothing typed, the first non-empty ones.
   * A section's label, typed back as shown, comes first. `withText` leaves empty sections out (did you mean).
   */
  suggestSections(text: string, limit: number, options: { withText?: boolean } = {}): OutlineEntry[] {
    const choices = this.sectionChoices();
    const folded = foldForMatching(text.trim());
    if (folded === '') return choices.firstWithText(limit);
    const named = this.sectionNamed(text);
    const namedId = named === undefined ? undefined : this.docSectionIds[named.doc][named.section];
    const wanted = [...new Set(tokenize(folded).map((t) => t.term))];
    return choices.suggest(folded, wanted, namedId, limit, options.withText === true);
  }

  /** Sections below document level, as suggestSections weighs them (see SectionChoices): made once. */
  private sectionChoices(): SectionChoices {
    this.choices ??= new SectionChoices(this.outline().filter((entry) => entry.level > 0));
    return this.choices;
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

  /** Counted once (the desk never changes): every /ask asks whether anything is served. */
  stats(): DeskStats {
    this.counted ??= this.count();
    return { ...this.counted, removed: { ...this.counted.removed } };
  }

  private count(): DeskStats {
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

function passagesUnder(doc: CleanDocument, section: Section): Passage[] {
  const indexes: number[] = [];
  const visit = (s: Section): void => {
    indexes.push(...s.passages);
    for (const child of s.children) visit(doc.sections[child]);
  };
  visit(section);
  return indexes.sort((a, b) => a - b).map((i) => doc.passages[i]);
}

/**
 * What a document's section ids start with: a section's id is `<prefix>:<line of its heading>`, short,
 * and the same across reloads while the heading stays on its line.
 */
function sectionIdPrefix(docPath: string): string {
  return createHash('sha1').update(docPath).digest('base64url').slice(0, 10);
}
