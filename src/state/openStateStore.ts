/** The store the configuration asks for: Redis when REDIS_URL is set, else the STATE_DIR folder. */
import { present, type Env } from '../config/envValues.ts';
import { describeError, type Logger } from '../logging/log.ts';
import { StateStoreError, type ComponentStateStore } from './componentStateStore.ts';
import { DiskStateStore } from './diskStateStore.ts';
import { RedisStateStore } from './redisStateStore.ts';

export interface StateStoreConfig {
  /** Absolute path of the state folder (STATE_DIR, default .cache/state); the secret lives here too. */
  stateDir: string;
  redisUrl?: string;
}

export async function openStateStore(config: StateStoreConfig, log: Logger, env: Env = process.env): Promise<ComponentStateStore> {
  const store = config.redisUrl !== undefined ? await RedisStateStore.open({ url: config.redisUrl, log }) : await DiskStateStore.open({ folder: config.stateDir, log });
  log.info('component state store opened', { store: store.description });
  if (config.redisUrl !== undefined && present(env.STATE_SECRET) === undefined) {
    // Redis is for replicas on several machines; they only accept each other's buttons when they sign alike.
    log.warn('REDIS_URL is set but STATE_SECRET is not: replicas on other machines need the same STATE_SECRET (or a shared STATE_DIR), or their buttons are refused as not valid');
  }
  return store;
}

/** The one line a start that could not open the store ends with. */
export function describeStateStoreFailure(error: unknown): string {
  return `Could not open the component state store: ${error instanceof StateStoreError ? error.message : describeError(error)}`;
}
