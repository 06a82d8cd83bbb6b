/** Plain-terminal forms of answers, summaries, outlines and reports for the CLI. */
import type { CleaningReport } from '../corpus/types.ts';
import type { Answer, OutlineEntry, SectionSummary } from '../desk/types.ts';

const BOLD = '\u001b[1m';
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

/** Wraps matched spans (code point offsets) in bold: ANSI on a colour terminal, ** otherwise. */
export function markMatches(text: string, matches: ReadonlyArray<readonly [number, number]>, color: boolean): string {
  const chars = [...text];
  const open = color ? BOLD : '**';
  const close = color ? RESET : '**';
  let out = '';
  let at = 0;
  for (const [start, end] of matches) {
    out += chars.slice(at, start).join('') + open + chars.slice(start, end).join('') + close;
    at = end;
  }
  return out + chars.slice(at).join('');
}

function source(doc: string, section: string, line: number): string {
  return [doc, section.replace(/ > /g, ' › '), `line ${line}`].filter((p) => p !== '').join(' › ');
}

export function formatAnswer(answer: Answer, color: boolean): string {
  if (answer.results.length === 0) return `No passage answers "${answer.query}". Try other words, or list the sections with: sections\n`;
  const dim = (s: string): string => (color ? `${DIM}${s}${RESET}` : s);
  const blocks = answer.results.map((r, i) => {
    const quote = markMatches(r.excerpt, r.matches, color)
      .split('\n')
      .map((l) => `   │ ${l}`)
      .join('\n');
    const ellipsis = `${r.clippedStart ? '…' : ''}`;
    return `${i + 1}. ${source(r.doc, r.section, r.line)}  ${dim(`score ${r.score}`)}\n${ellipsis ? `   │ ${ellipsis}\n` : ''}${quote}${r.clippedEnd ? ' …' : ''}`;
  });
  return `${blocks.join('\n\n')}\n${dim(`${answer.results.length} of ${answer.total} in ${answer.ms.toFixed(1)} ms`)}\n`;
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
      lines.push(doc);
    }
    if (entry.level === 0) continue;
    const indent = '  '.repeat(entry.level);
    lines.push(`${indent}${entry.title}  (line ${entry.line}, ${entry.passageCount} passage${entry.passageCount === 1 ? '' : 's'})${entry.empty ? '  [empty]' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatReports(reports: readonly CleaningReport[]): string {
  const header = ['document', 'chars in', 'chars out', 'paragraphs', 'kept', 'duplicate', 'near-dup', 'template', 'garbage', 'truncated', 'sentences cut'];
  const rows = reports.map((r) => [
    r.doc,
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

/** What cleaning removed from each document: a few examples per reason, with their source lines. */
export function formatRemovals(reports: readonly CleaningReport[], perReason = 3): string {
  const lines: string[] = [];
  for (const report of reports) {
    if (report.removals.length === 0) continue;
    lines.push('', `${report.doc}: removed`);
    const byReason = new Map<string, typeof report.removals>();
    for (const removal of report.removals) byReason.set(removal.reason, [...(byReason.get(removal.reason) ?? []), removal]);
    for (const [reason, removals] of byReason) {
      for (const removal of removals.slice(0, perReason)) {
        const preview = [...removal.text.replace(/\s+/g, ' ')];
        lines.push(`  ${reason.padEnd(13)} line ${String(removal.line).padStart(4)} ${removal.scope.padEnd(9)} ${preview.slice(0, 50).join('')}${preview.length > 50 ? '…' : ''}`);
      }
      if (removals.length > perReason) lines.push(`  ${reason.padEnd(13)} … and ${removals.length - perReason} more`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
