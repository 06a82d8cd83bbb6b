/**
 * The run-time folders' defaults: .cache in the working directory when it can be written, else
 * the user's cache folder, else an own folder in the temp folder; INDEX_CACHE_DIR and STATE_DIR
 * used exactly as given. "Cannot be written" is made two ways: a .cache that is a file (works as
 * root too) and a read-only working directory (chmod; skipped where chmod does not stop writes,
 * as for root).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { indexCacheFolderFrom, runTimeBaseFrom, stateFolderFrom } from '../../src/config/folders.ts';
import { MAIN, spawnEntry } from '../discord/spawnMain.ts';

const SEEDS = new URL('../../seeds/', import.meta.url).pathname;

function folder(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `answer-desk-${prefix}-`));
}

/** A working directory whose .cache cannot be made: a file stands where the folder would go. */
function blockedProject(): string {
  const project = folder('blocked');
  writeFileSync(join(project, '.cache'), 'not a folder');
  return project;
}

describe('the run-time folders', () => {
  it('are .cache/index and .cache/state in the working directory when it can be written', () => {
    const project = folder('project');
    expect(runTimeBaseFrom({ HOME: folder('home') }, project)).toEqual({ path: join(project, '.cache'), passedOver: [] });
    const config = loadConfig({ SEEDS_DIR: SEEDS, HOME: folder('home') }, project);
    expect(config).toMatchObject({ indexCacheDir: join(project, '.cache', 'index'), stateDir: join(project, '.cache', 'state') });
    expect(config.runTimeFolderFallback).toBeUndefined();
    // Probing made nothing.
    expect(readdirSync(project)).toEqual([]);
  });

  it('move to $XDG_CACHE_HOME/answer-desk when the working directory’s .cache cannot be written, and say why', () => {
    const project = blockedProject();
    const xdg = folder('xdg');
    const config = loadConfig({ SEEDS_DIR: SEEDS, XDG_CACHE_HOME: xdg, HOME: folder('home') }, project);
    expect(config).toMatchObject({ indexCacheDir: join(xdg, 'answer-desk', 'index'), stateDir: join(xdg, 'answer-desk', 'state') });
    expect(config.runTimeFolderFallback).toBe(`${join(project, '.cache')} cannot be written (${join(project, '.cache')} is not a folder)`);
  });

  it('then to ~/.cache/answer-desk (a relative XDG_CACHE_HOME is ignored, as the XDG spec says)', () => {
    const home = folder('home');
    const base = runTimeBaseFrom({ HOME: home, XDG_CACHE_HOME: 'relative/cache' }, blockedProject());
    expect(base.path).toBe(join(home, '.cache', 'answer-desk'));
    expect(base.passedOver).toHaveLength(1);
  });

  it('then to a folder of this user’s own in the temp folder', () => {
    const blockedHome = blockedProject();
    const base = runTimeBaseFrom({ HOME: blockedHome, XDG_CACHE_HOME: join(blockedProject(), '.cache', 'xdg') }, blockedProject());
    const uid = process.getuid?.();
    expect(base.path).toBe(join(tmpdir(), uid === undefined ? 'answer-desk' : `answer-desk-${uid}`));
    if (uid !== undefined) expect(statSync(base.path).uid).toBe(uid);
    expect(base.passedOver.map(({ path }) => path)).toHaveLength(3);
  });

  it('move when the working directory is read-only', (context) => {
    const project = folder('read-only');
    chmodSync(project, 0o555);
    try {
      try {
        writeFileSync(join(project, 'probe'), '');
        context.skip(); // chmod does not stop this user (root): the .cache-is-a-file case covers it
      } catch {
        // Read-only indeed.
      }
      const home = folder('home');
      const base = runTimeBaseFrom({ HOME: home }, project);
      expect(base.path).toBe(join(home, '.cache', 'answer-desk'));
      expect(base.passedOver[0].reason).toContain('EACCES');
    } finally {
      chmodSync(project, 0o755);
    }
  });

  it('INDEX_CACHE_DIR and STATE_DIR are used as given, writable or not, and then nothing is probed', () => {
    const project = blockedProject();
    const env = { SEEDS_DIR: SEEDS, INDEX_CACHE_DIR: '.cache/index', STATE_DIR: 'var/state' };
    const config = loadConfig(env, project);
    expect(config).toMatchObject({ indexCacheDir: join(project, '.cache', 'index'), stateDir: join(project, 'var', 'state') });
    expect(config.runTimeFolderFallback).toBeUndefined();
    expect(indexCacheFolderFrom({ INDEX_CACHE_DIR: 'off' }, project)).toBeUndefined();
    expect(stateFolderFrom({ STATE_DIR: '/srv/state' }, project)).toBe('/srv/state');
    // With only one of them set, the other still gets its default.
    const home = folder('home');
    expect(loadConfig({ SEEDS_DIR: SEEDS, INDEX_CACHE_DIR: 'off', HOME: home }, project).stateDir).toBe(join(home, '.cache', 'answer-desk', 'state'));
  });

  it('npm start from a folder that cannot be written: one info line names the folders and why, and the cache is written there', async () => {
    const project = blockedProject();
    const home = folder('home');
    mkdirSync(join(home, '.cache'));
    const run = spawnEntry(MAIN, ['--console'], { SEEDS_DIR: SEEDS, HOME: home, LOG_LEVEL: 'info' }, '/about\n', 60_000, project);
    const { code, stdout, stderr } = await run.finished;
    expect(code).toBe(0);
    expect(stdout).toContain('Documents: 5');
    const cache = join(home, '.cache', 'answer-desk');
    const lines = stderr.split('\n').filter((line) => line.includes('run-time folders'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`INFO run-time folders indexCache=${join(cache, 'index')} state=${join(cache, 'state')}`);
    expect(lines[0]).toContain('is not a folder');
    expect(existsSync(join(cache, 'index'))).toBe(true);
  }, 90_000);
});
