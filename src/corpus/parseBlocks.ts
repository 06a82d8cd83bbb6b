/**
 * Splits normalized document text into markdown-ish blocks, each with its source line.
 * Blank lines separate paragraphs; ATX headings (# … ######) and fenced code are blocks of their own.
 */

export interface SourceLine {
  /** 1-based line number in the source file. */
  line: number;
  text: string;
}

export type Block =
  | { kind: 'heading'; level: number; title: string; line: number }
  | { kind: 'paragraph' | 'list' | 'code'; lines: SourceLine[] };

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$/;
const FENCE = /^ {0,3}(```+|~~~+)/;
const LIST_ITEM = /^ {0,3}(?:[-*+•]|\d{1,3}[.)、])[ \t]+\S/;
const INDENTED = /^\s{2,}\S/;

/**
 * The first unit of a line after the up to three spaces every pattern above allows (NaN for a
 * blank line): each pattern can only match a line that starts so with its own mark, and most
 * lines are prose, then tested with a few unit reads instead of three regular expressions.
 */
function leadUnit(line: string): number {
  let at = 0;
  while (at < 3 && line.charCodeAt(at) === 0x20) at++;
  return line.charCodeAt(at);
}

function mayBeFence(lead: number): boolean {
  return lead === 0x60 || lead === 0x7e;
}

function mayBeListItem(lead: number): boolean {
  return lead === 0x2d || lead === 0x2a || lead === 0x2b || lead === 0x2022 || (lead >= 0x30 && lead <= 0x39);
}

function isListItem(line: string): boolean {
  return mayBeListItem(leadUnit(line)) && LIST_ITEM.test(line);
}

export function parseBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let paragraph: SourceLine[] = [];

  const flush = (): void => {
    if (paragraph.length === 0) return;
    const isList = paragraph.every((l) => isListItem(l.text) || INDENTED.test(l.text));
    blocks.push({ kind: isList ? 'list' : 'paragraph', lines: paragraph });
    paragraph = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const lineNumber = i + 1;
    const lead = leadUnit(raw);
    const fence = mayBeFence(lead) ? FENCE.exec(raw) : null;
    if (fence) {
      flush();
      const marker = fence[1];
      const code: SourceLine[] = [{ line: lineNumber, text: raw }];
      let j = i + 1;
      for (; j < lines.length; j++) {
        code.push({ line: j + 1, text: lines[j] });
        if (lines[j].trimStart().startsWith(marker)) break;
      }
      blocks.push({ kind: 'code', lines: code });
      i = j;
      continue;
    }
    const heading = lead === 0x23 ? HEADING.exec(raw) : null;
    if (heading && !(heading[2] ?? '').startsWith('#')) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1].length, title: (heading[2] ?? '').trim(), line: lineNumber });
      continue;
    }
    if (raw.trim() === '') {
      flush();
      continue;
    }
    // A list item after prose starts a list block of its own, so "intro:" and its items stay apart.
    if (paragraph.length > 0 && mayBeListItem(lead) && LIST_ITEM.test(raw) && !isListItem(paragraph[paragraph.length - 1].text)) flush();
    paragraph.push({ line: lineNumber, text: raw });
  }
  flush();
  return blocks;
}
