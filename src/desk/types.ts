/**
 * The answer desk's public shapes: what every adapter (CLI, console, Discord) receives.
 * Offsets in `matches` are Unicode code points into `excerpt`, as the CLI contract says.
 */
import type { CleaningReport, LoadProblem } from '../corpus/types.ts';

/** What people see a section called (the rule: documentNames.ts). For human-facing text only; JSON keeps paths. */
export interface SectionNaming {
  /** The document's display name: its title, or its title plus what tells it apart from same-titled ones. */
  docName: string;
  /** Heading path under docName (the title heading left out), control characters made visible. */
  citedPath: string[];
  /** "heading › heading — document name": unique among all sections, and found again when typed. */
  label: string;
  /** What a button calls the section: its heading when no other section or document reads the same, else the label. */
  shortName: string;
}

export interface SearchHit extends SectionNaming {
  /** Document path relative to the seeds folder, with `/`. */
  doc: string;
  /** Heading path joined with ' > ' ('' for text before the first heading). */
  section: string;
  /** The heading titles, top-level first. */
  sectionPath: string[];
  /** Short stable id of the section (≤ 100 chars): usable as an autocomplete value. */
  sectionId: string;
  /** 1-based line of the source file where the excerpt starts. */
  line: number;
  /** Plain text, at most 200 code points. */
  excerpt: string;
  /** True when the excerpt does not start at the start of its passage / end at its end. */
  clippedStart: boolean;
  clippedEnd: boolean;
  score: number;
  /** [start, end) code point offsets into `excerpt` of the matched query terms. */
  matches: Array<[number, number]>;
  /** For a question/answer pair: the question the passage answers. */
  question?: string;
}

export interface Answer {
  query: string;
  results: SearchHit[];
  /** How many distinct results exist in all (for paging). */
  total: number;
  ms: number;
}

export interface SearchOptions {
  /** How many results to return (default 5). */
  top?: number;
  /** How many of the best results to skip (for "More"). */
  offset?: number;
}

export interface SectionSummary extends SectionNaming {
  doc: string;
  section: string;
  sectionPath: string[];
  sectionId: string;
  line: number;
  empty: boolean;
  summary: string;
  sentences: string[];
}

export interface OutlineEntry extends SectionNaming {
  doc: string;
  sectionId: string;
  title: string;
  level: number;
  line: number;
  path: string[];
  empty: boolean;
  passageCount: number;
}

export interface DocumentInfo {
  doc: string;
  title: string;
  /** Display name (see SectionNaming.docName). */
  name: string;
  sections: number;
  passages: number;
}

/** A question found in the documents' Q/A pairs: autocomplete offers these. */
export interface FaqEntry {
  question: string;
  doc: string;
  sectionId: string;
  line: number;
}

export interface DeskStats {
  documents: number;
  sections: number;
  passages: number;
  /** Totals of what cleaning removed across all documents. */
  removed: { paragraphs: number; sentences: number; charsIn: number; charsOut: number };
  buildMs: number;
  builtAt: Date;
  /** Whether the index was built now or loaded from the on-disk cache. */
  indexSource: 'built' | 'cache';
}

export type { CleaningReport, LoadProblem };
