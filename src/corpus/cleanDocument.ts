/**
 * Cleaning: from a raw document to sections and passages, and a report of what was removed.
 *
 * In order, per content block (paragraph, list, code):
 *   1. template runs — a paragraph that differs from the one just before it only in its numbers
 *      (在2022年…GPT-4…, 在2023年…GPT-5…) is dropped: the run collapses to its first paragraph;
 *   2. garbage — sentences holding U+FFFD or mojibake are cut, leaving the last complete sentence;
 *   3. repeats — paragraphs, then sentences, seen before in the document, exactly or nearly;
 *   4. truncation — the document's final sentence is dropped when it stops mid-sentence.
 * Headings become a section tree; a section left with nothing (or only a lead-in such as "…包括：")
 * stays in the outline, marked empty. A lead-in joins the list or paragraph it introduces.
 * Every passage keeps the source line of each piece of its text, so citations point at the raw file.
 */
import { codePointLength, takeCodePoints } from '../text/codePoints.ts';
import { clauseSpans, cutLongSpan, endsWithSentenceTerminator, sentenceSpans, type TextSpan } from '../text/sentences.ts';
import { findGarbage } from './garbage.ts';
import { allowedEdits, keysOfSpans, matchingKey, numbersOf, SeenText, withinEdits } from './nearDuplicates.ts';
import { foldForMatching } from '../text/foldText.ts';
import { normalizeSource } from './normalizeSource.ts';
import { parseBlocks, type SourceLine } from './parseBlocks.ts';
import { answerOffsetWithin, isAnswerText, isQuestionText } from './questionAnswer.ts';
import { endsWithLeadIn, hasOwnText, joinLeadIns } from './leadIns.ts';
import {
  DROP_REASONS,
  REMOVAL_EXAMPLE_CHARS,
  REMOVAL_EXAMPLES_PER_REASON,
  type CleanDocument,
  type CleaningReport,
  type DropReason,
  type LineAnchor,
  type Passage,
  type PassageKind,
  type Section,
  type SourceDocument,
} from './types.ts';

/** Sentences shorter than this (as matching keys) are never dropped as repeats: 是的。 may recur. */
const MIN_REPEAT_KEY = 8;
/**
 * The bound on a passage, in code points: one longer is cut (splitLongPassages). Every query that
 * matches a passage walks its text (marking matches, cutting the excerpt), so this bounds what one
 * hit costs; 1500 is about a page, over what a Discord reply quotes, and few real paragraphs reach it.
 */
export const MAX_PASSAGE = 1500;
/**
 * The bound on a heading's title, in UTF-16 units. A title is in every hit, citation, outline entry
 * and suggestion of its section and under it, and in the index entry of each of their passages: a
 * heading of megabytes would cost all of them. Real headings are far shorter (41 code points at
 * most over the mixed, CMRC and seed documents); Discord shows at most 256 in an embed's title.
 */
const MAX_TITLE = 200;
/** The size (UTF-16 units) the pieces of a cut passage aim at: two to a bound, a long excerpt's worth. */
const TARGET_CHUNK = 800;

interface BlockText {
  text: string;
  anchors: LineAnchor[];
}

interface Piece {
  span: TextSpan;
  dropped: DropReason | undefined;
}

const ZERO_COUNTS = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Readonly<Record<DropReason, number>>;

/** A count of 0 for every reason, in DROP_REASONS order (the report's JSON keeps that order). */
function zeroCounts(): Record<DropReason, number> {
  return { ...ZERO_COUNTS };
}

