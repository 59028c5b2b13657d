import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode, InternalError, RunLockedError } from '../../../src/core/errors.js';
import type { StateStore } from '../../../src/core/store.js';
import { createManualClock, createTempStores } from './temp-store.js';
import type { ManualClock, TempStores } from './temp-store.js';

let temp: TempStores;
let clock: ManualClock;
let store: StateStore;
const ttl = 30_000;

beforeEach(() => {
  temp = createTempStores();
  clock = createManualClock();
  store = temp.open({ clock });
});
afterEach(() => {
  temp.cleanup();
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('run lock', () => {
  it('acquires a free lock and reports the holder', () => {
    expect(store.lock.holder()).toBeNull();
    expect(store.lock.acquire('host-a:100', ttl)).toEqual({
      owner: 'host-a:100',
      acquiredAt: '2026-11-21T13:40:00.000Z',
      reentrant: false,
      takeover: null,
    });
    clock.advance(2500);
    expect(store.lock.holder()).toEqual({
      owner: 'host-a:100',
      acquiredAt: '2026-11-21T13:40:00.000Z',
      heartbeatAt: '2026-11-21T13:40:00.000Z',
      heartbeatAgeMs: 2500,
    });
  });

  it('is re-entrant for the same owner (refreshing the heartbeat)', () => {
    store.lock.acquire('me', ttl);
    clock.advance(1000);
    expect(store.lock.acquire('me', ttl)).toMatchObject({ reentrant: true, takeover: null, acquiredAt: '2026-11-21T13:40:00.000Z' });
    expect(store.lock.holder()?.heartbeatAgeMs).toBe(0);
  });

  it('refuses a second owner with RunLockedError naming the owner, heartbeat age and the way out', () => {
    store.lock.acquire('host-a:100 run 2026-11-21T13-40-00Z-abc123', ttl);
    clock.advance(12_000);
    const error = catchError(() => store.lock.acquire('host-b:200', ttl));
    expect(error).toBeInstanceOf(RunLockedError);
    const locked = error as RunLockedError;
    expect(locked.exitCode).toBe(ExitCode.locked);
    expect(locked.message).toContain('host-a:100 run 2026-11-21T13-40-00Z-abc123');
    expect(locked.message).toContain('last heartbeat 12 s ago');
    expect(locked.message).toContain('takes the lock over by itself');
    expect(locked.message).toMatch(/[Ww]ait/);
    expect(locked.details).toMatchObject({ owner: 'host-a:100 run 2026-11-21T13-40-00Z-abc123', heartbeatAgeMs: 12_000 });
    expect(store.lock.holder()?.owner).toBe('host-a:100 run 2026-11-21T13-40-00Z-abc123');
  });

  it('heartbeats keep the lock fresh; a stale heartbeat is taken over and reported', () => {
    store.lock.acquire('old', ttl);
    clock.advance(20_000);
    store.lock.heartbeat('old');
    clock.advance(20_000);
    expect(() => store.lock.acquire('new', ttl)).toThrow(RunLockedError);
    clock.advance(10_001);
    const taken = store.lock.acquire('new', ttl);
    expect(taken).toMatchObject({
      owner: 'new',
      reentrant: false,
      takeover: { previousOwner: 'old', previousAcquiredAt: '2026-11-21T13:40:00.000Z', heartbeatAgeMs: 30_001 },
    });
    expect(store.lock.holder()?.owner).toBe('new');
  });

  it('tells the old holder it lost the lock when it heartbeats', () => {
    store.lock.acquire('old', ttl);
    clock.advance(ttl + 1);
    store.lock.acquire('new', ttl);
    const error = catchError(() => store.lock.heartbeat('old'));
    expect(error).toBeInstanceOf(RunLockedError);
    expect((error as Error).message).toMatch(/\("old"\) lost the lock .* held by "new"/);
    expect(store.lock.release('old')).toBe(false);
    expect(store.lock.holder()?.owner).toBe('new');
  });

  it('releases only for its owner; forceRelease removes any holder', () => {
    store.lock.acquire('a', ttl);
    expect(store.lock.release('b')).toBe(false);
    expect(store.lock.release('a')).toBe(true);
    expect(store.lock.holder()).toBeNull();
    expect(store.lock.release('a')).toBe(false);
    expect(() => store.lock.heartbeat('a')).toThrow(/force-released/);
    store.lock.acquire('b', ttl);
    clock.advance(500);
    expect(store.lock.forceRelease()).toMatchObject({ owner: 'b', heartbeatAgeMs: 500 });
    expect(store.lock.forceRelease()).toBeNull();
    expect(store.lock.acquire('c', ttl).takeover).toBeNull();
  });

  it('refuses an empty owner and a non-positive ttl', () => {
    expect(() => store.lock.acquire('', ttl)).toThrow(InternalError);
    expect(() => store.lock.acquire('a', 0)).toThrow(InternalError);
    expect(() => store.lock.acquire('a', Number.NaN)).toThrow(InternalError);
  });

  it('is shared by two connections to the same file', () => {
    const other = temp.open({ clock });
    store.lock.acquire('first', ttl);
    const error = catchError(() => other.lock.acquire('second', ttl));
    expect(error).toBeInstanceOf(RunLockedError);
    expect((error as Error).message).toContain('"first"');
    clock.advance(ttl + 1);
    expect(other.lock.acquire('second', ttl).takeover?.previousOwner).toBe('first');
    expect(() => store.lock.heartbeat('first')).toThrow(RunLockedError);
    expect(other.lock.release('second')).toBe(true);
    expect(store.lock.acquire('first', ttl).takeover).toBeNull();
  });

  it('survives close and reopen (the lock is in the file, not the process)', () => {
    store.lock.acquire('crashed', ttl);
    store.close();
    store = temp.open({ clock });
    expect(() => store.lock.acquire('next', ttl)).toThrow(/"crashed"/);
  });
});
