/**
 * End to end, hostile text: masked links, mentions and markdown in a question and in a document,
 * lone surrogates in a question, private-use characters in a document. The emulator flags every
 * payload with a live masked link or a lone surrogate (payloadChecks.ts); afterEach expects none.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openAnswerDesk } from '../../src/desk/answerDesk.ts';
import { readInProcess } from '../../src/reply/deskReader.ts';
import { alice, callbackData, Harness, HeldDesk } from './botHarness.ts';
import { liveMaskedLinks } from './emulator/payloadChecks.ts';

const String = 3;
const TWO_LINKS = '[a](https://evil.one) [b](https://evil.two)';
let harness: Harness;

beforeAll(async () => {
  const seedsDir = mkdtempSync(join(tmpdir(), 'answer-desk-hostile-'));
  writeFileSync(
    join(seedsDir, 'hostile.md'),
    [
      '# 安全说明',
      '',
      `官网链接 ${TWO_LINKS} 请勿点击，通知 @everyone 和 <@&123456789012345678>。`,
      '',
      '## 私用字符',
      '',
      '私用区字符 \uE000标记\uE001 应当保持原样。',
      '',
    ].join('\n'),
  );
  harness = await Harness.start({ desk: new HeldDesk(readInProcess(await openAnswerDesk({ seedsDir }))) });
});

afterAll(async () => {
  await harness.stop();
});

afterEach(() => {
  expect(harness.emulator.violations).toEqual([]);
  expect(harness.emulator.unexpected).toEqual([]);
});

async function ask(question: string): Promise<string> {
  const { callback } = await harness.command('ask', [{ name: 'question', type: String, value: question }], alice);
  return `${callbackData(callback).content}`;
}

describe('a question', () => {
  it('with two masked links is echoed with neither live', async () => {
    const content = await ask(`${TWO_LINKS} 火星基地`);
    expect(content).toContain('evil.two');
    expect(liveMaskedLinks(content)).toEqual([]);
  });

  it('with a lone surrogate is echoed with U+FFFD in its place', async () => {
    const content = await ask('火星\uD800基地');
    expect(content).toContain('火星\uFFFD基地');
  });
});

describe('a document line', () => {
  it('with two masked links, @everyone and a role mention is quoted inert', async () => {
    const content = await ask('官网链接');
    expect(content).toContain('evil.one');
    expect(liveMaskedLinks(content)).toEqual([]);
    expect(content).not.toMatch(/@everyone|(?<!\\)<@&/);
  });

  it('with private-use characters keeps them, neither replaced nor turned into bold', async () => {
    const content = await ask('私用区字符');
    expect(content).toContain('\uE000标记\uE001');
    expect(content).not.toContain('\uFFFD');
    expect(content).toMatch(/^> .*\*\*.*\uE000标记\uE001/m);
  });
});
