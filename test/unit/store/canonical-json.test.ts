import { describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/core/errors.js';
import { toCanonicalJson } from '../../../src/store/index.js';

describe('toCanonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(toCanonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives equal text for equal values built in different orders', () => {
    expect(toCanonicalJson({ x: 1, y: 'two' })).toBe(toCanonicalJson({ y: 'two', x: 1 }));
  });

  it('follows JSON.stringify for dates, undefined properties and array holes', () => {
    const date = new Date('2026-03-12T00:00:00Z');
    expect(toCanonicalJson({ when: date, gone: undefined, list: [undefined, 1] })).toBe(
      JSON.stringify({ list: [null, 1], when: date }),
    );
    expect(toCanonicalJson('ünï "q"\n')).toBe(JSON.stringify('ünï "q"\n'));
  });

  it('refuses values JSON cannot carry faithfully', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const bad of [undefined, Number.NaN, Number.POSITIVE_INFINITY, 10n, new Map(), new Set(), cyclic, () => 1]) {
      expect(() => toCanonicalJson(bad)).toThrow(InternalError);
    }
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };
    expect(toCanonicalJson({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}');
  });
});
