/** What loading and cleaning produce. Pure data: nothing here knows about search or Discord. */

/** A file read from the seeds folder. */
export interface SourceDocument {
  /** Path relative to the seeds folder, with `/`: the `doc` of every citation. */
  path: string;
  /** Decoded text, exactly as in the file (BOM and line endings included). */
  text: string;
}

/** A file that could not be served, and why. */
export interface LoadProblem {
  path: string;
  reason: string;
}

/** Maps offsets of cleaned text back to the 1-based line of the source file they came from. */
export interface LineAnchor {
  /** UTF-16 offset in the cleaned text. */
  offset: number;
  /** 1-based source line where the text at that offset starts. */
  line: number;
}

export type PassageKind = 'paragraph' | 'list' | 'qa' | 'code';

/** A paragraph-sized chunk of cleaned text: the unit that is indexed and quoted. */
export interface Passage {
  /** Index in its document's passage list. */
  index: number;
  kind: PassageKind;
  /** Cleaned text as it will be quoted. */
  text: string;
  /** Source line of the first character. */
  line: number;
  /** Offsets where a new source line starts (always one at offset 0). */
  anchors: LineAnchor[];
  /** Index of the section the passage belongs to. */
  section: number;
  /** For question/answer pairs: where the answer starts in `text`. */
  answerOffset?: number;
}

/** A heading and what it holds. Text before the first heading belongs to a root section (level 0). */
export interface Section {
  index: number;
  /** 0 for the root, 1–6 for markdown headings. */
  level: number;
  /** Heading text without the #'s (the file name for the root). */
  title: string;
  /** Titles from the top-level heading down to this one (empty for the root). */
  path: string[];
  /** Source line of the heading (1 for the root). */
  line: number;
  parent: number | null;
  children: number[];
  passages: number[];
  /** True when neither the section nor any subsection kept any text after cleaning. */
  empty: boolean;
}

export type DropReason = 'duplicate' | 'nearDuplicate' | 'templateRun' | 'garbage' | 'truncated';

export const DROP_REASONS: readonly DropReason[] = ['duplicate', 'nearDuplicate', 'templateRun', 'garbage', 'truncated'];

/** Removals listed as examples per reason and document; the counts above them stay exact. */
export const REMOVAL_EXAMPLES_PER_REASON = 20;
/** Code points of removed text an example keeps: a removed 50 MB line is not kept whole. */
export const REMOVAL_EXAMPLE_CHARS = 300;

/** One piece of text the cleaner removed, for the report: an example, not the whole record. */
export interface Removal {
  reason: DropReason;
  /** Source line where the removed text starts. */
  line: number;
  /** 'paragraph' when a whole paragraph went, 'sentence' when only part of one. */
  scope: 'paragraph' | 'sentence';
  /** The removed text, its first REMOVAL_EXAMPLE_CHARS code points when longer. */
  text: string;
  /** Length of the whole removed text in code points (more than `text` holds when it was cut). */
  chars: number;
}

export interface CleaningReport {
  doc: string;
  charsIn: number;
  charsOut: number;
  paragraphsIn: number;
  paragraphsKept: number;
  /** Whole paragraphs dropped, by reason. */
  paragraphsDropped: Record<DropReason, number>;
  /** Sentences dropped from paragraphs that were otherwise kept, by reason. */
  sentencesDropped: Record<DropReason, number>;
  /** The first REMOVAL_EXAMPLES_PER_REASON removals of each reason, in the order they were made. */
  removals: Removal[];
  /** Removals of each reason not listed in `removals`: listed + left out = paragraphs + sentences dropped. */
  removalsLeftOut: Record<DropReason, number>;
}

export interface CleanDocument {
  path: string;
  /** First heading, else the file name. */
  title: string;
  sections: Section[];
  passages: Passage[];
  report: CleaningReport;
}
