import { describe, expect, it } from 'vitest';
import { createRateLimiter, rateLimitBucketOf, type RateLimiterOptions } from '../../../src/vikunja/rate-limiter.js';

/** A manual clock whose sleeps advance it (no real waiting). */
function createClock(startMs: number): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let current = startMs;
  const slept: number[] = [];
  return {
    now: () => current,
    sleep: async (ms) => {
      slept.push(ms);
      current += ms;
    },
    slept,
  };
}

function limiterOn(clock: ReturnType<typeof createClock>, over: Partial<RateLimiterOptions> = {}) {
  const waits: { ms: number; reason: string }[] = [];
  const limiter = createRateLimiter({
    maxWaitMs: 120_000,
    onWait: (ms, reason) => waits.push({ ms, reason }),
    now: clock.now,
    sleep: clock.sleep,
    ...over,
  });
  return { limiter, waits };
}

const headers = (remaining: number, reset: number, limit = 10) => ({
  'x-ratelimit-limit': String(limit),
  'x-ratelimit-remaining': String(remaining),
  'x-ratelimit-reset': String(reset),
});

describe('createRateLimiter', () => {
  it('sends one request first; when its answer carries no rate-limit headers, never waits again', async () => {
    const clock = createClock(0);
    const { limiter, waits } = limiterOn(clock);
    const first = await limiter.acquire();
    let secondStarted = false;
    const second = limiter.acquire().then((t) => ((secondStarted = true), t));
    await Promise.resolve();
    expect(secondStarted).toBe(false);
    limiter.settle(first, {}, 200);
    await second;
    for (let i = 0; i < 5; i += 1) await limiter.acquire();
    expect(waits).toEqual([]);
    expect(limiter.status().seen).toBe(false);
  });

  it('spends the budget, then waits until one second past the rounded-down reset', async () => {
    const reset = 2_000_000_000;
    const clock = createClock(reset * 1000 - 20);
    const { limiter, waits } = limiterOn(clock);
    limiter.settle(await limiter.acquire(), headers(2, reset), 200);
    await limiter.acquire();
    await limiter.acquire();
    expect(waits).toEqual([]);
    const probe = await limiter.acquire();
    expect(probe.probe).toBe(true);
    // The window may end up to a second after the second the header names.
    expect(clock.now()).toBeGreaterThanOrEqual(reset * 1000 + 1000);
    expect(waits).toHaveLength(1);
  });

  it('lets exactly one request into a window known to be exhausted; the rest wait for its answer', async () => {
    const reset = 2_000_000_000;
    const clock = createClock(reset * 1000 - 500);
    const { limiter } = limiterOn(clock);
    limiter.settle(await limiter.acquire(), headers(0, reset), 200);
    const order: string[] = [];
    const first = limiter.acquire().then((t) => (order.push('probe'), t));
    const second = limiter.acquire().then((t) => (order.push('second'), t));
    const probe = await first;
    await Promise.resolve();
    expect(order).toEqual(['probe']);
    limiter.settle(probe, headers(9, reset + 60), 200);
    expect((await second).probe).toBe(false);
    expect(order).toEqual(['probe', 'second']);
  });

  it('after a 429 that names an already-past reset, backs off 1 s, 2 s, 4 s — never a burst', async () => {
    const reset = 2_000_000_000;
    const clock = createClock(reset * 1000 + 300);
    const { limiter } = limiterOn(clock);
    const sentAt: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const ticket = await limiter.acquire();
      sentAt.push(clock.now());
      limiter.settle(ticket, headers(0, reset), 429);
    }
    const ticket = await limiter.acquire();
    sentAt.push(clock.now());
    const gaps = sentAt.slice(1).map((at, i) => at - sentAt[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(1000);
    expect(gaps[1]).toBeGreaterThanOrEqual(2000);
    expect(gaps[2]).toBeGreaterThanOrEqual(4000);
    limiter.settle(ticket, headers(9, reset + 60), 200);
    const next = await limiter.acquire();
    expect(next.probe).toBe(false);
  });

  it('a 429 blocks until past its reset even when Remaining was not 0', async () => {
    const reset = 2_000_000_000;
    const clock = createClock(reset * 1000 - 10_000);
    const { limiter, waits } = limiterOn(clock);
    limiter.settle(await limiter.acquire(), headers(50, reset), 200);
    limiter.settle(await limiter.acquire(), headers(0, reset), 429);
    await limiter.acquire();
    expect(waits.map((w) => w.reason)).toEqual(['too-many-requests']);
    expect(clock.now()).toBeGreaterThanOrEqual(reset * 1000 + 1000);
  });

  it('keeps the lowest Remaining of a window (answers arrive out of order)', async () => {
    const clock = createClock(0);
    const { limiter } = limiterOn(clock);
    limiter.settle({ probe: false }, { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '2000000000' }, 200);
    limiter.settle({ probe: false }, { 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': '2000000000' }, 200);
    expect(limiter.status().remaining).toBe(3);
    limiter.settle({ probe: false }, { 'x-ratelimit-remaining': '9', 'x-ratelimit-reset': '2000000060' }, 200);
    expect(limiter.status().remaining).toBe(9);
  });

  it('counts requests still in flight against the reported Remaining', async () => {
    const clock = createClock(0);
    const { limiter } = limiterOn(clock);
    limiter.settle(await limiter.acquire(), headers(5, 2_000_000_000, 5), 200);
    const first = await limiter.acquire();
    await limiter.acquire();
    await limiter.acquire();
    limiter.settle(first, headers(3, 2_000_000_000, 5), 200);
    expect(limiter.status().remaining).toBe(1);
  });

  it('caps a wait (clock skew) at maxWaitMs', async () => {
    const clock = createClock(0);
    const { limiter } = limiterOn(clock, { maxWaitMs: 20 });
    limiter.settle({ probe: false }, headers(0, 2_000_000_000), 200);
    await limiter.acquire();
    expect(clock.slept).toEqual([20]);
  });

  it('names three buckets: /info, /api/v1, /api/v2', () => {
    expect(rateLimitBucketOf('v1', '/info')).toBe('info');
    expect(rateLimitBucketOf('v2', '/info')).toBe('info');
    expect(rateLimitBucketOf('v1', '/projects')).toBe('v1');
    expect(rateLimitBucketOf('v2', '/tasks/1')).toBe('v2');
  });
});
