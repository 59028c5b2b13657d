/**
 * Deterministic fault injection: one mulberry32 draw per eligible request, partitioned into the
 * configured probabilities, plus 429 bursts that last `burstLength` requests.
 */
import type { FaultOptions } from './types.js';

/** The fault chosen for one request. */
export type FaultKind = 'drop' | 'error500' | 'error502' | 'error503' | 'rateLimitBurst' | 'commitThenDrop';

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Throws a plain Error when a fault option is out of range. */
export function validateFaults(faults: FaultOptions): void {
  for (const key of ['error500', 'error502', 'error503', 'rateLimitBurst', 'drop', 'commitThenDrop'] as const) {
    const value = faults[key];
    if (value !== undefined && (!Number.isFinite(value) || value < 0 || value > 1)) {
      throw new Error(`fault ${key} must be a probability between 0 and 1, got ${String(value)}`);
    }
  }
  if (faults.burstLength !== undefined && (!Number.isInteger(faults.burstLength) || faults.burstLength < 1)) {
    throw new Error(`fault burstLength must be a positive integer, got ${String(faults.burstLength)}`);
  }
  if (faults.applyTo !== undefined && !['all', 'reads', 'writes'].includes(faults.applyTo)) {
    throw new Error(`fault applyTo must be all, reads or writes, got ${String(faults.applyTo)}`);
  }
  if (faults.seed !== undefined && !Number.isFinite(faults.seed)) {
    throw new Error(`fault seed must be a number, got ${String(faults.seed)}`);
  }
}

/** Decides faults request by request. */
export class FaultInjector {
  private faults: FaultOptions | undefined;
  private random: () => number = createPrng(1);
  private burstRemaining = 0;

  constructor(faults: FaultOptions | undefined) {
    this.set(faults);
  }

  /** Replaces the settings and re-seeds the PRNG. */
  set(faults: FaultOptions | undefined): void {
    if (faults !== undefined) validateFaults(faults);
    this.faults = faults === undefined ? undefined : { ...faults };
    this.random = createPrng(faults?.seed ?? 1);
    this.burstRemaining = 0;
  }

  /** The current settings (a copy). */
  current(): FaultOptions | undefined {
    return this.faults === undefined ? undefined : { ...this.faults };
  }

  /** The fault for this request, if any. Writes are non-GET/HEAD requests. */
  next(isWrite: boolean): FaultKind | undefined {
    const f = this.faults;
    if (f === undefined) return undefined;
    const applyTo = f.applyTo ?? 'all';
    if ((applyTo === 'reads' && isWrite) || (applyTo === 'writes' && !isWrite)) return undefined;
    if (this.burstRemaining > 0) {
      this.burstRemaining -= 1;
      return 'rateLimitBurst';
    }
    const slices: [FaultKind, number][] = [
      ['drop', f.drop ?? 0],
      ['error500', f.error500 ?? 0],
      ['error502', f.error502 ?? 0],
      ['error503', f.error503 ?? 0],
      ['rateLimitBurst', f.rateLimitBurst ?? 0],
      ['commitThenDrop', isWrite ? (f.commitThenDrop ?? 0) : 0],
    ];
    if (slices.every(([, p]) => p === 0)) return undefined;
    const draw = this.random();
    let edge = 0;
    for (const [kind, probability] of slices) {
      edge += probability;
      if (draw < edge) {
        if (kind === 'rateLimitBurst') this.burstRemaining = (f.burstLength ?? 3) - 1;
        return kind;
      }
    }
    return undefined;
  }
}
