import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { queryLines } from '../../src/cli/searchCommand.ts';

async function linesOf(chunks: Array<string | Buffer>): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of queryLines(Readable.from(chunks))) lines.push(line);
  return lines;
}

describe('queryLines', () => {
  it('splits on \\n only, keeps a lone CR inside its line, and drops the CR of a CRLF across chunks', async () => {
    expect(await linesOf(['a\rb', '\nc\r', '\nd', 'e', '\n\n', 'last'])).toEqual(['a\rb', 'c', 'de', '', 'last']);
  });

  it('decodes a character split between two chunks', async () => {
    const bytes = Buffer.from('深度\n学习\n');
    expect(await linesOf([bytes.subarray(0, 2), bytes.subarray(2, 8), bytes.subarray(8)])).toEqual(['深度', '学习']);
  });

  it('gives a line that arrives in many chunks whole', async () => {
    const [line] = await linesOf([...Array.from({ length: 200 }, () => 'x'.repeat(1000)), '\n']);
    expect(line).toHaveLength(200_000);
  });
});
