import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, InternalError } from '../../../src/core/errors.js';
import { applyMigrations, defaultStatePath, migrations, openStore } from '../../../src/store/index.js';
import type { Migration } from '../../../src/store/index.js';
import { createTempStores } from './temp-store.js';
import type { TempStores } from './temp-store.js';

let temp: TempStores;
beforeEach(() => {
  temp = createTempStores();
});
afterEach(() => {
  temp.cleanup();
});

describe('defaultStatePath', () => {
  it('puts the store in snapshots/membank.sqlite under the working directory', () => {
    expect(defaultStatePath('/work/repo')).toBe(join('/work/repo', 'snapshots', 'membank.sqlite'));
  });
});

describe('openStore', () => {
  it('creates the missing directory and the file', () => {
    expect(existsSync(join(temp.dir, 'snapshots'))).toBe(false);
    const store = temp.open();
    expect(existsSync(temp.file)).toBe(true);
    expect(store.path).toBe(temp.file);
  });

  it('sets WAL, synchronous=FULL, foreign keys and a busy timeout on the connection', () => {
    const store = temp.open({ busyTimeoutMs: 1234 });
    expect(store.pragmas()).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1, busyTimeoutMs: 1234 });
    const raw = new Database(temp.file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('opens an in-memory store for tests', () => {
    const store = openStore(':memory:');
    try {
      expect(store.path).toBe(':memory:');
      expect(store.schemaVersion()).toBe(migrations.length);
      expect(store.pragmas()).toMatchObject({ journalMode: 'memory', synchronous: 2, foreignKeys: 1 });
      const run = store.runs.create({ command: 'test' });
      expect(store.runs.get(run.id)?.command).toBe('test');
    } finally {
      store.close();
    }
  });

  it('refuses a file that is not a SQLite database with a ConfigError naming the path', () => {
    writeFileSync(join(temp.dir, 'notes.sqlite'), 'these are not the pages you are looking for '.repeat(200));
    const open = () => openStore(join(temp.dir, 'notes.sqlite'));
    expect(open).toThrow(ConfigError);
    expect(open).toThrow(/notes\.sqlite/);
  });

  it('refuses a path whose parent is a file with a ConfigError', () => {
    writeFileSync(join(temp.dir, 'blocker'), 'x');
    expect(() => openStore(join(temp.dir, 'blocker', 'membank.sqlite'))).toThrow(ConfigError);
  });
});

describe('migrations', () => {
  it('brings a fresh file to the newest user_version with every table', () => {
    const store = temp.open();
    expect(store.schemaVersion()).toBe(migrations.length);
    store.close();
    const raw = new Database(temp.file, { readonly: true });
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(migrations.length);
      const tables = raw
        .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name")
        .pluck()
        .all();
      expect(tables).toEqual(
        expect.arrayContaining([
          'runs',
          'journal',
          'mappings',
          'label_cache',
          'run_lock',
          'journal_refuse_update',
          'journal_refuse_delete',
        ]),
      );
    } finally {
      raw.close();
    }
  });

  it('is a no-op on reopen and keeps the data', () => {
    const first = temp.open();
    const run = first.runs.create({ command: 'migrate' });
    first.close();
    const raw = new Database(temp.file);
    const schemaBefore = raw.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all();
    raw.close();
    const second = temp.open();
    expect(second.schemaVersion()).toBe(migrations.length);
    expect(second.runs.get(run.id)?.command).toBe('migrate');
    second.close();
    const again = new Database(temp.file);
    expect(again.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all()).toEqual(schemaBefore);
    again.close();
  });

  it('refuses a file written by a newer membank with a ConfigError, leaving it untouched', () => {
    temp.open().close();
    const raw = new Database(temp.file);
    raw.pragma(`user_version = ${migrations.length + 5}`);
    raw.close();
    let error: unknown;
    try {
      temp.open();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/newer membank/);
    expect((error as Error).message).toContain(String(migrations.length + 5));
    const check = new Database(temp.file);
    expect(check.pragma('user_version', { simple: true })).toBe(migrations.length + 5);
    check.close();
  });

  it('applies only the missing steps, each in its own transaction, and rolls back a failing one', () => {
    const db = new Database(join(temp.dir, 'steps.sqlite'));
    try {
      const applied: string[] = [];
      const steps: Migration[] = [
        { name: 'one', up: (d) => (d.exec('CREATE TABLE one (x)'), applied.push('one')) },
        { name: 'two', up: (d) => (d.exec('CREATE TABLE two (x)'), applied.push('two')) },
      ];
      expect(applyMigrations(db, 'steps.sqlite', steps.slice(0, 1))).toBe(1);
      expect(applyMigrations(db, 'steps.sqlite', steps)).toBe(2);
      expect(applied).toEqual(['one', 'two']);
      const failing: Migration[] = [
        ...steps,
        {
          name: 'three',
          up: (d) => {
            d.exec('CREATE TABLE three (x)');
            throw new Error('boom');
          },
        },
      ];
      expect(() => applyMigrations(db, 'steps.sqlite', failing)).toThrow('boom');
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'three'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('lifecycle', () => {
  it('close() is idempotent and later calls throw InternalError', () => {
    const store = temp.open();
    expect(store.closed).toBe(false);
    store.close();
    store.close();
    expect(store.closed).toBe(true);
    expect(() => store.runs.list()).toThrow(InternalError);
    expect(() => store.journal.verifyChain()).toThrow(/closed/);
    expect(() => store.lock.holder()).toThrow(InternalError);
    expect(() => store.mappings.digest()).toThrow(InternalError);
    expect(() => store.labels.list('s')).toThrow(InternalError);
    expect(() => store.transaction(() => 1)).toThrow(InternalError);
  });

  it('transaction() commits together and rolls back together', () => {
    const store = temp.open();
    const run = store.runs.create({ command: 'import' });
    expect(() =>
      store.transaction(() => {
        store.mappings.upsert({ scope: 's', sourceKey: 'a', taskId: 1, projectId: 1, contentHash: 'h', runId: run.id });
        store.labels.put({ scope: 's', title: 'x', hexColor: '', labelId: 3 });
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(store.mappings.list('s')).toEqual([]);
    expect(store.labels.list('s')).toEqual([]);
    const result = store.transaction(() => {
      store.mappings.upsert({ scope: 's', sourceKey: 'a', taskId: 1, projectId: 1, contentHash: 'h', runId: run.id });
      return 'done';
    });
    expect(result).toBe('done');
    expect(store.mappings.list('s')).toHaveLength(1);
  });
});
