/**
 * What the replies read from the answer desk. Every query returns a promise: the bot's desk
 * answers from a worker thread (WorkerDesk), and the thread asking goes on with its event loop
 * while it waits. A desk answering in this thread (AnswerDesk: the CLI's, tests') is read through
 * readInProcess; tests also hand in small fakes.
 */
import type {
  Answer,
  DeskStats,
  DocumentInfo,
  FaqEntry,
  LoadProblem,
  OutlineEntry,
  SearchOptions,
  SectionSummary,
} from '../desk/types.ts';
import type { SeedsWatchStatus } from '../desk/watchSeeds.ts';

export interface DeskReader {
  /** The folder the documents are read from. */
  readonly seedsDir: string;
  readonly problems: readonly LoadProblem[];
  search(query: string, options?: SearchOptions): Promise<Answer>;
  summaryById(sectionId: string): Promise<SectionSummary | undefined>;
  outline(doc?: string): Promise<OutlineEntry[]>;
  documents(): Promise<DocumentInfo[]>;
  /** `withText` leaves out sections that are empty after cleaning. */
  suggestSections(text: string, limit: number, options?: { withText?: boolean }): Promise<OutlineEntry[]>;
  faq(): Promise<FaqEntry[]>;
  stats(): Promise<DeskStats>;
}

type Query = Exclude<keyof DeskReader, 'seedsDir' | 'problems'>;

/** A desk that answers on the calling thread, as AnswerDesk does: each query returns its answer itself. */
export type InProcessDesk = Pick<DeskReader, 'seedsDir' | 'problems'> & {
  [M in Query]: (...args: Parameters<DeskReader[M]>) => Awaited<ReturnType<DeskReader[M]>>;
};

/**
 * A desk answering on this thread, read as adapters read every desk. The query still runs at once,
 * holding this thread as long as it takes; a query that throws gives a rejected promise, as one
 * failing in a worker does.
 */
export function readInProcess(desk: InProcessDesk): DeskReader {
  return {
    seedsDir: desk.seedsDir,
    problems: desk.problems,
    search: async (query, options) => desk.search(query, options),
    summaryById: async (sectionId) => desk.summaryById(sectionId),
    outline: async (doc) => desk.outline(doc),
    documents: async () => desk.documents(),
    suggestSections: async (text, limit, options) => desk.suggestSections(text, limit, options),
    faq: async () => desk.faq(),
    stats: async () => desk.stats(),
  };
}

/** How far the first load has got: files cleaned so far of all there are (0 of 0 until they are counted). */
export interface LoadingProgress {
  done: number;
  total: number;
}

/** Facts about the running program that /about reports next to the desk's own statistics. */
export interface RuntimeFacts {
  version: string;
  startedAt: Date;
  /** When the desk now serving was swapped in (the first load counts). */
  loadedAt: Date;
  /** Why the last rebuild failed, if the latest one did. */
  lastReloadError?: string;
  /** What hot reload is watching (absent when it is not watching at all). */
  watching?: SeedsWatchStatus;
  /** The gateway shard this process serves, when the bot runs sharded. */
  shard?: { id: number; count: number };
  /** Present while the first documents load (nothing is served yet). */
  loading?: LoadingProgress;
}

/** Where adapters get the desk now serving; it may be swapped by a reload between two calls. */
export interface DeskSource {
  /** The desk now serving, or undefined while the first one is still being built. */
  current(): DeskReader | undefined;
  /** Resolves with the desk now serving, waiting for the first build if needed. */
  ready(): Promise<DeskReader>;
  facts(): RuntimeFacts;
}
