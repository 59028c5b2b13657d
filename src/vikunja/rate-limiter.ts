/**
 * A client-side token bucket that follows the server's `X-RateLimit-Limit/Remaining/Reset` headers: it
 * spends one token per request, trusts the lowest `Remaining` seen in the current window (less the other
 * requests still in flight, which the server may not have counted when it answered), and when the bucket
 * is empty (or a 429 arrived) holds every request until the window resets.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** The rate limit as last reported by the server. */
export interface RateLimitStatus {
  /** Whether any response carried rate-limit headers. */
  seen: boolean;
  limit: number | undefined;
  remaining: number | undefined;
  /** Unix seconds at which the current window resets. */
  reset: number | undefined;
}

/** Options for `createRateLimiter`. */
export interface RateLimiterOptions {
  /** Longest single wait, protecting against clock skew between client and server. */
  maxWaitMs: number;
  /** Called before each wait with its length. */
  onWait(waitMs: number, reason: 'exhausted' | 'too-many-requests'): void;
  now?: () => number;
}

/** The rate limiter the transport consults before each request. */
export interface RateLimiter {
  /** Resolves when a request may be sent, spending one token. Pair every call with one `settle`. */
  acquire(): Promise<void>;
  /** The request finished: reads the rate-limit headers of its response, when there was one. */
  settle(headers: Readonly<Record<string, string | string[] | undefined>> | undefined): void;
  /** Holds all requests until this Unix second (a 429 said so). */
  blockUntil(resetSeconds: number): void;
  status(): RateLimitStatus;
}

/** Margin added to the server's reset second so the first request lands in the new window. */
const RESET_MARGIN_MS = 50;
/** Resets this close together belong to the same window. */
const SAME_WINDOW_MS = 1_000;

function readNumber(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): number | undefined {
  const raw = headers[name];
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Creates a rate limiter that starts unlimited and learns the budget from response headers. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  let seen = false;
  let limit: number | undefined;
  let remaining: number | undefined;
  let resetSeconds: number | undefined;
  let blockedReason: 'exhausted' | 'too-many-requests' = 'exhausted';
  let inFlight = 0;

  function computeResetAtMs(): number | undefined {
    return resetSeconds === undefined ? undefined : resetSeconds * 1000 + RESET_MARGIN_MS;
  }

  return {
    async acquire() {
      const until = computeResetAtMs();
      if (remaining !== undefined && remaining <= 0 && until !== undefined) {
        const waitMs = until - now();
        if (waitMs > 0) {
          options.onWait(waitMs, blockedReason);
          await sleep(Math.min(waitMs, options.maxWaitMs));
        }
        // The window has reset (unless another waiter already started the new one): full budget again,
        // or unknown until the next answer when the server never said its limit.
        if (remaining !== undefined && remaining <= 0) {
          remaining = limit;
          resetSeconds = undefined;
        }
      }
      if (remaining !== undefined) remaining -= 1;
      inFlight += 1;
    },
    settle(headers) {
      inFlight = Math.max(0, inFlight - 1);
      if (headers === undefined) return;
      const headerLimit = readNumber(headers, 'x-ratelimit-limit');
      const headerRemaining = readNumber(headers, 'x-ratelimit-remaining');
      const headerReset = readNumber(headers, 'x-ratelimit-reset');
      if (headerLimit === undefined && headerRemaining === undefined && headerReset === undefined) return;
      seen = true;
      if (headerLimit !== undefined) limit = headerLimit;
      if (headerRemaining === undefined) return;
      const estimate = headerRemaining - inFlight;
      const newWindow =
        headerReset !== undefined && (resetSeconds === undefined || (headerReset - resetSeconds) * 1000 >= SAME_WINDOW_MS);
      remaining = newWindow || remaining === undefined ? estimate : Math.min(remaining, estimate);
      if (headerReset !== undefined && (resetSeconds === undefined || headerReset > resetSeconds)) resetSeconds = headerReset;
      if (remaining <= 0) blockedReason = 'exhausted';
    },
    blockUntil(reset) {
      remaining = 0;
      resetSeconds = resetSeconds === undefined ? reset : Math.max(resetSeconds, reset);
      blockedReason = 'too-many-requests';
    },
    status() {
      return { seen, limit, remaining, reset: resetSeconds };
    },
  };
}
