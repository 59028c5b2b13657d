/**
 * A client-side view of Vikunja's rate limit, one budget per server bucket (API.md §17.9): `/api/v1` per user,
 * `/api/v2` per user and the public `/info` per IP are counted separately by the server, so each gets its own
 * `RateLimiter` and is waited for on its own.
 *
 * Until the first answer tells the budget, one request goes alone (the others wait for its answer). Then a
 * budget spends one token per request and trusts the lowest `X-RateLimit-Remaining` seen in the current
 * window (less the requests still in flight, which the server may not have counted when it answered). When the
 * window is known to be exhausted (no tokens left, or a 429 arrived), every request waits; then exactly ONE
 * request (the probe) goes into the new window, and the others wait for its answer, so at most one request is
 * ever sent into a window that may still be exhausted. Vikunja's `X-RateLimit-Reset` is whole Unix seconds
 * rounded down — the window really ends up to a second later — so the wait runs until one full second past it.
 * A 429 whose reset is already past (the rounding caught the probe) backs off 1 s, 2 s, 4 s … before the next
 * probe: never a burst at the boundary.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** The rate limit as last reported by the server for one bucket. */
export interface RateLimitStatus {
  /** Whether any response carried rate-limit headers. */
  seen: boolean;
  limit: number | undefined;
  remaining: number | undefined;
  /** Unix seconds at which the current window resets (as the server rounds it: down). */
  reset: number | undefined;
}

