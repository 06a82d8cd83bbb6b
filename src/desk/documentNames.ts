/**
 * One rule for what people see a document and a section called: in citations, Summary buttons,
 * autocomplete, outlines, and what /summary and /sections accept back.
 *
 * A document is called by its title when no other document has that title; else by the title plus
 * what tells it apart: its first heading that no same-titled document has ("1.背景介绍 (1.1 背景介绍)"),
 * else its file name, else its path. A section is its heading path under that name, without the
 * title heading the name already says. Names never carry control characters (see visibleText).
 * The CLI's JSON keeps paths and raw heading paths: these names are for people.
 */
import { foldForMatching } from '../text/foldText.ts';
import { visibleText } from '../text/visibleText.ts';

export interface NamedDocument {
  /** Path relative to the seeds folder. */
  path: string;
  title: string;
  /** Heading titles in document order. */
  headings: readonly string[];
}

export interface NamedSection {
  path: readonly string[];
  line: number;
}

export interface SectionName {
  /** Heading path under the document's name (the title heading left out), made visible. */
  citedPath: string[];
  /** "heading › heading — document name" (the document name alone for its top), unique in the corpus. */
  label: string;
  /** What a button calls it: its heading when no other section or document reads the same, else its label. */
  shortName: string;
}

export interface NamedCorpusDocument {
  path: string;
  title: string;
  /** Every section, the text before the first heading (path []) included. */
  sections: readonly NamedSection[];
}

/** Names of every document and of every section of each, in the corpus's order. */
export function nameCorpus(docs: readonly NamedCorpusDocument[]): { docNames: string[]; sections: SectionName[][] } {
  const docNames = documentNames(
    docs.map((doc) => ({ path: doc.path, title: doc.title, headings: doc.sections.flatMap((s) => (s.path.length > 0 ? [s.path[s.path.length - 1]] : [])) })),
  );
  const sections = docs.map((doc, d) => sectionNames(docNames[d], doc.title, doc.sections));
  // A heading shared by two sections, or reading like a document's name, cannot stand alone on a button.
  const headingCount = new Map<string, number>();
  for (const names of sections) for (const name of names) {
    const heading = name.citedPath.at(-1);
    if (heading !== undefined) headingCount.set(heading, (headingCount.get(heading) ?? 0) + 1);
  }
  const takenByDocuments = new Set(docNames);
  for (const names of sections) for (const name of names) {
    const heading = name.citedPath.at(-1);
    if (heading !== undefined && headingCount.get(heading) === 1 && !takenByDocuments.has(heading)) name.shortName = heading;
  }
  return { docNames, sections };
}

/** A distinguishing heading longer than this is cut: a name has to fit a button. */
const MAX_DISTINGUISHER = 32;

/** The folded form names are compared in: case, width (（ is (), Traditional/Simplified and white space do not count. */
export function nameKey(text: string): string {
  return foldForMatching(text.normalize('NFKC')).replace(/\s+/gu, '');
}

function shortened(text: string): string {
  const points = [...text];
  return points.length <= MAX_DISTINGUISHER ? text : `${points.slice(0, MAX_DISTINGUISHER - 1).join('')}…`;
}

function fileNameOf(path: string): string {
  return path.split('/').pop() ?? path;
}

/** Display names, one per document in the same order, all different. */
export function documentNames(docs: readonly NamedDocument[]): string[] {
  // Titles are compared as written: 深度學習 and 深度学习 read differently, and typing either still finds its own.
  const byTitle = new Map<string, number[]>();
  docs.forEach((doc, i) => {
    const group = byTitle.get(doc.title);
    if (group) group.push(i);
    else byTitle.set(doc.title, [i]);
  });
  const names = docs.map((doc) => doc.title);
  for (const group of byTitle.values()) {
    if (group.length < 2) continue;
    // In how many of the group's documents each heading appears: a heading only one has tells it apart.
    const holders = new Map<string, number>();
    for (const i of group) for (const heading of new Set(docs[i].headings)) holders.set(heading, (holders.get(heading) ?? 0) + 1);
    const fileNames = new Map<string, number>();
    for (const i of group) fileNames.set(fileNameOf(docs[i].path), (fileNames.get(fileNameOf(docs[i].path)) ?? 0) + 1);
    for (const i of group) {
      const doc = docs[i];
      const distinct = doc.headings.find((heading) => heading.trim() !== '' && holders.get(heading) === 1);
      const fileName = fileNameOf(doc.path);
      const apart = distinct !== undefined ? shortened(distinct) : fileNames.get(fileName) === 1 ? fileName : doc.path;
      names[i] = `${doc.title} (${apart})`;
    }
  }
  return uniqueNames(docs, names.map(visibleText));
}

/** A name that still collides (a title that reads like another's name) falls back to title and path, then path. */
function uniqueNames(docs: readonly NamedDocument[], names: string[]): string[] {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  if ([...counts.values()].every((n) => n === 1)) return names;
  return names.map((name, i) => {
    if (counts.get(name) === 1) return name;
    const withPath = visibleText(`${docs[i].title} (${docs[i].path})`);
    return withPath === name || counts.has(withPath) ? visibleText(docs[i].path) : withPath;
  });
}

/**
 * Names of a document's sections, in the same order. The text before the first heading (path [])
 * is the document itself, called by its name. Two headings that would read the same (two
 * same-named headings side by side) are told apart by their line.
 */
export function sectionNames(docName: string, title: string, sections: readonly NamedSection[]): SectionName[] {
  const seen = new Set<string>();
  return sections.map((section) => {
    if (section.path.length === 0) return { citedPath: [], label: docName, shortName: docName };
    const citedPath = (section.path[0] === title ? section.path.slice(1) : section.path).map(visibleText);
    let label = sectionLabel(docName, citedPath);
    if (seen.has(label)) label = `${label} (line ${section.line})`;
    seen.add(label);
    return { citedPath, label, shortName: label };
  });
}

/** Every form a section is shown under, and so accepted back: its label and its citation ("document › heading"). */
export function sectionNameForms(docName: string, name: SectionName): string[] {
  return [name.label, [docName, ...name.citedPath].join(' › ')];
}

function sectionLabel(docName: string, citedPath: readonly string[]): string {
  return citedPath.length === 0 ? docName : `${citedPath.join(' › ')} — ${docName}`;
}
