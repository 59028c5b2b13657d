/**
 * Vikunja's general rate limiter (API.md §10): fixed window per key (user id, or IP for public routes),
 * memory store semantics of ulule/limiter. Every limited response carries `X-RateLimit-*`; over the
 * limit is 429 `{"message":"Too Many Requests"}` with no `Retry-After`.
 */

/** The outcome of counting one request. */
export interface RateLimitResult {
  allowed: boolean;
  headers: Record<string, string>;
}

interface Window {
  count: number;
  resetMs: number;
}

/** A fixed-window limiter. */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly periodSeconds: number,
    private readonly clock: () => number,
  ) {}

  /** Counts one request for `key`. */
  hit(key: string): RateLimitResult {
    const now = this.clock();
    let window = this.windows.get(key);
    if (window === undefined || now >= window.resetMs) {
      window = { count: 0, resetMs: now + this.periodSeconds * 1000 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return {
      allowed: window.count <= this.limit,
      headers: rateLimitHeaders(this.limit, Math.max(this.limit - window.count, 0), window.resetMs),
    };
  }
}

/** The three `X-RateLimit-*` headers; reset is Unix seconds. */
export function rateLimitHeaders(limit: number, remaining: number, resetMs: number): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': String(Math.ceil(resetMs / 1000)),
  };
}
