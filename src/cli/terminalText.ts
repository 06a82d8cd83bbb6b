/**
 * Plain-terminal forms of summaries, outlines and cleaning reports for the CLI (answers: src/console).
 * Every name and text from the documents goes through visibleLine: a newline or ESC in a file name
 * must not forge a line or recolour the terminal.
 */
import type { CleaningReport, DropReason, LoadProblem, Removal } from '../corpus/types.ts';
import { codePointLength } from '../text/codePoints.ts';
import { visibleLine } from '../text/visibleText.ts';
import type { OutlineEntry, SectionSummary } from '../desk/types.ts';

function source(doc: string, section: string, line: number): string {
  return [visibleLine(doc), visibleLine(section).replace(/ > /g, ' › '), `line ${line}`].filter((p) => p !== '').join(' › ');
}

export function formatSummary(summary: SectionSummary): string {
  const where = source(summary.doc, summary.section, summary.line);
  if (summary.empty) return `${where}\nThis section is empty: nothing is left in it after cleaning.\n`;
  return `${where}\n\n${summary.summary}\n`;
}

export function formatOutline(entries: readonly OutlineEntry[]): string {
  const lines: string[] = [];
  let doc = '';
  for (const entry of entries) {
    if (entry.doc !== doc) {
      doc = entry.doc;
      lines.push(visibleLine(doc));
    }
    if (entry.level === 0) continue;
    const indent = '  '.repeat(entry.level);
    lines.push(`${indent}${visibleLine(entry.title)}  (line ${entry.line}, ${entry.passageCount} passage${entry.passageCount === 1 ? '' : 's'})${entry.empty ? '  [empty]' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatReports(reports: readonly CleaningReport[]): string {
  const header = ['document', 'chars in', 'chars out', 'paragraphs', 'kept', 'duplicate', 'near-dup', 'template', 'garbage', 'truncated', 'sentences cut'];
  const rows = reports.map((r) => [
    visibleLine(r.doc),
    String(r.charsIn),
    String(r.charsOut),
    String(r.paragraphsIn),
    String(r.paragraphsKept),
    String(r.paragraphsDropped.duplicate),
    String(r.paragraphsDropped.nearDuplicate),
    String(r.paragraphsDropped.templateRun),
    String(r.paragraphsDropped.garbage),
    String(r.paragraphsDropped.truncated),
    String(Object.values(r.sentencesDropped).reduce((a, b) => a + b, 0)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const format = (row: string[]): string => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return `${[format(header), ...rows.map(format)].join('\n')}\n`;
}

/** How many removals of a reason a report counts (its examples list only the first few). */
function removalCount(report: CleaningReport, reason: DropReason): number {
  return report.paragraphsDropped[reason] + report.sentencesDropped[reason];
}

/** What cleaning removed from each document: a few examples per reason, with their source lines. */
export function formatRemovals(reports: readonly CleaningReport[], perReason = 3): string {
  const lines: string[] = [];
  for (const report of reports) {
    if (report.removals.length === 0) continue;
    lines.push('', `${visibleLine(report.doc)}: removed`);
    // One pass, reasons in the order they were first met; the "more" counts come from the exact totals.
    const byReason = new Map<DropReason, Removal[]>();
    for (const removal of report.removals) {
      const examples = byReason.get(removal.reason);
      if (examples === undefined) byReason.set(removal.reason, [removal]);
      else if (examples.length < perReason) examples.push(removal);
    }
    for (const [reason, examples] of byReason) {
      for (const removal of examples) {
        // removal.text is already a bounded preview (REMOVAL_EXAMPLE_CHARS); chars says whether it was cut.
        const preview = [...visibleLine(removal.text.replace(/\s+/g, ' '))];
        const cut = preview.length > 50 || removal.chars > codePointLength(removal.text);
        lines.push(`  ${reason.padEnd(13)} line ${String(removal.line).padStart(4)} ${removal.scope.padEnd(9)} ${preview.slice(0, 50).join('')}${cut ? '…' : ''}`);
      }
      const more = removalCount(report, reason) - examples.length;
      if (more > 0) lines.push(`  ${reason.padEnd(13)} … and ${more} more`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The files that could not be served, each with the reason (file names shown with control characters escaped). */
export function formatSkippedFiles(problems: readonly LoadProblem[]): string {
  if (problems.length === 0) return '';
  const lines = problems.map((problem) => `  ${visibleLine(problem.path)}: ${visibleLine(problem.reason)}`);
  return `\nnot served (${problems.length}):\n${lines.join('\n')}\n`;
}
