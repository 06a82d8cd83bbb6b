/**
 * Collects commands/<name>.ts modules, as in the discord.js guide: each file exports `data` and
 * `execute` (and `autocomplete`, `run`, `suggest` where it has them).
 */
import { readdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { BUILD_DIR, PACKAGE_ROOT, RUNNING_FROM_SOURCE } from '../config/install.ts';
import type { CommandModule } from './commandModule.ts';

/** commands/*.ts when running from source; their compiled twins in dist/commands/ under `npm start`. */
export const COMMANDS_DIR = join(RUNNING_FROM_SOURCE ? PACKAGE_ROOT : BUILD_DIR, 'commands');

function isCommandModule(value: unknown): value is CommandModule {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof CommandModule, unknown>>;
  const data = candidate.data as { name?: unknown; toJSON?: unknown } | undefined;
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof data.name === 'string' &&
    typeof data.toJSON === 'function' &&
    typeof candidate.execute === 'function' &&
    (candidate.autocomplete === undefined || typeof candidate.autocomplete === 'function')
  );
}

/** The command modules by command name; throws on a malformed module or a duplicate name. */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Map<string, CommandModule>> {
  const files = (await readdir(dir)).filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts')).sort();
  const commands = new Map<string, CommandModule>();
  for (const file of files) {
    const loaded: unknown = await import(pathToFileURL(join(dir, file)).href);
    if (!isCommandModule(loaded)) throw new Error(`commands/${file} must export data (a command builder) and execute`);
    if (commands.has(loaded.data.name)) throw new Error(`commands/${file} repeats the command name ${loaded.data.name}`);
    commands.set(loaded.data.name, loaded);
  }
  return commands;
}
