/**
 * Sections weighed against what someone typed (suggestSections: autocomplete at every keystroke,
 * "did you mean" on a miss). A section scores 10 when it is the section named exactly, else 2 when
 * its folded path holds the typed text, plus the share of the typed terms its path holds, less 0.5
 * when it is empty; those scoring above 0 come best first, in outline order among equals.
 *
 * Made once per desk: each path's terms go into an index (term → sections) and the folded paths
 * into one text, so a suggestion visits only the sections that share a term or hold the text, not
 * all of them (22,000 at 50 MB: 20–40 ms a call when each was weighed, with the bot's event loop
 * waiting on the answer).
 */
import { tokenize } from '../search/tokenize.ts';
import { foldForMatching } from '../text/foldText.ts';
import type { OutlineEntry } from './types.ts';

export class SectionChoices {
  /** The sections' folded paths, one after the other, each followed by a NUL. */
  private readonly paths: string;
  /** Where each section's path starts in `paths`, and (last) its length. */
  private readonly starts: Uint32Array;
  /** Term → the sections whose path holds it, in outline order. */
  private readonly sectionsWith = new Map<string, number[]>();

  /** `entries`: the sections below document level, in outline order. */
  constructor(readonly entries: readonly OutlineEntry[]) {
    const paths: string[] = [];
    this.starts = new Uint32Array(entries.length + 1);
    let at = 0;
    entries.forEach((entry, section) => {
      const path = foldForMatching(entry.path.join(' '));
      paths.push(path);
      this.starts[section] = at;
      at += path.length + 1;
      for (const term of new Set(tokenize(path).map((t) => t.term))) {
        let sections = this.sectionsWith.get(term);
        if (sections === undefined) this.sectionsWith.set(term, (sections = []));
        sections.push(section);
      }
    });
    this.starts[entries.length] = at;
    this.paths = paths.join('\u0000') + '\u0000';
  }

  /**
   * The best `limit` sections for folded typed text (not empty), whose terms are `wanted`
   * (distinct); `namedId` is the section named exactly, if any; `withText` leaves out empty sections.
   */
  suggest(folded: string, wanted: readonly string[], namedId: string | undefined, limit: number, withText: boolean): OutlineEntry[] {
    const shared = new Map<number, number>();
    for (const term of wanted) for (const section of this.sectionsWith.get(term) ?? []) shared.set(section, (shared.get(section) ?? 0) + 1);
    const holding = new Set<number>();
    for (let at = this.paths.indexOf(folded); at !== -1; at = this.paths.indexOf(folded, at + 1)) {
      const section = this.sectionAt(at);
      // Within that path (typed text holding a NUL could reach across into the next).
      if (at + folded.length < this.starts[section + 1]) holding.add(section);
    }
    const candidates = new Set([...shared.keys(), ...holding]);
    if (namedId !== undefined) {
      const named = this.entries.findIndex((entry) => entry.sectionId === namedId);
      if (named !== -1) candidates.add(named);
    }
    const scored: Array<{ section: number; score: number }> = [];
    for (const section of candidates) {
      const entry = this.entries[section];
      if (withText && entry.empty) continue;
      const score =
        entry.sectionId === namedId
          ? 10
          : (holding.has(section) ? 2 : 0) + (wanted.length > 0 ? (shared.get(section) ?? 0) / wanted.length : 0) - (entry.empty ? 0.5 : 0);
      if (score > 0) scored.push({ section, score });
    }
    return scored
      .sort((a, b) => b.score - a.score || a.section - b.section)
      .slice(0, limit)
      .map(({ section }) => this.entries[section]);
  }

  /** The first `limit` sections that are not empty (what is offered before anything is typed). */
  firstWithText(limit: number): OutlineEntry[] {
    const found: OutlineEntry[] = [];
    for (const entry of this.entries) {
      if (found.length >= limit) break;
      if (!entry.empty) found.push(entry);
    }
    return found;
  }

  /** The section whose path holds offset `at` of `paths`. */
  private sectionAt(at: number): number {
    let low = 0;
    let high = this.entries.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= at) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
