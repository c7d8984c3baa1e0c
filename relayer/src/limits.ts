/** Sliding-window request counters (per requester, per IP). In memory: a restart forgives, it never loses work. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one hit for `key`; returns 0 when allowed, else the seconds until the next hit is allowed. */
  take(key: string, now = Date.now()): number {
    if (this.limit === 0) return 0;
    const since = now - this.windowMs;
    const hits = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (hits.length >= this.limit) {
      this.hits.set(key, hits);
      return Math.max(1, Math.ceil((hits[0]! + this.windowMs - now) / 1000));
    }
    hits.push(now);
    this.hits.set(key, hits);
    if (this.hits.size > 100_000) for (const [k, v] of this.hits) if (v.every((t) => t <= since)) this.hits.delete(k);
    return 0;
  }
}
