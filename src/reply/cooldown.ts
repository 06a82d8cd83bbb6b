/**
 * Per-user cooldown: at most `uses` commands in any window of `windowMs`. Answers with how long
 * to wait so the bot can say so politely instead of ignoring the user.
 */

export type CooldownVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface CooldownOptions {
  uses: number;
  windowMs: number;
  now?: () => number;
  /** Users remembered at most; the longest idle are forgotten first. */
  maxUsers?: number;
}

export class Cooldown {
  private readonly recent = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly maxUsers: number;

  constructor(private readonly options: CooldownOptions) {
    this.now = options.now ?? Date.now;
    this.maxUsers = options.maxUsers ?? 10_000;
  }

  /** Records a use when allowed; a refused attempt does not extend the wait. */
  take(userId: string): CooldownVerdict {
    if (this.options.windowMs <= 0) return { allowed: true };
    const now = this.now();
    const since = now - this.options.windowMs;
    const uses = (this.recent.get(userId) ?? []).filter((at) => at > since);
    if (uses.length >= this.options.uses) {
      this.recent.set(userId, uses);
      return { allowed: false, retryAfterMs: uses[0] + this.options.windowMs - now };
    }
    uses.push(now);
    // Re-inserting keeps the Map in least-recently-active order for eviction.
    this.recent.delete(userId);
    this.recent.set(userId, uses);
    if (this.recent.size > this.maxUsers) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    return { allowed: true };
  }
}
