import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/vikunja/rate-limiter.js';

function createClock(startMs: number): { now: () => number; advance(ms: number): void } {
  let current = startMs;
  return { now: () => current, advance: (ms) => (current += ms) };
}

describe('createRateLimiter', () => {
  it('does not wait before any headers were seen', async () => {
    const waits: number[] = [];
    const limiter = createRateLimiter({ maxWaitMs: 10_000, onWait: (ms) => waits.push(ms) });
    for (let i = 0; i < 5; i += 1) await limiter.acquire();
    expect(waits).toEqual([]);
    expect(limiter.status().seen).toBe(false);
  });

  it('spends the remaining budget, then waits for the reset', async () => {
    const reset = 2_000_000_000;
    const clock = createClock(reset * 1000 - 20);
    const waits: number[] = [];
    const limiter = createRateLimiter({ maxWaitMs: 10_000, onWait: (ms) => waits.push(ms), now: clock.now });
    limiter.settle({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': String(reset) });
    await limiter.acquire();
    await limiter.acquire();
    expect(waits).toEqual([]);
    const started = Date.now();
    await limiter.acquire();
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(20);
    expect(waits[0]).toBeLessThan(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(waits[0]! - 5);
    expect(limiter.status()).toMatchObject({ seen: true, limit: 10 });
  });

  it('keeps the lowest Remaining of a window (answers arrive out of order)', () => {
    const limiter = createRateLimiter({ maxWaitMs: 10_000, onWait: () => {} });
    limiter.settle({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '2000000000' });
    limiter.settle({ 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': '2000000000' });
    expect(limiter.status().remaining).toBe(3);
    limiter.settle({ 'x-ratelimit-remaining': '9', 'x-ratelimit-reset': '2000000060' });
    expect(limiter.status().remaining).toBe(9);
  });

  it('counts requests still in flight against the reported Remaining', async () => {
    const limiter = createRateLimiter({ maxWaitMs: 10_000, onWait: () => {} });
    await limiter.acquire();
    await limiter.acquire();
    await limiter.acquire();
    limiter.settle({ 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '2000000000' });
    expect(limiter.status().remaining).toBe(1);
  });

  it('a 429 blocks until its reset even when Remaining was not 0', async () => {
    const reset = 2_000_000_000;
    const clock = createClock(reset * 1000 - 10);
    const reasons: string[] = [];
    const limiter = createRateLimiter({ maxWaitMs: 10_000, onWait: (_ms, reason) => reasons.push(reason), now: clock.now });
    limiter.settle({ 'x-ratelimit-remaining': '50', 'x-ratelimit-reset': String(reset) });
    limiter.blockUntil(reset);
    await limiter.acquire();
    expect(reasons).toEqual(['too-many-requests']);
  });

  it('caps a wait (clock skew) at maxWaitMs', async () => {
    const limiter = createRateLimiter({ maxWaitMs: 20, onWait: () => {}, now: () => 0 });
    limiter.settle({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2000000000' });
    const started = Date.now();
    await limiter.acquire();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
