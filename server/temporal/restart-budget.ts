/** How a server that stops on its own is restarted. */
export interface RestartPolicy {
  /** More restarts than this within `windowMs` and we give up: a server that keeps dying has a reason a person must see. */
  maxRestarts: number;
  windowMs: number;
  /** Wait before the first restart; doubled for each further restart within the window. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxRestarts: 5, windowMs: 10 * 60_000, firstDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * Counts restarts in a sliding window: a server that died once a day ago restarts as fast as one
 * that never died, and one that dies again and again is given up on after the policy's bound.
 */
export class RestartBudget {
  private readonly recent: number[] = [];

  constructor(private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY) {}

  /** Takes one restart at `now` and says how long to wait before it, or undefined when the budget is spent. */
  next(now: number): number | undefined {
    while (this.recent.length > 0 && (this.recent[0] ?? now) <= now - this.policy.windowMs) this.recent.shift();
    if (this.recent.length >= this.policy.maxRestarts) return undefined;
    const delay = Math.min(this.policy.firstDelayMs * 2 ** this.recent.length, this.policy.maxDelayMs);
    this.recent.push(now);
    return delay;
  }
}