/** Options for `createRateLimiter`. */
export interface RateLimiterOptions {
  /** Longest single wait, protecting against clock skew between client and server. */
  maxWaitMs: number;
  /** Called before each wait with its length. */
  onWait(waitMs: number, reason: 'exhausted' | 'too-many-requests'): void;
  now?: () => number;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** What `acquire` hands out; pass it back to `settle`. */
export interface RateLimitTicket {
  /** This request is the one probe sent into a window that was known to be exhausted. */
  probe: boolean;
}

/** One budget the transport consults before each request of its bucket. */
export interface RateLimiter {
  /** Resolves when a request may be sent, spending one token. Pair every call with one `settle`. */
  acquire(): Promise<RateLimitTicket>;
  /** The request finished: reads the rate-limit headers of its response (undefined: no response), and its status. */
  settle(ticket: RateLimitTicket, headers: Readonly<Record<string, string | string[] | undefined>> | undefined, status?: number): void;
  status(): RateLimitStatus;
}

/** The server rounds the reset down: the window ends up to this much after the second it names. */
export const RESET_ROUNDING_MS = 1_000;
/** A little more, for the request's own travel time. */
const RESET_MARGIN_MS = 50;
/** Resets this close together belong to the same window. */
const SAME_WINDOW_MS = 1_000;
/** Backoff after a 429 whose reset was already past: 1 s, doubling, at most this. */
const MAX_BACKOFF_MS = 30_000;

function readNumber(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): number | undefined {
  const raw = headers[name];
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Creates one budget; it starts unlimited and learns the limit from response headers. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? ((ms: number) => sleep(ms));
  let seen = false;
  let limit: number | undefined;
  let remaining: number | undefined;
  let resetSeconds: number | undefined;
  let inFlight = 0;
  let exhaustedReason: 'exhausted' | 'too-many-requests' = 'exhausted';
  /** Earliest time the next probe may go (backoff after a 429 that named a past reset). */
  let notBeforeMs = 0;
  let consecutive429 = 0;
  /**
   * Whether an answer told us the budget (or that there is none). Until then one request goes first and the
   * others wait for its answer, so a burst of parallel calls at start cannot overrun an unknown small limit.
   */
  let learned = false;
  /** Set while the probe is out: everyone else waits for its answer. */
  let probeSettled: Promise<void> | undefined;
  let releaseProbe: (() => void) | undefined;

  const isExhausted = (): boolean => remaining !== undefined && remaining <= 0;

  return {
    async acquire() {
      for (;;) {
        if (probeSettled !== undefined) {
          await probeSettled;
          continue;
        }
        if (!learned) {
          probeSettled = new Promise<void>((resolve) => {
            releaseProbe = resolve;
          });
          inFlight += 1;
          return { probe: true };
        }
        if (!isExhausted()) {
          if (remaining !== undefined) remaining -= 1;
          inFlight += 1;
          return { probe: false };
        }
        // Exhausted: become the probe; wait until the window has surely reset and any backoff has passed.
        probeSettled = new Promise<void>((resolve) => {
          releaseProbe = resolve;
        });
        const resetAt = resetSeconds === undefined ? 0 : resetSeconds * 1000 + RESET_ROUNDING_MS + RESET_MARGIN_MS;
        const waitMs = Math.max(resetAt, notBeforeMs) - now();
        if (waitMs > 0) {
          options.onWait(waitMs, exhaustedReason);
          await wait(Math.min(waitMs, options.maxWaitMs));
        }
        inFlight += 1;
        return { probe: true };
      }
    },
    settle(ticket, headers, status) {
      inFlight = Math.max(0, inFlight - 1);
      if (headers !== undefined) learned = true;
      const finishProbe = (): void => {
        if (!ticket.probe) return;
        const release = releaseProbe;
        probeSettled = undefined;
        releaseProbe = undefined;
        release?.();
      };
      const headerLimit = headers === undefined ? undefined : readNumber(headers, 'x-ratelimit-limit');
      const headerRemaining = headers === undefined ? undefined : readNumber(headers, 'x-ratelimit-remaining');
      const headerReset = headers === undefined ? undefined : readNumber(headers, 'x-ratelimit-reset');
      if (headerLimit !== undefined || headerRemaining !== undefined || headerReset !== undefined) seen = true;
      if (headerLimit !== undefined) limit = headerLimit;
      if (status === 429) {
        consecutive429 += 1;
        remaining = 0;
        exhaustedReason = 'too-many-requests';
        if (headerReset !== undefined) resetSeconds = Math.max(resetSeconds ?? 0, headerReset);
        const resetAt = (resetSeconds ?? 0) * 1000 + RESET_ROUNDING_MS + RESET_MARGIN_MS;
        const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (consecutive429 - 1));
        // A reset still ahead is waited for as such; one already past means the rounding caught us: back off.
        // Either way the next probe goes at least a second after this 429.
        notBeforeMs = Math.max(resetAt, now() + backoff);
        finishProbe();
        return;
      }
      if (headers !== undefined && status !== undefined) consecutive429 = 0;
      if (ticket.probe && (headerRemaining === undefined || headers === undefined)) {
        // The probe got an answer without a budget (or none at all): the window is open as far as we know.
        if (headers !== undefined) {
          remaining = limit === undefined ? undefined : limit - inFlight - 1;
          resetSeconds = headerReset ?? resetSeconds;
        }
      }
      if (headerRemaining !== undefined) {
        const estimate = headerRemaining - inFlight;
        const newWindow =
          headerReset !== undefined && (resetSeconds === undefined || (headerReset - resetSeconds) * 1000 >= SAME_WINDOW_MS);
        remaining = newWindow || remaining === undefined || ticket.probe ? estimate : Math.min(remaining, estimate);
        if (headerReset !== undefined && (resetSeconds === undefined || headerReset > resetSeconds || ticket.probe)) {
          resetSeconds = headerReset;
        }
        if (remaining <= 0) exhaustedReason = 'exhausted';
      }
      finishProbe();
    },
    status() {
      return { seen, limit, remaining, reset: resetSeconds };
    },
  };
}

/** The server's rate-limit buckets (API.md §17.9). */
export type RateLimitBucket = 'v1' | 'v2' | 'info';

/** Which bucket a request counts against: `/info` (either root) per IP, else its API root per user. */
export function rateLimitBucketOf(api: 'v1' | 'v2', path: string): RateLimitBucket {
  if (path === '/info' || path.startsWith('/info?')) return 'info';
  return api;
}
