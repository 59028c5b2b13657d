/**
 * Vikunja's general rate limiter (API.md §10, §17.9): fixed window per key, memory store semantics of
 * ulule/limiter. There are three separate budgets — `/api/v1` per user, `/api/v2` per user and the public
 * `/info` per IP (see `rateLimitKey`). Every limited response carries `X-RateLimit-*` with the reset in whole
 * Unix seconds rounded DOWN (the window really ends up to a second later); over the limit is 429
 * `{"message":"Too Many Requests"}` with no `Retry-After`.
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

/** The three `X-RateLimit-*` headers; reset is Unix seconds rounded down, as Vikunja sends it. */
export function rateLimitHeaders(limit: number, remaining: number, resetMs: number): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': String(Math.floor(resetMs / 1000)),
  };
}

/**
 * The budget a request counts against (`pkg/routes/routes.go`): public routes (`/info`) per client IP,
 * `/api/v2` per user, `/api/v1` per user — three separate windows.
 */
export function rateLimitKey(input: { isPublic: boolean; isV2: boolean; userId: number; ip: string }): string {
  if (input.isPublic) return `ip:${input.ip}`;
  return `${input.isV2 ? 'v2' : 'v1'}:user:${input.userId}`;
}
