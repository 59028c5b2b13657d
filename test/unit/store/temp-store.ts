import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../../src/core/ports.js';
import type { OpenStoreOptions, StateStore } from '../../../src/core/store.js';
import { openStore } from '../../../src/store/index.js';

/** A clock the test moves by hand. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(date: Date): void;
}

/** Creates a manual clock starting at `start`. */
export function createManualClock(start = new Date('2026-11-21T13:40:00.000Z')): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    set(date) {
      current = date.getTime();
    },
  };
}

/** A temp directory with helpers to open stores in it; `cleanup()` closes them and removes the directory. */
export interface TempStores {
  dir: string;
  file: string;
  open(options?: OpenStoreOptions, path?: string): StateStore;
  cleanup(): void;
}

/** Creates a temp directory for real SQLite files. */
export function createTempStores(): TempStores {
  const dir = mkdtempSync(join(tmpdir(), 'membank-store-'));
  const file = join(dir, 'snapshots', 'membank.sqlite');
  const opened: StateStore[] = [];
  return {
    dir,
    file,
    open(options, path = file) {
      const store = openStore(path, options);
      opened.push(store);
      return store;
    },
    cleanup() {
      for (const store of opened) store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
