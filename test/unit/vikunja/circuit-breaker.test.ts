import { describe, expect, it } from 'vitest';
import { ServerUnavailableError } from '../../../src/core/errors.js';
import { createCircuitBreaker } from '../../../src/vikunja/circuit-breaker.js';

function createBreaker(now: () => number) {
  const events: string[] = [];
  const breaker = createCircuitBreaker({
    threshold: 3,
    cooldownMs: 1_000,
    url: 'http://localhost/vikunja',
    now,
    onOpen: () => events.push('open'),
    onClose: () => events.push('close'),
  });
  return { breaker, events };
}

describe('createCircuitBreaker', () => {
  it('opens after N consecutive failures and fails fast naming the URL and the next probe', () => {
    let time = 10_000;
    const { breaker, events } = createBreaker(() => time);
    for (let i = 0; i < 3; i += 1) breaker.recordFailure(breaker.admit(), new Error('GET /tasks: HTTP 503'));
    expect(events).toEqual(['open']);
    expect(breaker.state()).toBe('open');
    let thrown: unknown;
    try {
      breaker.admit();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ServerUnavailableError);
    const message = (thrown as Error).message;
    expect(message).toContain('http://localhost/vikunja');
    expect(message).toContain(new Date(11_000).toISOString());
    expect(message).toContain('HTTP 503');
    expect((thrown as ServerUnavailableError).exitCode).toBe(5);
  });

  it('a success resets the count', () => {
    const { breaker, events } = createBreaker(() => 0);
    breaker.recordFailure(breaker.admit(), new Error('x'));
    breaker.recordFailure(breaker.admit(), new Error('x'));
    breaker.recordSuccess(breaker.admit());
    breaker.recordFailure(breaker.admit(), new Error('x'));
    breaker.recordFailure(breaker.admit(), new Error('x'));
    expect(events).toEqual([]);
    expect(breaker.state()).toBe('closed');
  });

  it('after the cooldown lets exactly one probe through; success closes', () => {
    let time = 0;
    const { breaker, events } = createBreaker(() => time);
    for (let i = 0; i < 3; i += 1) breaker.recordFailure(breaker.admit(), new Error('x'));
    time = 1_000;
    const probe = breaker.admit();
    expect(probe.probe).toBe(true);
    expect(breaker.state()).toBe('half-open');
    expect(() => breaker.admit()).toThrow(/probe request is in flight/);
    breaker.recordSuccess(probe);
    expect(breaker.state()).toBe('closed');
    expect(breaker.admit().probe).toBe(false);
    expect(events).toEqual(['open', 'close']);
  });

  it('a failed probe re-opens for another cooldown', () => {
    let time = 0;
    const { breaker, events } = createBreaker(() => time);
    for (let i = 0; i < 3; i += 1) breaker.recordFailure(breaker.admit(), new Error('x'));
    time = 1_500;
    breaker.recordFailure(breaker.admit(), new Error('still down'));
    expect(events).toEqual(['open', 'open']);
    expect(() => breaker.admit()).toThrow(ServerUnavailableError);
    time = 2_500;
    expect(breaker.admit().probe).toBe(true);
  });
});
