/**
 * Per-user cooldown: at most `uses` commands in a window of `windowMs` that opens with the first
 * of them. Counted in the shared component state store, so replicas and shards enforce one limit
 * together and a restart does not reset it. Answers with how long to wait so the bot can say so
 * politely instead of ignoring the user.
 */
import type { ComponentStateStore } from '../state/componentStateStore.ts';

export type CooldownVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface CooldownOptions {
  uses: number;
  windowMs: number;
}

const NAMESPACE = 'cooldown:';

export class Cooldown {
  constructor(
    private readonly options: CooldownOptions,
    private readonly store: ComponentStateStore,
  ) {}

  /** Counts a use; refused ones count too but never extend the window, so the wait only shrinks. */
  async take(userId: string): Promise<CooldownVerdict> {
    if (this.options.windowMs <= 0) return { allowed: true };
    const { count, expiresInMs } = await this.store.increment(NAMESPACE + userId, this.options.windowMs);
    return count <= this.options.uses ? { allowed: true } : { allowed: false, retryAfterMs: Math.max(1, expiresInMs) };
  }
}
