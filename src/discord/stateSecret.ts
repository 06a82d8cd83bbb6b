/**
 * The per-install secret that signs button custom_ids (customId.ts). STATE_SECRET when set, else a
 * random one generated once and kept in `secret` in the state folder (STATE_DIR, default
 * .cache/state or where src/config/folders.ts moves it; mode 0600), so that buttons keep working across restarts. Every process that may
 * receive a button press (replicas, shards) must sign with the same secret: the same STATE_SECRET,
 * or the same STATE_DIR. When it cannot be kept, the bot still runs with a secret of the process's
 * own: buttons from before a restart then say they are not valid.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, type Logger } from '../logging/log.ts';
import { MIN_SECRET_BYTES } from './customId.ts';

type Env = Readonly<Record<string, string | undefined>>;

const GENERATED_BYTES = 32;
const FILE_NAME = 'secret';

export interface StateSecretOptions {
  env: Env;
  folder: string;
  log: Logger;
}

function readKept(file: string, log: Logger): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('could not read the button secret; making a new one', { file, error: describeError(error) });
    return undefined;
  }
  const secret = Buffer.from(text, 'base64url');
  if (secret.length < MIN_SECRET_BYTES) {
    log.warn('the kept button secret is damaged; making a new one (buttons sent before now stop working)', { file });
    rmSync(file, { force: true });
    return undefined;
  }
  // Someone else on the machine who can read it could sign buttons: keep it to the owner.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return secret;
}

export function loadStateSecret(options: StateSecretOptions): Buffer {
  const configured = options.env.STATE_SECRET?.trim();
  if (configured !== undefined && configured !== '') {
    const secret = Buffer.from(configured, 'utf8');
    if (secret.length < MIN_SECRET_BYTES) {
      options.log.warn(`STATE_SECRET is shorter than ${MIN_SECRET_BYTES} characters, too easy to guess; it is ignored and a kept random secret is used instead`);
    } else {
      return secret;
    }
  }
  const file = join(options.folder, FILE_NAME);
  const kept = readKept(file, options.log);
  if (kept !== undefined) return kept;
  const secret = randomBytes(GENERATED_BYTES);
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(options.folder, { recursive: true, mode: 0o700 });
    writeFileSync(temp, `${secret.toString('base64url')}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    // link, unlike rename, refuses to replace: when shards or replicas start together on a new
    // folder, one secret wins and the others read it, rather than each signing with its own.
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const winner = readKept(file, options.log);
      if (winner !== undefined) return winner;
    }
    options.log.warn('could not keep the button secret; buttons will stop working at the next restart (set STATE_SECRET to avoid it)', {
      file,
      error: describeError(error),
    });
  } finally {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The folder could not be made: there is no temporary file either.
    }
  }
  return secret;
}
