import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStateSecret } from '../../src/discord/stateSecret.ts';
import { createLogger } from '../../src/logging/log.ts';

function setup(env: Record<string, string> = {}) {
  const folder = join(mkdtempSync(join(tmpdir(), 'answer-desk-state-')), '.cache', 'state');
  const lines: string[] = [];
  const log = createLogger({ level: 'warn', write: (line) => lines.push(line) });
  return { folder, lines, load: () => loadStateSecret({ env, folder, log }) };
}

describe('the button secret', () => {
  it('is generated once, kept in the secret file of the state folder readable by its owner only, and reused', () => {
    const { folder, lines, load } = setup();
    const first = load();
    expect(first.length).toBe(32);
    const file = join(folder, 'secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(load().equals(first)).toBe(true);
    expect(lines).toEqual([]);
  });

  it('comes from STATE_SECRET when set', () => {
    const { load } = setup({ STATE_SECRET: 'a long enough secret from the environment' });
    expect(load().toString()).toBe('a long enough secret from the environment');
  });

  it('ignores a STATE_SECRET too short to be safe, and says so', () => {
    const { lines, load } = setup({ STATE_SECRET: 'short' });
    expect(load().length).toBe(32);
    expect(lines.join('\n')).toMatch(/STATE_SECRET is shorter than 16 characters/);
  });

  it('replaces a damaged kept secret, and tightens a kept one others could read', () => {
    const { folder, lines, load } = setup();
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'secret');
    writeFileSync(file, 'x\n');
    const made = load();
    expect(lines.join('\n')).toMatch(/damaged/);
    expect(readFileSync(file, 'utf8').trim()).toBe(made.toString('base64url'));
    chmodSync(file, 0o644);
    expect(load().equals(made)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('still gives a secret when it cannot be kept, with a warning saying what that means', () => {
    const { folder, lines } = setup();
    const blocked = join(folder, '..', 'file-not-folder');
    mkdirSync(join(folder, '..'), { recursive: true });
    writeFileSync(blocked, '');
    const secret = loadStateSecret({ env: {}, folder: join(blocked, 'state'), log: createLogger({ level: 'warn', write: (line) => lines.push(line) }) });
    expect(secret.length).toBe(32);
    expect(lines.join('\n')).toMatch(/could not keep the button secret; buttons will stop working at the next restart/);
  });
});
