/**
 * The folders every entry point needs, one rule each: where the documents are, where the index
 * cache goes and where the bot keeps its state. The bot's configuration and the CLI read them here.
 *
 * The two run-time folders default to .cache/index and .cache/state in the working directory, as
 * they always have: an existing install keeps its cache and, above all, its button secret (a new
 * one would make every button already posted say it is not valid), and replicas started from one
 * folder keep sharing them. Only when that .cache cannot be written (an image run as a non-root
 * user from a root-owned folder, a read-only checkout) do they move, to the first writable of
 * $XDG_CACHE_HOME/answer-desk, ~/.cache/answer-desk and the temp folder (answer-desk-<uid>, only
 * if this user owns it). Moving the default there outright would have broken the first two for
 * everyone to fix the case of a few. INDEX_CACHE_DIR and STATE_DIR, when set, are used as given.
 */
import { accessSync, constants, lstatSync, mkdirSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { present, type Env } from './envValues.ts';

const APP_FOLDER = 'answer-desk';

/** The documents folder: an explicit flag, else SEEDS_DIR, else seeds/ — relative to cwd. */
export function seedsFolderFrom(env: Env, cwd: string, flag?: string): string {
  return resolve(cwd, present(flag) ?? present(env.SEEDS_DIR) ?? 'seeds');
}

/** Where the default run-time folders go, and the places passed over on the way, with why. */
export interface RunTimeBase {
  path: string;
  passedOver: Array<{ path: string; reason: string }>;
}

/** Why files cannot be made in `folder` (or in it once made), or undefined when they can. */
function unwritable(folder: string): string | undefined {
  // The nearest part of the path that exists decides: probing makes no folder that is not used.
  let existing = folder;
  for (;;) {
    try {
      lstatSync(existing);
      break;
    } catch {
      if (dirname(existing) === existing) return 'no part of the path exists';
      existing = dirname(existing);
    }
  }
  try {
    if (!statSync(existing).isDirectory()) return `${existing} is not a folder`;
    accessSync(existing, constants.W_OK);
    return undefined;
  } catch (error) {
    return `${existing}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
}

/**
 * The shared temp folder is writable by everyone: a folder there is used only once it is this
 * user's own (made here with mode 0700, or made earlier by this user), so no one else can plant a
 * button secret in it.
 */
function ownTempFolder(): string | { reason: string } {
  const uid = process.getuid?.();
  const folder = join(tmpdir(), uid === undefined ? APP_FOLDER : `${APP_FOLDER}-${uid}`);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stats = statSync(folder);
    if (uid !== undefined && stats.uid !== uid) return { reason: `${folder} belongs to another user` };
    accessSync(folder, constants.W_OK);
    return folder;
  } catch (error) {
    return { reason: `${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}

/** The folder under which index/ and state/ go when no variable names them (see the top of this file). */
export function runTimeBaseFrom(env: Env, cwd: string): RunTimeBase {
  const xdg = present(env.XDG_CACHE_HOME);
  const home = present(env.HOME) ?? homedir();
  const candidates = [
    resolve(cwd, '.cache'),
    // The XDG spec ignores a relative XDG_CACHE_HOME.
    ...(xdg !== undefined && isAbsolute(xdg) ? [join(xdg, APP_FOLDER)] : []),
    ...(home !== '' ? [join(home, '.cache', APP_FOLDER)] : []),
  ];
  const passedOver: RunTimeBase['passedOver'] = [];
  for (const candidate of candidates) {
    const reason = unwritable(candidate);
    if (reason === undefined) return { path: candidate, passedOver };
    passedOver.push({ path: candidate, reason });
  }
  const temp = ownTempFolder();
  if (typeof temp === 'string') return { path: temp, passedOver };
  passedOver.push({ path: join(tmpdir(), APP_FOLDER), reason: temp.reason });
  // Nothing is writable: keep the usual place; the cache and the secret then say what failed when used.
  return { path: candidates[0], passedOver };
}

/** True when INDEX_CACHE_DIR turns the cache off ("off" or an empty value). */
function cacheTurnedOff(env: Env): boolean {
  const configured = env.INDEX_CACHE_DIR;
  return configured !== undefined && (configured.trim() === '' || configured.trim().toLowerCase() === 'off');
}

/** Whether either run-time folder falls back to its default (and so needs runTimeBaseFrom). */
export function usesDefaultRunTimeFolder(env: Env): boolean {
  return (!cacheTurnedOff(env) && env.INDEX_CACHE_DIR === undefined) || present(env.STATE_DIR) === undefined;
}

/**
 * The index cache folder: INDEX_CACHE_DIR, else index/ in the run-time base (.cache/index when
 * it can be written); "off" (or an empty value) turns the cache off. The cache only ever speeds
 * up a start: a stale or damaged one is rebuilt.
 */
export function indexCacheFolderFrom(env: Env, cwd: string, base?: RunTimeBase): string | undefined {
  if (cacheTurnedOff(env)) return undefined;
  const configured = env.INDEX_CACHE_DIR?.trim();
  if (configured !== undefined) return resolve(cwd, configured);
  return join((base ?? runTimeBaseFrom(env, cwd)).path, 'index');
}

/**
 * The state folder: STATE_DIR, else state/ in the run-time base (.cache/state when it can be
 * written). The button secret lives here, and without REDIS_URL the state behind buttons and the
 * cooldowns too; replicas on one machine or volume share it.
 */
export function stateFolderFrom(env: Env, cwd: string, base?: RunTimeBase): string {
  const configured = present(env.STATE_DIR);
  if (configured !== undefined) return resolve(cwd, configured);
  return join((base ?? runTimeBaseFrom(env, cwd)).path, 'state');
}

/** The one line's worth of why the defaults are not under the working directory's .cache, if they are not. */
export function describePassedOver(base: RunTimeBase): string | undefined {
  if (base.passedOver.length === 0) return undefined;
  return base.passedOver.map(({ path, reason }) => `${path} cannot be written (${reason})`).join('; ');
}
