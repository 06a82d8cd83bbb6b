import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

const seeds = mkdtempSync(join(tmpdir(), 'seeds-'));
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123';

function problemOf(env: Record<string, string>): string {
  try {
    loadConfig({ SEEDS_DIR: seeds, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a configuration problem');
}

describe('configuration', () => {
  it('runs without a token (console mode) with documented defaults', () => {
    const config = loadConfig({ SEEDS_DIR: seeds });
    expect(config).toMatchObject({ discordToken: undefined, seedsDir: seeds, logLevel: 'info', cooldown: { uses: 5, windowMs: 10_000 }, reloadDebounceMs: 500 });
  });

  it('resolves SEEDS_DIR against the working folder, defaulting to seeds/', () => {
    const project = mkdtempSync(join(tmpdir(), 'project-'));
    mkdirSync(join(project, 'seeds'));
    expect(loadConfig({}, project).seedsDir).toBe(join(project, 'seeds'));
    expect(loadConfig({ SEEDS_DIR: '.' }, project).seedsDir).toBe(project);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DISCORD_TOKEN: `Bot ${TOKEN}`,
      DISCORD_CLIENT_ID: '200000000000000001',
      DISCORD_GUILD_ID: '300000000000000001',
      SEEDS_DIR: seeds,
      LOG_LEVEL: 'DEBUG',
      COOLDOWN_USES: '2',
      COOLDOWN_SECONDS: '0',
      RELOAD_DEBOUNCE_MS: '50',
      DISCORD_REST_API: 'http://127.0.0.1:9/api',
      INDEX_CACHE_DIR: '/tmp/index-cache',
    });
    expect(config).toMatchObject({
      discordToken: TOKEN,
      discordClientId: '200000000000000001',
      discordGuildId: '300000000000000001',
      logLevel: 'debug',
      cooldown: { uses: 2, windowMs: 0 },
      reloadDebounceMs: 50,
      discordRestApi: 'http://127.0.0.1:9/api',
      indexCacheDir: '/tmp/index-cache',
    });
  });

  it('keeps the index cache in .cache/index unless told otherwise, and turns it off on request', () => {
    const project = mkdtempSync(join(tmpdir(), 'project-'));
    expect(loadConfig({ SEEDS_DIR: seeds }, project).indexCacheDir).toBe(join(project, '.cache', 'index'));
    expect(loadConfig({ SEEDS_DIR: seeds, INDEX_CACHE_DIR: 'off' }).indexCacheDir).toBeUndefined();
    expect(loadConfig({ SEEDS_DIR: seeds, INDEX_CACHE_DIR: '' }).indexCacheDir).toBeUndefined();
  });

  it('rejects a malformed token without echoing it', () => {
    const secret = 'not-a-token-but-secret-looking-value';
    const message = problemOf({ DISCORD_TOKEN: secret });
    expect(message).toContain('DISCORD_TOKEN does not look like a bot token');
    expect(message).not.toContain(secret);
  });

  it('lists every problem on one line', () => {
    const message = problemOf({ DISCORD_CLIENT_ID: 'abc', DISCORD_GUILD_ID: '12', LOG_LEVEL: 'loud', COOLDOWN_USES: '0', SEEDS_DIR: join(seeds, 'missing') });
    expect(message).not.toContain('\n');
    for (const name of ['DISCORD_CLIENT_ID', 'DISCORD_GUILD_ID', 'LOG_LEVEL', 'COOLDOWN_USES', 'SEEDS_DIR']) expect(message).toContain(name);
  });

  it('reads documents only from inside the seeds folder, up to 20 MiB each, unless told otherwise', () => {
    expect(loadConfig({ SEEDS_DIR: seeds }).documentLoading).toEqual({ followSymlinks: false, maxDocumentBytes: 20 * 1024 * 1024 });
    expect(loadConfig({ SEEDS_DIR: seeds, FOLLOW_SYMLINKS: 'yes', MAX_DOCUMENT_BYTES: '1048576' }).documentLoading).toEqual({ followSymlinks: true, maxDocumentBytes: 1_048_576 });
    expect(loadConfig({ SEEDS_DIR: seeds, FOLLOW_SYMLINKS: '0' }).documentLoading.followSymlinks).toBe(false);
  });

  it('keeps state in .cache/state unless STATE_DIR says otherwise, and uses Redis only when REDIS_URL is set', () => {
    const project = mkdtempSync(join(tmpdir(), 'project-'));
    expect(loadConfig({ SEEDS_DIR: seeds }, project)).toMatchObject({ stateDir: join(project, '.cache', 'state'), redisUrl: undefined, shards: undefined });
    const configured = loadConfig({ SEEDS_DIR: seeds, STATE_DIR: 'var/state', REDIS_URL: 'rediss://:pw@cache.internal:6380/2' }, project);
    expect(configured).toMatchObject({ stateDir: join(project, 'var', 'state'), redisUrl: 'rediss://:pw@cache.internal:6380/2' });
  });

  it('rejects a REDIS_URL that is not redis:// or rediss:// without echoing it (it may hold a password)', () => {
    const message = problemOf({ SEEDS_DIR: seeds, REDIS_URL: 'http://user:hunter2@cache:6379' });
    expect(message).toBe('Configuration problem: REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://localhost:6379.');
  });

  it('reads SHARDS as "auto" or a number of shards, and ignores it in a process the sharding manager started', () => {
    expect(loadConfig({ SEEDS_DIR: seeds, SHARDS: 'AUTO' }).shards).toBe('auto');
    expect(loadConfig({ SEEDS_DIR: seeds, SHARDS: '4' }).shards).toBe(4);
    expect(problemOf({ SEEDS_DIR: seeds, SHARDS: 'many' })).toContain('SHARDS must be "auto" or a whole number of shards from 1 to 1000 (got "many")');
    expect(problemOf({ SEEDS_DIR: seeds, SHARDS: '0' })).toContain('SHARDS must be');
    // discord.js sets SHARDS to the shard's own id (here 0) in the processes it spawns.
    expect(loadConfig({ SEEDS_DIR: seeds, SHARDS: '0', SHARDING_MANAGER: 'true' }).shards).toBeUndefined();
  });

  it('names a malformed FOLLOW_SYMLINKS or MAX_DOCUMENT_BYTES', () => {
    const message = problemOf({ FOLLOW_SYMLINKS: 'maybe', MAX_DOCUMENT_BYTES: '20MB' });
    expect(message).toContain('FOLLOW_SYMLINKS must be 1 or 0');
    expect(message).toContain('MAX_DOCUMENT_BYTES must be a whole number');
  });
});

const PUBLIC_KEY = 'a'.repeat(64);
const APP_ID = '123456789012345678';

describe('HTTP interactions mode settings', () => {
  it('is off unless asked for, and on with DISCORD_PUBLIC_KEY, DISCORD_CLIENT_ID and INTERACTIONS_PORT (no token needed)', () => {
    expect(loadConfig({ SEEDS_DIR: seeds }).interactions).toBeUndefined();
    const config = loadConfig({ SEEDS_DIR: seeds, DISCORD_PUBLIC_KEY: PUBLIC_KEY.toUpperCase(), DISCORD_CLIENT_ID: APP_ID, INTERACTIONS_PORT: '8080' });
    expect(config.interactions).toEqual({ publicKey: PUBLIC_KEY, applicationId: APP_ID, port: 8080 });
    expect(config.discordToken).toBeUndefined();
  });

  it('names what is missing when only part is set', () => {
    expect(problemOf({ DISCORD_PUBLIC_KEY: PUBLIC_KEY })).toMatch(/set DISCORD_CLIENT_ID and INTERACTIONS_PORT too, or unset the others\.$/u);
    expect(problemOf({ INTERACTIONS_PORT: '8080', DISCORD_CLIENT_ID: APP_ID })).toMatch(/set DISCORD_PUBLIC_KEY too/u);
  });

  it('refuses a public key that is not 64 hex characters and a port out of range, one line each', () => {
    expect(problemOf({ DISCORD_PUBLIC_KEY: 'xyz', DISCORD_CLIENT_ID: APP_ID, INTERACTIONS_PORT: '8080' })).toMatch(/DISCORD_PUBLIC_KEY must be the application's public key, 64 hex characters/u);
    expect(problemOf({ DISCORD_PUBLIC_KEY: PUBLIC_KEY, DISCORD_CLIENT_ID: APP_ID, INTERACTIONS_PORT: '70000' })).toMatch(/INTERACTIONS_PORT must be a whole number from 1 to 65535 \(got "70000"\)/u);
    expect(problemOf({ DISCORD_PUBLIC_KEY: PUBLIC_KEY, DISCORD_CLIENT_ID: APP_ID, INTERACTIONS_PORT: '70000' }).split('\n')).toHaveLength(1);
  });
});
