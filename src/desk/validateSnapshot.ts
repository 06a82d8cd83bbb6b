/**
 * Structural checks of what a cache snapshot holds, before any of it is served. A snapshot folder
 * is only data on disk: anything can have written it (an older program, a crash, a hand edit, an
 * attacker), so its manifest, its documents and its index arrays are checked for the shape and the
 * invariants the code relies on. Each check returns what is wrong, in words, or undefined.
 */
import { isAbsolute } from 'node:path';
import { DROP_REASONS } from '../corpus/types.ts';
import type { PassageIndexParts } from '../search/passageIndex.ts';

type Problem = string | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isStringRecord = (value: unknown): boolean => isRecord(value) && Object.values(value).every((v) => typeof v === 'string');

/** The first problem of a list of checks, each run only if the ones before it passed. */
function first(...checks: Array<() => Problem>): Problem {
  for (const check of checks) {
    const problem = check();
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function field(record: Record<string, unknown>, name: string, test: (value: unknown) => boolean, what: string): Problem {
  return test(record[name]) ? undefined : `has no valid ${name} (${what} expected)`;
}

/** What is wrong with a parsed manifest.json, which must describe exactly these files and arrays. */
export function manifestProblem(manifest: unknown, files: readonly string[], arrays: readonly string[]): Problem {
  if (!isRecord(manifest)) return `is not an object (it is ${manifest === null ? 'null' : Array.isArray(manifest) ? 'an array' : typeof manifest})`;
  return first(
    () => field(manifest, 'format', Number.isSafeInteger, 'a whole number'),
    () => field(manifest, 'key', (v) => typeof v === 'string', 'a string'),
    () => field(manifest, 'seedsDir', (v) => typeof v === 'string', 'a string'),
    () => field(manifest, 'createdAt', (v) => typeof v === 'string', 'a string'),
    () => field(manifest, 'documents', isStringRecord, 'path → hash'),
    () =>
      field(
        manifest,
        'program',
        (v) =>
          isRecord(v) && Number.isSafeInteger(v.format) && typeof v.index === 'string' && isStringRecord(v.packages) && (v.unicode === undefined || typeof v.unicode === 'string'),
        'format, index, packages and a Unicode version',
      ),
    () => field(manifest, 'arrays', (v) => isRecord(v) && arrays.every((name) => isCount(v[name])), `a length for each of ${arrays.join(', ')}`),
    () =>
      field(
        manifest,
        'flexsearch',
        (v) => Array.isArray(v) && v.every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && isCount(entry[1])),
        '[key, length] pairs',
      ),
    () =>
      field(
        manifest,
        'files',
        (v) => isRecord(v) && files.every((name) => isRecord(v[name]) && isCount(v[name].bytes) && isCount(v[name].crc32)),
        `bytes and crc32 for each of ${files.join(', ')}`,
      ),
  );
}

const STAMP = /^\d+:\d+:\d+:\d+:\d+$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * What is wrong with a parsed digest record (digestRecord.ts) of this seeds folder: this format,
 * and every entry an absolute path → [stamp, SHA-256 hex].
 */
export function digestRecordProblem(record: unknown, format: number, seedsDir: string): Problem {
  if (!isRecord(record)) return 'is not an object';
  if (record.format !== format) return `has format ${String(record.format)}, not ${format}`;
  if (record.seedsDir !== seedsDir) return 'belongs to another seeds folder';
  if (!isRecord(record.files)) return 'has no files';
  for (const [path, entry] of Object.entries(record.files)) {
    const ok =
      isAbsolute(path) && Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && STAMP.test(entry[0]) && typeof entry[1] === 'string' && SHA256_HEX.test(entry[1]);
    if (!ok) return `has a malformed entry for ${path}`;
  }
  return undefined;
}

const PASSAGE_KINDS = new Set(['paragraph', 'list', 'qa', 'code']);
const isIndexBelow = (limit: number) => (value: unknown) => isCount(value) && value < limit;
const isCounts = (value: unknown): boolean => isRecord(value) && DROP_REASONS.every((reason) => isCount(value[reason]));

function sectionProblem(section: unknown, at: number, sections: number, passages: number): Problem {
  if (!isRecord(section)) return `section ${at} is not an object`;
  const ok =
    section.index === at &&
    isCount(section.level) &&
    typeof section.title === 'string' &&
    Array.isArray(section.path) &&
    section.path.every((t) => typeof t === 'string') &&
    isCount(section.line) &&
    (section.parent === null || isIndexBelow(sections)(section.parent)) &&
    Array.isArray(section.children) &&
    section.children.every(isIndexBelow(sections)) &&
    Array.isArray(section.passages) &&
    section.passages.every(isIndexBelow(passages)) &&
    typeof section.empty === 'boolean';
  return ok ? undefined : `section ${at} is malformed`;
}

function passageProblem(passage: unknown, at: number, sections: number): Problem {
  if (!isRecord(passage)) return `passage ${at} is not an object`;
  const ok =
    passage.index === at &&
    PASSAGE_KINDS.has(passage.kind as string) &&
    typeof passage.text === 'string' &&
    isCount(passage.line) &&
    isIndexBelow(sections)(passage.section) &&
    (passage.answerOffset === undefined || isCount(passage.answerOffset)) &&
    Array.isArray(passage.anchors) &&
    passage.anchors.length > 0 &&
    passage.anchors.every((a) => isRecord(a) && isCount(a.offset) && isCount(a.line));
  return ok ? undefined : `passage ${at} is malformed`;
}

function reportProblem(report: unknown): Problem {
  if (!isRecord(report)) return 'has no report';
  const ok =
    typeof report.doc === 'string' &&
    ['charsIn', 'charsOut', 'paragraphsIn', 'paragraphsKept'].every((name) => isCount(report[name])) &&
    isCounts(report.paragraphsDropped) &&
    isCounts(report.sentencesDropped) &&
    isCounts(report.removalsLeftOut) &&
    Array.isArray(report.removals) &&
    report.removals.every(
      (r) => isRecord(r) && DROP_REASONS.includes(r.reason as never) && isCount(r.line) && (r.scope === 'paragraph' || r.scope === 'sentence') && typeof r.text === 'string' && isCount(r.chars),
    );
  return ok ? undefined : 'has a malformed report';
}

function documentProblem(doc: unknown, at: number): Problem {
  if (!isRecord(doc) || typeof doc.path !== 'string' || typeof doc.title !== 'string') return `document ${at} has no path or title`;
  const { sections, passages } = doc;
  if (!Array.isArray(sections) || sections.length === 0 || !Array.isArray(passages)) return `document ${doc.path} has no sections or passages`;
  const problem = first(
    () => sections.map((s: unknown, i) => sectionProblem(s, i, sections.length, passages.length)).find((p) => p !== undefined),
    () => passages.map((p: unknown, i) => passageProblem(p, i, sections.length)).find((p) => p !== undefined),
    () => reportProblem(doc.report),
  );
  return problem === undefined ? undefined : `document ${doc.path}: ${problem}`;
}

/** What is wrong with a parsed documents.json: { documents: CleanDocument[] (texts empty), problems: LoadProblem[] }. */
export function storedDocumentsProblem(stored: unknown): Problem {
  if (!isRecord(stored) || !Array.isArray(stored.documents) || !Array.isArray(stored.problems)) return 'not { documents, problems }';
  for (const [at, doc] of stored.documents.entries()) {
    const problem = documentProblem(doc, at);
    if (problem !== undefined) return problem;
  }
  if (!stored.problems.every((p) => isRecord(p) && typeof p.path === 'string' && typeof p.reason === 'string')) return 'a problem entry is malformed';
  return undefined;
}

/** Whether offsets[0] is 0, they never decrease, and the last one is end. */
function offsetsProblem(name: string, offsets: Uint32Array, end: number): Problem {
  if (offsets.length === 0 || offsets[0] !== 0 || offsets[offsets.length - 1] !== end) return `${name} does not run from 0 to ${end}`;
  for (let i = 1; i < offsets.length; i++) if (offsets[i] < offsets[i - 1]) return `${name} decreases at ${i}`;
  return undefined;
}

function allBelow(name: string, values: Uint32Array, limit: number): Problem {
  for (let i = 0; i < values.length; i++) if (values[i] >= limit) return `${name}[${i}] = ${values[i]} is out of range (< ${limit})`;
  return undefined;
}

/** What is wrong with restored index parts for this many passages: lengths and every id and offset in range. */
export function indexPartsProblem(parts: PassageIndexParts, passages: number): Problem {
  const terms = parts.terms.length;
  const headings = parts.headingStarts.length - 1;
  return first(
    () => (parts.documentFrequencies.length === terms ? undefined : `${parts.documentFrequencies.length} document frequencies for ${terms} terms`),
    () => (parts.firstPassage.length === terms ? undefined : `${parts.firstPassage.length} first passages for ${terms} terms`),
    () => (parts.starts.length === passages + 1 ? undefined : `term offsets describe ${parts.starts.length - 1} passages, documents ${passages}`),
    () => (parts.headingOf.length === passages ? undefined : `headings given for ${parts.headingOf.length} passages, documents ${passages}`),
    () => offsetsProblem('starts', parts.starts, parts.sequence.length),
    () => offsetsProblem('headingStarts', parts.headingStarts, parts.headingTerms.length),
    () => allBelow('sequence', parts.sequence, terms),
    () => allBelow('headingTerms', parts.headingTerms, terms),
    () => allBelow('firstPassage', parts.firstPassage, passages),
    () => allBelow('headingOf', parts.headingOf, Math.max(headings, 0)),
  );
}
