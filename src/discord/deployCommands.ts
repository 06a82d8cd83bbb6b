/**
 * Registers the commands with Discord: to one server when a guild id is given (instant), else
 * globally (up to an hour to show). A PUT of the full set replaces what was there, so running it
 * twice changes nothing.
 */
import { REST, Routes, type APIApplication, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import type { CommandModule } from './commandModule.ts';

export interface DeployOptions {
  token: string;
  /** The application id; asked of Discord when absent. */
  applicationId?: string;
  guildId?: string;
  restApi?: string;
  commands: ReadonlyMap<string, CommandModule>;
}

export interface DeployResult {
  applicationId: string;
  scope: 'guild' | 'global';
  names: string[];
}

export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const rest = new REST(options.restApi === undefined ? {} : { api: options.restApi }).setToken(options.token);
  const applicationId = options.applicationId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
  const body = [...options.commands.values()].map((command) => command.data.toJSON());
  const route =
    options.guildId === undefined ? Routes.applicationCommands(applicationId) : Routes.applicationGuildCommands(applicationId, options.guildId);
  const registered = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return { applicationId, scope: options.guildId === undefined ? 'global' : 'guild', names: registered.map((command) => command.name) };
}
