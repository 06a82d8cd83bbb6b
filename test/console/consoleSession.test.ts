import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { ConsoleSession, parseConsoleLine, runConsole } from '../../src/console/consoleSession.ts';
import { loadCommands } from '../../src/discord/loadCommands.ts';
import { HeldDesk } from '../discord/botHarness.ts';
import { sampleDesk } from '../reply/fakeDesk.ts';

const commands = await loadCommands();

function session(locale = 'en') {
  return new ConsoleSession({ desk: new HeldDesk(sampleDesk()), commands, style: 'plain', locale });
}

describe('console lines', () => {
  it('parses commands, and treats plain text as a question', () => {
    expect(parseConsoleLine('/ask  大模型 是什么 ')).toEqual({ name: 'ask', argument: '大模型 是什么' });
    expect(parseConsoleLine('/ABOUT')).toEqual({ name: 'about', argument: '' });
    expect(parseConsoleLine('大模型')).toEqual({ name: 'ask', argument: '大模型' });
    expect(parseConsoleLine('   ')).toBeUndefined();
  });
});

describe('the console session', () => {
  it('runs /ask through the command module and prints quotes, sources and numbered buttons', async () => {
    const { output } = await session().handleLine('/ask 大模型');
    expect(output).toContain('Results for “大模型” (1–3 of 4)');
    expect(output).toContain('  │ **大模型**是指参数规模很大的神经网络模型。');
    expect(output).toContain('  └ 模型指南, line 2');
    expect(output).toMatch(/\[3\] More$/);
  });

  it('presses a button by its number: More shows the next page', async () => {
    const console = session();
    await console.handleLine('/ask 大模型');
    const { output } = await console.handleLine('3');
    expect(output).toContain('Results for “大模型” (4–4 of 4)');
    expect((await console.handleLine('7')).output).toBe('There is no such choice under the last reply.');
  });

  it('runs /summary with a typed title, /sections and /about', async () => {
    const console = session();
    expect((await console.handleLine('/summary 部署')).output).toContain('部署大模型可以使用云服务。');
    expect((await console.handleLine('/sections')).output).toContain('Documents (2)');
    expect((await console.handleLine('/sections guide.md')).output).toContain('    - 工具 (empty)');
    expect((await console.handleLine('/about')).output).toContain('Documents: 2, sections: 4, passages: 4');
  });

  it('answers in the locale it was started with', async () => {
    expect((await session('zh_TW.UTF-8').handleLine('/ask 部署')).output).toContain('「部署」的結果');
  });

  it('says how to get help for an unknown command, and quits on /quit', async () => {
    expect((await session().handleLine('/frobnicate')).output).toBe('Unknown command /frobnicate. Type /help.');
    expect((await session().handleLine('/help')).output).toContain('/summary <section>');
    expect((await session().handleLine('/quit')).quit).toBe(true);
  });

  it('completes command names, then the command’s own autocomplete values', async () => {
    const console = session();
    expect((await console.complete('/a'))[0].sort()).toEqual(['/about ', '/ask ']);
    expect(await console.complete('/ask 大模型')).toEqual([['大模型会取代人吗？'], '大模型']);
    expect(await console.complete('/sections fa')).toEqual([['常见问题 — faq.md'], 'fa']);
    expect((await console.complete('plain text'))[0]).toEqual([]);
  });

  it('lists matches that do not start with the typed text without replacing it', async () => {
    const [offered, typed] = await session().complete('/sections .md');
    expect(typed).toBe('.md');
    expect(offered).toEqual(['.md', '模型指南 — guide.md', '常见问题 — faq.md']);
  });

  it('completes a section to its readable name and runs it as the section id autocomplete gave', async () => {
    const console = session();
    expect(await console.complete('/summary 部署')).toEqual([['部署 — 模型指南'], '部署']);
    const { output } = await console.handleLine('/summary 部署 — 模型指南');
    expect(output).toMatch(/^模型指南 › 部署\n\n部署大模型可以使用云服务。/);
  });
});

/** The console over the sample desk, its input written by the test and its output collected. */
function consoleOver(interactive: boolean): { input: PassThrough; printed: () => string; done: Promise<void> } {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const done = runConsole({ desk: new HeldDesk(sampleDesk()), commands, input, output, interactive, style: 'plain', locale: 'en' });
  return { input, printed: () => printed, done };
}

describe('the console on a pipe', () => {
  it('prints only the replies, no banner or prompt, and ends at end of input', async () => {
    const { input, printed, done } = consoleOver(false);
    input.end('/ask 部署\n1\n');
    await done;
    expect(printed()).toBe(
      'Results for “部署” (1–1 of 1)\n\n  │ **部署**大模型可以使用云服务。\n  └ 模型指南 › 部署, line 6\n\n  [1] Summary 1: 部署\n\n' +
        '模型指南 › 部署\n\n部署大模型可以使用云服务。\n  └ 模型指南 › 部署, line 5\n\n',
    );
  });
});

describe('the console at a terminal', () => {
  it('completes with Tab from the desk’s answer, and runs the completed line with the value it stands for', async () => {
    const { input, printed, done } = consoleOver(true);
    input.write('/sections fa\t');
    // Generous: it takes milliseconds, but the machine running the suite may be busy.
    const shown = (text: string) => vi.waitFor(() => expect(printed()).toContain(text), { timeout: 10_000 });
    await shown('/sections 常见问题 — faq.md');
    input.write('\r');
    await shown('Outline of 常见问题 (faq.md)\n\n  - 常见问题');
    input.write('/quit\r');
    await done;
  });
});
