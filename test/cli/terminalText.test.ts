import { describe, expect, it } from 'vitest';
import { formatOutline, formatSummary } from '../../src/cli/terminalText.ts';
import type { OutlineEntry, SectionSummary } from '../../src/desk/types.ts';

const hostileName = 'notes\nforged line \x1b[31mred.md';

describe('terminal text of the CLI', () => {
  it('shows a newline or ESC in a file name escaped, so a name cannot forge a line or recolour the terminal', () => {
    const summary = { doc: hostileName, section: 'Intro', line: 3, empty: false, summary: 'text' } as SectionSummary;
    const first = formatSummary(summary).split('\n')[0];
    expect(first).toBe('notes\\nforged line \\x1b[31mred.md › Intro › line 3');

    const entry = { doc: hostileName, title: 'Intro\rX', level: 1, line: 1, passageCount: 1, empty: false } as OutlineEntry;
    const outline = formatOutline([entry]);
    expect(outline).not.toContain('\x1b');
    expect(outline.trimEnd().split('\n')).toEqual(['notes\\nforged line \\x1b[31mred.md', '  Intro\\rX  (line 1, 1 passage)']);
  });
});
