/**
 * The store in Redis (REDIS_URL), for replicas on several machines: plain keys with a PX expiry,
 * and counters through one Lua script (INCR, and PEXPIRE only on the first), which Redis runs
 * atomically. Commands fail after a short time when Redis is unreachable instead of queueing
 * forever: the user then gets "something went wrong", and the client keeps reconnecting.
 */
import { Redis } from 'ioredis';
import { describeError, type Logger } from '../logging/log.ts';
import { StateStoreError, type ComponentStateStore, type CounterReading } from './componentStateStore.ts';

export interface RedisStateStoreOptions {
  url: string;
  log: Logger;
  /** Namespaces the keys, so one Redis can serve other programs too. */
  keyPrefix?: string;
}

const INCREMENT_WITH_EXPIRY = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

/** host:port of a Redis URL: never the password a URL may carry. */
export function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'redis';
  }
}

export class RedisStateStore implements ComponentStateStore {
  readonly description: string;

  private constructor(
    private readonly client: Redis,
    address: string,
  ) {
    this.description = `redis (${address})`;
  }

  /** Connects, and rejects with a StateStoreError when Redis cannot be reached now. */
  static async open(options: RedisStateStoreOptions): Promise<RedisStateStore> {
    const address = redisAddress(options.url);
    let connectedBefore = false;
    let lastError: unknown;
    const client = new Redis(options.url, {
      lazyConnect: true,
      // Reconnect after an outage, but not at start: an unreachable Redis then fails at once.
      retryStrategy: (attempt) => (connectedBefore ? Math.min(attempt * 200, 2_000) : null),
      keyPrefix: options.keyPrefix ?? 'answer-desk:',
      maxRetriesPerRequest: 1,
      commandTimeout: 2_000,
      connectTimeout: 5_000,
    });
    // One line per outage, not one per reconnection attempt; a failure to connect at start is
    // the rejection below, not a warning.
    let down = true;
    client.on('error', (error: unknown) => {
      lastError = error;
      if (down) return;
      down = true;
      options.log.warn('lost the connection to redis; buttons and cooldowns fail until it is back', { redis: address, error: describeError(error) });
    });
    client.on('ready', () => {
      if (connectedBefore) options.log.info('connected to redis again', { redis: address });
      connectedBefore = true;
      down = false;
    });
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      const reason = lastError ?? error;
      throw new StateStoreError(`cannot connect to redis at ${address} (REDIS_URL): ${reason instanceof Error ? reason.message : String(reason)}`);
    }
    return new RedisStateStore(client, address);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.client.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await this.client.del(key);
  }

  async increment(key: string, ttlMs: number): Promise<CounterReading> {
    const reply = await this.client.eval(INCREMENT_WITH_EXPIRY, 1, key, Math.max(1, Math.ceil(ttlMs)));
    if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
      throw new StateStoreError(`redis answered the counter script with ${JSON.stringify(reply)}`);
    }
    // PTTL is -1 when the key has no expiry (someone set it by hand): treat it as a fresh window.
    return { count: reply[0], expiresInMs: reply[1] >= 0 ? reply[1] : ttlMs };
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
