/**
 * What the replies read from the answer desk. The real AnswerDesk satisfies this structurally;
 * tests hand in small fakes.
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
  search(query: string, options?: SearchOptions): Answer;
  summaryById(sectionId: string): SectionSummary | undefined;
  outline(doc?: string): OutlineEntry[];
  documents(): DocumentInfo[];
  /** `withText` leaves out sections that are empty after cleaning. */
  suggestSections(text: string, limit: number, options?: { withText?: boolean }): OutlineEntry[];
  faq(): FaqEntry[];
  stats(): DeskStats;
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
