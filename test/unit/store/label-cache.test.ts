import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/core/errors.js';
import type { StateStore } from '../../../src/core/store.js';
import { createTempStores } from './temp-store.js';
import type { TempStores } from './temp-store.js';

let temp: TempStores;
let store: StateStore;

beforeEach(() => {
  temp = createTempStores();
  store = temp.open();
});
afterEach(() => {
  temp.cleanup();
});

describe('label cache', () => {
  it('puts and gets by scope, title and colour (colour normalised)', () => {
    const put = store.labels.put({ scope: 's1', title: 'memory_bank', hexColor: '#E8E8E8', labelId: 4 });
    expect(put).toMatchObject({ scope: 's1', title: 'memory_bank', hexColor: 'e8e8e8', labelId: 4 });
    expect(store.labels.get('s1', 'memory_bank', 'e8e8e8')).toBe(4);
    expect(store.labels.get('s1', 'memory_bank', '#e8e8e8')).toBe(4);
    expect(store.labels.get('s1', 'memory_bank', '')).toBeUndefined();
    expect(store.labels.get('s2', 'memory_bank', 'e8e8e8')).toBeUndefined();
    expect(store.labels.get('s1', 'Memory_Bank', 'e8e8e8')).toBeUndefined();
  });

  it('overwrites an entry, lists a scope, and clears only that scope', () => {
    store.labels.put({ scope: 's1', title: 'b', hexColor: '', labelId: 1 });
    store.labels.put({ scope: 's1', title: 'a', hexColor: 'ff0000', labelId: 2 });
    store.labels.put({ scope: 's1', title: 'b', hexColor: '', labelId: 3 });
    store.labels.put({ scope: 's2', title: 'a', hexColor: 'ff0000', labelId: 9 });
    expect(store.labels.list('s1').map((l) => [l.title, l.hexColor, l.labelId])).toEqual([
      ['a', 'ff0000', 2],
      ['b', '', 3],
    ]);
    expect(store.labels.clear('s1')).toBe(2);
    expect(store.labels.list('s1')).toEqual([]);
    expect(store.labels.get('s2', 'a', 'ff0000')).toBe(9);
  });

  it('refuses a bad colour, an empty title and a non-positive id', () => {
    expect(() => store.labels.put({ scope: 's', title: 't', hexColor: 'red', labelId: 1 })).toThrow(/not a hex colour/);
    expect(() => store.labels.put({ scope: 's', title: '', hexColor: '', labelId: 1 })).toThrow(InternalError);
    expect(() => store.labels.put({ scope: 's', title: 't', hexColor: '', labelId: 0 })).toThrow(InternalError);
  });
});