/** Inline markdown that is markup, not content: **bold**, __bold__, `code`. Quotes show the words only. */
const INLINE_MARKUP = /(\*\*|__)(?=\S)(.+?)(?<=\S)\1|`([^`\n]+)`/g;

export function stripInlineMarkup(line: string): string {
  return line.replace(INLINE_MARKUP, (_, _marker, emphasized: string | undefined, code: string | undefined) => emphasized ?? code ?? '');
}

function blockText(lines: SourceLine[], verbatim: boolean): BlockText {
  let text = '';
  const anchors: LineAnchor[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) text += '\n';
    anchors.push({ offset: text.length, line: lines[i].line });
    text += verbatim ? lines[i].text : stripInlineMarkup(lines[i].text.trim());
  }
  return { text, anchors };
}

/** Source line of the text at offset, given a block's anchors (sorted by offset). */
export function lineAt(anchors: readonly LineAnchor[], offset: number): number {
  return anchors[lastAnchorAtOrBefore(anchors, offset)]?.line ?? 1;
}

/** Index of the last anchor at or before offset (0 when none is): a binary search, as blocks can have 100,000 lines. */
function lastAnchorAtOrBefore(anchors: readonly LineAnchor[], offset: number): number {
  let low = 0;
  let high = anchors.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (anchors[middle].offset <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Appends the anchors strictly inside (start, end) to into, shifted so that offset start becomes base. */
function anchorsWithin(anchors: readonly LineAnchor[], start: number, end: number, base: number, into: LineAnchor[]): void {
  for (let i = lastAnchorAtOrBefore(anchors, start); i < anchors.length && anchors[i].offset < end; i++) {
    if (anchors[i].offset > start) into.push({ offset: base + anchors[i].offset - start, line: anchors[i].line });
  }
}

/**
 * Records a removal in the report: the count of its reason always, the removal itself only as one
 * of the first examples of that reason (its text cut to a preview), so that a document of 100,000
 * repeated lines costs a counter, not 100,000 copies of the line.
 */
function recordRemoval(report: CleaningReport, reason: DropReason, scope: 'paragraph' | 'sentence', line: number, text: string): void {
  const listedBefore = report.paragraphsDropped[reason] + report.sentencesDropped[reason] - report.removalsLeftOut[reason];
  (scope === 'paragraph' ? report.paragraphsDropped : report.sentencesDropped)[reason]++;
  if (listedBefore >= REMOVAL_EXAMPLES_PER_REASON) {
    report.removalsLeftOut[reason]++;
    return;
  }
  report.removals.push({ reason, line, scope, text: takeCodePoints(text, REMOVAL_EXAMPLE_CHARS), chars: codePointLength(text) });
}

const DIGIT = /\d/;
const DIGIT_RUNS = /\d+/g;

/** The key with each run of digits as #: the key itself (the same string) when it holds none. */
function templateKey(key: string): string {
  return DIGIT.test(key) ? key.replace(DIGIT_RUNS, '#') : key;
}


/** Rebuilds text from the kept pieces, keeping the original separators and the line of every piece. */
function assemble(source: BlockText, pieces: Piece[]): BlockText {
  if (assemblesToItself(source.text, pieces)) return source;
  // Parts joined once at the end, and the last character read from the source: indexing into a
  // string built by += flattens it, which made assembling a 50 MB line quadratic.
  const parts: string[] = [];
  let length = 0;
  let lastUnit = NaN;
  const anchors: LineAnchor[] = [];
  let previousEnd = -1;
  for (let p = 0; p < pieces.length; p++) {
    const piece = pieces[p];
    if (piece.dropped) continue;
    const { start, end } = piece.span;
    if (previousEnd >= 0) {
      const gap = source.text.slice(previousEnd, start);
      const separator = gap.includes('\n') ? '\n' : /\s/.test(gap) || needsSpace(lastUnit, source.text.charCodeAt(start)) ? ' ' : '';
      parts.push(separator);
      length += separator.length;
    }
    const line = lineAt(source.anchors, start);
    // An anchor only where the source line changes: pieces of one line share the line's anchor.
    if (anchors.length === 0 || anchors[anchors.length - 1].line !== line) anchors.push({ offset: length, line });
    anchorsWithin(source.anchors, start, end, length, anchors);
    parts.push(source.text.slice(start, end));
    length += end - start;
    if (end > start) lastUnit = source.text.charCodeAt(end - 1);
    previousEnd = end;
  }
  return { text: parts.join(''), anchors };
}

/**
 * Whether assemble would give its source back as it is: nothing dropped, the pieces covering the
 * whole text, and every gap between them already the separator assemble puts there (one "\n", one
 * space, or nothing where no space is needed). Every line then starts a piece or starts inside
 * one, so the anchors come out the same too. Most paragraphs are so, and then cost no copy.
 */
function assemblesToItself(text: string, pieces: readonly Piece[]): boolean {
  if (pieces.length === 0 || pieces[0].span.start !== 0 || pieces[pieces.length - 1].span.end !== text.length) return false;
  for (let p = 0; p < pieces.length; p++) {
    if (pieces[p].dropped) return false;
    if (p === 0) continue;
    const gapStart = pieces[p - 1].span.end;
    const gapEnd = pieces[p].span.start;
    if (gapEnd === gapStart) {
      if (needsSpace(text.charCodeAt(gapStart - 1), text.charCodeAt(gapEnd))) return false;
    } else if (gapEnd - gapStart > 1 || (text[gapStart] !== '\n' && text[gapStart] !== ' ')) return false;
  }
  return true;
}

/**
 * Whether two pieces joined without a gap need a space, from the UTF-16 unit before and the next
 * one (NaN past either end: no space). Units, not text[i]: that makes a string of every Chinese
 * character, and this is asked at every sentence boundary.
 */
function needsSpace(before: number, next: number): boolean {
  return (isAsciiAlphanumeric(before) || isSpacedAfter(before)) && (isAsciiAlphanumeric(next) || next === 0x28);
}

/** . , ; : ! ? ) — after one of them, a letter or digit joined on needs a space. */
function isSpacedAfter(unit: number): boolean {
  return unit === 0x2e || unit === 0x2c || unit === 0x3b || unit === 0x3a || unit === 0x21 || unit === 0x3f || unit === 0x29;
}

function isAsciiAlphanumeric(unit: number): boolean {
  return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x30 && unit <= 0x39);
}

/** A heading's text as its section's title: cut, with "…", past MAX_TITLE (where cutLongSpan cuts). */
function boundedTitle(heading: string): string {
  if (heading.length <= MAX_TITLE) return heading;
  const [first] = cutLongSpan(heading, { start: 0, end: heading.length }, MAX_TITLE - 1, false);
  return `${heading.slice(first.start, first.end)}…`;
}

/** Opens the section of a heading under the right parent; returns its index, the new current section. */
function addSection(sections: Section[], current: number, heading: { level: number; title: string; line: number }): number {
  while (sections[current].level >= heading.level && sections[current].parent !== null) current = sections[current].parent!;
  const parent = sections[current].level < heading.level ? current : 0;
  const section: Section = {
    index: sections.length,
    level: heading.level,
    title: heading.title,
    path: [...sections[parent].path, heading.title],
    line: heading.line,
    parent,
    children: [],
    passages: [],
    empty: true,
  };
  sections[parent].children.push(section.index);
  sections.push(section);
  return section.index;
}

/**
 * Steps 1–3 for the content blocks of one document, in order, with what they remember from one
 * block to the next. A function of its own, apart from the rest of cleanDocument: it is what runs
 * hot, and V8 optimizes (and, when it meets a new case, optimizes again) a function whole, so
 * keeping it small keeps a cold start from compiling the whole cleaner several times over.
 */
class BlockCleaner {
  current = 0;
  lastBlock: { passage: number | undefined; text: BlockText; kind: PassageKind } | undefined;
  /** Keys of every sentence met, kept or not: a truncated ending is often the start of one of them. */
  readonly sentencesMet: string[] = [];
  finishedParagraphs = 0;
  unfinishedParagraphs = 0;
  private readonly seenParagraphs = new SeenText();
  private readonly seenSentences = new SeenText();
  private previousTemplate: { key: string; template: string } | undefined;

  constructor(
    private readonly report: CleaningReport,
    private readonly sections: Section[],
    private readonly passages: Passage[],
  ) {}

  clean(kind: PassageKind, lines: SourceLine[]): void {
    const original = blockText(lines, kind === 'code');
    this.lastBlock = { passage: undefined, text: original, kind };
    const sentences = sentenceSpans(original.text);
    // Folding keeps offsets, so sentence keys can be cut from the block's folded text.
    const { key, spanKeys: sentenceKeys } = keysOfSpans(foldForMatching(original.text), sentences);
    // Punctuation or symbols only: nothing to search, nothing to quote, not counted as a paragraph.
    if (key.length === 0) return;
    this.report.paragraphsIn++;

    // Pieces are made with every field they can get, so that every piece has one shape.
    const pieces: Piece[] = [];
    for (let s = 0; s < sentences.length; s++) {
      this.sentencesMet.push(sentenceKeys[s]);
      pieces.push({ span: sentences[s], dropped: undefined });
    }

    // 1. Template runs: compare with the previous raw paragraph, kept or not.
    const template = templateKey(key);
    const edits = allowedEdits(template.length);
    const previous = this.previousTemplate;
    const inRun =
      previous !== undefined &&
      edits > 0 &&
      // A key holds digits exactly when its template is another string.
      template !== key &&
      numbersOf(key) !== numbersOf(previous.key) &&
      withinEdits(template, previous.template, edits);
    this.previousTemplate = { key, template };
    if (inRun) return this.dropParagraph('templateRun', original);

    if (kind === 'code') {
      if (this.seenParagraphs.check(key)) return this.dropParagraph('duplicate', original);
      return this.keep(kind, original);
    }

    // 2. Garbage: cut every sentence that holds some, and anything unfinished after it.
    if (kind === 'paragraph') {
      if (endsWithSentenceTerminator(original.text)) this.finishedParagraphs++;
      else this.unfinishedParagraphs++;
    }
    const garbage = findGarbage(original.text);
    if (garbage.length > 0) markGarbage(original.text, pieces, garbage);

    // 3. Repeats: the whole paragraph first, then sentence by sentence.
    const paragraphKey = garbage.length > 0 ? matchingKey(assemble(original, pieces).text) : key;
    if (paragraphKey.length >= MIN_REPEAT_KEY) {
      const repeat = this.seenParagraphs.check(paragraphKey);
      if (repeat) return this.dropParagraph(repeat, original);
    }
    let kept = 0;
    for (let p = 0; p < pieces.length; p++) {
      const piece = pieces[p];
      if (piece.dropped) continue;
      const sentenceKey = sentenceKeys[p];
      if (sentenceKey.length >= MIN_REPEAT_KEY) piece.dropped = this.seenSentences.check(sentenceKey);
      if (!piece.dropped) kept++;
    }

    if (kept === 0) {
      const reasons = pieces.map((p) => p.dropped!);
      return this.dropParagraph(reasons.includes('garbage') ? 'garbage' : mostCommon(reasons), original);
    }
    for (let p = 0; p < pieces.length; p++) {
      const piece = pieces[p];
      if (!piece.dropped) continue;
      recordRemoval(this.report, piece.dropped, 'sentence', lineAt(original.anchors, piece.span.start), original.text.slice(piece.span.start, piece.span.end));
    }
    this.keep(kind, assemble(original, pieces));
  }

  private keep(kind: PassageKind, text: BlockText): void {
    this.lastBlock!.passage = addPassage(this.passages, this.sections, this.current, kind, text);
    this.report.paragraphsKept++;
  }

  private dropParagraph(reason: DropReason, text: BlockText): void {
    recordRemoval(this.report, reason, 'paragraph', text.anchors[0]?.line ?? 1, text.text);
  }
}

/** Marks the pieces holding garbage, and every unfinished one after the first garbage, as dropped for it. */
function markGarbage(text: string, pieces: Piece[], garbage: readonly TextSpan[]): void {
  const firstGarbage = garbage[0].start;
  // Both lists are in text order: one walk, not every garbage span per sentence.
  let g = 0;
  for (const piece of pieces) {
    while (g < garbage.length && garbage[g].end <= piece.span.start) g++;
    const holdsGarbage = g < garbage.length && garbage[g].start < piece.span.end;
    const unfinishedAfter = piece.span.start >= firstGarbage && !endsWithSentenceTerminator(text.slice(piece.span.start, piece.span.end));
    if (holdsGarbage || unfinishedAfter) piece.dropped = 'garbage';
  }
}

export function cleanDocument(source: SourceDocument): CleanDocument {
  const normalized = normalizeSource(source.text);
  const blocks = parseBlocks(normalized);
  const fileTitle = source.path.split('/').pop()!.replace(/\.(md|markdown|txt)$/i, '');

  const sections: Section[] = [
    { index: 0, level: 0, title: fileTitle, path: [], line: 1, parent: null, children: [], passages: [], empty: true },
  ];
  const passages: Passage[] = [];
  const report: CleaningReport = {
    doc: source.path,
    charsIn: codePointLength(source.text),
    charsOut: 0,
    paragraphsIn: 0,
    paragraphsKept: 0,
    paragraphsDropped: zeroCounts(),
    sentencesDropped: zeroCounts(),
    removals: [],
    removalsLeftOut: zeroCounts(),
  };
  const cleaner = new BlockCleaner(report, sections, passages);
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.kind !== 'heading') {
      cleaner.clean(block.kind, block.lines);
      continue;
    }
    const title = boundedTitle(block.title);
    cleaner.current = addSection(sections, cleaner.current, { ...block, title });
    // A heading too long to be one is a paragraph after a '#': its words stay, as its section's first passage.
    if (title !== block.title) cleaner.clean('paragraph', [{ line: block.line, text: block.title }]);
  }
  const { lastBlock, sentencesMet } = cleaner;

  // 4. Truncation: the file's last paragraph ending mid-sentence loses that sentence.
  if (lastBlock?.passage !== undefined && lastBlock.kind === 'paragraph') {
    const proseDocument = cleaner.finishedParagraphs >= 3 && cleaner.unfinishedParagraphs === 1;
    dropTruncatedEnding(passages, sections, lastBlock.passage, report, (fragment) => looksCutOff(fragment, sentencesMet, proseDocument));
  }

  pairQuestionsWithAnswers(passages, sections);
  if (joinLeadIns(passages, normalized)) reindex(passages, sections);
  splitLongPassages(passages, sections);
  markEmptySections(sections, passages);
  report.charsOut = sections.reduce((sum, s) => sum + (s.level > 0 ? codePointLength(s.title) : 0), 0) +
    passages.reduce((sum, p) => sum + codePointLength(p.text), 0);
  const title = sections.find((s) => s.level > 0)?.title ?? fileTitle;
  return { path: source.path, title, sections, passages, report };
}

function mostCommon(reasons: DropReason[]): DropReason {
  const counts = new Map<DropReason, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

function addPassage(passages: Passage[], sections: Section[], section: number, kind: PassageKind, text: BlockText): number {
  const passage: Passage = {
    index: passages.length,
    kind,
    text: text.text,
    line: text.anchors[0]?.line ?? 1,
    anchors: text.anchors,
    section,
  };
  const answerOffset = kind === 'paragraph' ? answerOffsetWithin(text.text) : undefined;
  if (answerOffset !== undefined) {
    passage.kind = 'qa';
    passage.answerOffset = answerOffset;
  }
  passages.push(passage);
  sections[section].passages.push(passage.index);
  return passage.index;
}

/**
 * A final sentence without an ending is cut off when it is the start of a sentence met earlier (a
 * repeated or templated paragraph stopped short), or, in a document whose other paragraphs all end
 * properly, when it is a long multi-clause sentence that is not a lead-in ("…包括："). A short label
 * ("FishBase", "参考文献") is a legitimate last line and stays.
 */
function looksCutOff(fragment: string, sentencesMet: readonly string[], proseDocument: boolean): boolean {
  const key = templateKey(matchingKey(fragment));
  // Template keys are made here, for the one document ending that needs them; one is never longer than its key.
  const startsLonger = (earlier: string): boolean => {
    if (earlier.length <= key.length) return false;
    const template = templateKey(earlier);
    return template.length > key.length && template.startsWith(key);
  };
  if (key.length >= MIN_REPEAT_KEY && sentencesMet.some(startsLonger)) return true;
  if (!proseDocument || endsWithLeadIn(fragment) || codePointLength(fragment) < 40) return false;
  return clauseSpans(fragment).length >= 2;
}

function dropTruncatedEnding(
  passages: Passage[],
  sections: Section[],
  index: number,
  report: CleaningReport,
  isCutOff: (fragment: string) => boolean,
): void {
  const passage = passages[index];
  if (endsWithSentenceTerminator(passage.text)) return;
  const spans = sentenceSpans(passage.text);
  const last = spans[spans.length - 1];
  const removedText = passage.text.slice(last.start, last.end);
  if (!isCutOff(removedText)) return;
  const line = lineAt(passage.anchors, last.start);
  if (spans.length === 1) {
    passages.splice(index, 1);
    const list = sections[passage.section].passages;
    list.splice(list.indexOf(index), 1);
    report.paragraphsKept--;
    recordRemoval(report, 'truncated', 'paragraph', line, removedText);
    reindex(passages, sections);
    return;
  }
  passage.text = passage.text.slice(0, spans[spans.length - 2].end);
  passage.anchors = passage.anchors.filter((a) => a.offset < passage.text.length);
  recordRemoval(report, 'truncated', 'sentence', line, removedText);
}

/** Merges a "Q…：" passage with the "A…：" passage right after it in the same section. */
function pairQuestionsWithAnswers(passages: Passage[], sections: Section[]): void {
  const paired: Passage[] = [];
  for (let i = 0; i < passages.length; i++) {
    const question = passages[i];
    const answer = passages[i + 1];
    paired.push(question);
    if (answer === undefined || question.kind !== 'paragraph' || answer.section !== question.section) continue;
    if (!isQuestionText(question.text) || !isAnswerText(answer.text)) continue;
    const offset = question.text.length + 1;
    question.text = `${question.text}\n${answer.text}`;
    question.anchors = [...question.anchors, ...answer.anchors.map((a) => ({ offset: a.offset + offset, line: a.line }))];
    question.kind = 'qa';
    question.answerOffset = offset;
    i++;
  }
  if (paired.length === passages.length) return;
  // Rebuilt rather than spliced in place: a splice per pair is quadratic in a document of many pairs.
  replacePassages(passages, paired, sections);
}

/**
 * Passages over MAX_PASSAGE code points are cut into pieces of about TARGET_CHUNK, each keeping the
 * source line of its text:
 * - prose at sentence ends; a sentence longer than MAX_PASSAGE (a line without 。.!?, up to a whole
 *   file of it) is cut into pieces of at most TARGET_CHUNK units (cutLongSpan: at a clause mark,
 *   then at white space, then between two characters);
 * - code at line ends, into pieces of at most MAX_PASSAGE units, and a line longer than that where
 *   cutLongSpan finds, keeping every character.
 * So no passage is over MAX_PASSAGE, and every query that matches, marks and quotes one walks at
 * most that much text, however the document was written.
 */
function splitLongPassages(passages: Passage[], sections: Section[]): void {
  const result: Passage[] = [];
  for (const passage of passages) {
    if (!exceedsPassageBound(passage.text, 0, passage.text.length)) {
      result.push(passage);
      continue;
    }
    const flush = (chunk: TextSpan): void => {
      if (chunk.end <= chunk.start) return;
      const text = passage.text.slice(chunk.start, chunk.end);
      const anchors: LineAnchor[] = [{ offset: 0, line: lineAt(passage.anchors, chunk.start) }];
      anchorsWithin(passage.anchors, chunk.start, chunk.end, 0, anchors);
      result.push({ ...passage, text, anchors, line: anchors[0].line, answerOffset: undefined, kind: passage.kind === 'qa' ? 'paragraph' : passage.kind });
    };
    const code = passage.kind === 'code';
    const chunkUnits = code ? MAX_PASSAGE : TARGET_CHUNK;
    const chunk: TextSpan = { start: 0, end: 0 };
    for (const span of code ? lineSpans(passage.text) : sentenceSpans(passage.text)) {
      // A sentence (line) over the bound comes in pieces, each joining chunks as a sentence would;
      // the first fills what the chunk has room for, so that a question keeps the start of its long
      // answer, a fence its code.
      const pieces = exceedsPassageBound(passage.text, span.start, span.end) ? cutLongSpan(passage.text, span, chunkUnits, code, roomIn(chunk, span, chunkUnits)) : [span];
      for (const piece of pieces) {
        if (piece.end - chunk.start > chunkUnits && chunk.end > chunk.start) {
          flush(chunk);
          chunk.start = piece.start;
        }
        chunk.end = piece.end;
      }
    }
    flush(chunk);
  }
  replacePassages(passages, result, sections);
}

/**
 * How many units of a span starting at span.start the chunk can take and stay within chunkUnits;
 * all of them when the chunk is empty or has less than a quarter left (the span then starts a new one).
 */
function roomIn(chunk: TextSpan, span: TextSpan, chunkUnits: number): number {
  const room = chunkUnits - (span.start - chunk.start);
  return chunk.end > chunk.start && room >= chunkUnits >> 2 ? room : chunkUnits;
}

/** Whether text[start, end) is over MAX_PASSAGE code points (never longer in code points than in units: most need no count). */
function exceedsPassageBound(text: string, start: number, end: number): boolean {
  return end - start > MAX_PASSAGE && codePointLength(text.slice(start, end)) > MAX_PASSAGE;
}

/** The lines of text, as written (empty ones too), without their "\n". */
function lineSpans(text: string): TextSpan[] {
  const lines: TextSpan[] = [];
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    lines.push({ start, end });
    start = end + 1;
  }
  return lines;
}

/** Makes passages hold exactly `replacement` (no spread: a call with 100,000 arguments overflows the stack). */
function replacePassages(passages: Passage[], replacement: readonly Passage[], sections: Section[]): void {
  passages.length = 0;
  for (const passage of replacement) passages.push(passage);
  reindex(passages, sections);
}

function reindex(passages: Passage[], sections: Section[]): void {
  for (const section of sections) section.passages = [];
  passages.forEach((p, i) => {
    p.index = i;
    sections[p.section].passages.push(i);
  });
}

/** A section is empty when neither it nor a subsection holds text of its own (a lone lead-in is not). */
function markEmptySections(sections: Section[], passages: readonly Passage[]): void {
  const visit = (index: number): boolean => {
    const section = sections[index];
    let hasText = section.passages.some((p) => hasOwnText(passages[p]));
    for (const child of section.children) hasText = visit(child) || hasText;
    section.empty = !hasText;
    return hasText;
  };
  visit(0);
}
