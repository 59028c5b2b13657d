/**
 * The parse cache (issue #8): the cache key changes with the parser version, the vocabulary and the discovery
 * config, and a file's key with what discovery decided for it; a cached parse stands for a file only while its size,
 * mtime, sha256 and key are all unchanged. Read through `readBank` against a real state store: a second read parses
 * nothing, an edited file is parsed again alone, a changed vocabulary parses everything again — and the records are
 * the same as a parse without the cache.
 */
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBank } from '../../../src/cli/read-bank.js';
import { createDefaultConfig } from '../../../src/core/config.js';
import type { StateStore } from '../../../src/core/store.js';
import { openStore } from '../../../src/store/open-store.js';
import { createFileCacheKey, createParseCacheKey, isCacheHit } from '../../../src/store/parse-cache.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const baseKey = { parserVersion: 1, vocabulary: { done: ['done'] }, discover: { taskGlobs: ['**/tasks.md'] } };
const file = { path: 'memory-bank/tasks.md', bank: 'memory-bank', kind: 'task-list', reason: 'checklist', extractors: ['checklist'] };

describe('parse cache keys', () => {
  it('the bank key changes with the parser version, the vocabulary and the discovery config, and only with them', () => {
    const key = createParseCacheKey(baseKey);
    expect(createParseCacheKey({ ...baseKey })).toBe(key);
    expect(createParseCacheKey({ ...baseKey, parserVersion: 2 })).not.toBe(key);
    expect(createParseCacheKey({ ...baseKey, vocabulary: { done: ['done', 'shipped'] } })).not.toBe(key);
    expect(createParseCacheKey({ ...baseKey, discover: { taskGlobs: ['**/tasks.md', '**/todo.md'] } })).not.toBe(key);
  });

  it("a file's key changes with the bank key and with discovery's decisions for it", () => {
    const bank = createParseCacheKey(baseKey);
    const key = createFileCacheKey(bank, file);
    expect(createFileCacheKey(bank, { ...file })).toBe(key);
    expect(createFileCacheKey(createParseCacheKey({ ...baseKey, parserVersion: 2 }), file)).not.toBe(key);
    expect(createFileCacheKey(bank, { ...file, kind: 'context-document' })).not.toBe(key);
    expect(createFileCacheKey(bank, { ...file, extractors: ['checklist', 'task-table'] })).not.toBe(key);
    expect(createFileCacheKey(bank, { ...file, bank: 'docs' })).not.toBe(key);
  });

  it('a cached entry stands for the file only while size, mtime, sha256 and key are all unchanged', () => {
    const now = { size: 10, mtimeMs: 1000, sha256: 'a'.repeat(64), cacheKey: 'k' };
    expect(isCacheHit({ ...now }, now)).toBe(true);
    expect(isCacheHit(undefined, now)).toBe(false);
    expect(isCacheHit({ ...now, size: 11 }, now)).toBe(false);
    expect(isCacheHit({ ...now, mtimeMs: 1001 }, now)).toBe(false);
    expect(isCacheHit({ ...now, sha256: 'b'.repeat(64) }, now)).toBe(false);
    expect(isCacheHit({ ...now, cacheKey: 'other' }, now)).toBe(false);
  });
});

describe('readBank with the parse cache', () => {
  function setup(): { dir: string; store: StateStore } {
    const dir = mkdtempSync(join(tmpdir(), 'membank-parse-cache-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'memory-bank'));
    writeFileSync(join(dir, 'memory-bank', 'tasks.md'), '# Tasks\n\n- [ ] Write the docs\n- [x] Ship it\n');
    writeFileSync(join(dir, 'memory-bank', 'progress.md'), '# Progress\n\n## Next\n\n- [ ] Plan the sprint\n');
    const store = openStore(join(dir, 'state.sqlite'));
    cleanups.push(() => store.close());
    return { dir, store };
  }

  it('parses only the files that changed, and yields the records a parse without the cache yields', async () => {
    const { dir, store } = setup();
    const config = createDefaultConfig();
    const cache = { open: () => store.parseCache, write: true };
    const first = await readBank(dir, dir, config, { cache });
    expect(first.parseCache).toEqual({ parsed: first.discover.files.length, cached: 0 });
    const second = await readBank(dir, dir, config, { cache });
    expect(second.parseCache).toEqual({ parsed: 0, cached: first.discover.files.length });
    expect(second.records).toEqual((await readBank(dir, dir, config)).records);
    expect(second.fingerprint).toBe(first.fingerprint);

    writeFileSync(join(dir, 'memory-bank', 'tasks.md'), '# Tasks\n\n- [x] Write the docs\n- [x] Ship it\n');
    const edited = await readBank(dir, dir, config, { cache });
    expect(edited.parseCache).toEqual({ parsed: 1, cached: first.discover.files.length - 1 });
    expect(edited.fingerprint).not.toBe(first.fingerprint);
    expect(edited.records).toEqual((await readBank(dir, dir, config)).records);
    expect(edited.records.find((record) => record.title === 'Write the docs')?.status.canonical).toBe('done');

    // Same bytes, new mtime: parsed again (the cache trusts size, mtime and hash together).
    utimesSync(join(dir, 'memory-bank', 'progress.md'), new Date(), new Date(Date.now() + 5000));
    expect((await readBank(dir, dir, config, { cache })).parseCache?.parsed).toBe(1);
  });

  it('a changed vocabulary parses every file again; a read-only read (dry run) stores nothing', async () => {
    const { dir, store } = setup();
    const config = createDefaultConfig();
    const dryRun = await readBank(dir, dir, config, { cache: { open: () => store.parseCache, write: false } });
    expect(store.parseCache.list(dir)).toEqual([]);
    await readBank(dir, dir, config, { cache: { open: () => store.parseCache, write: true } });
    expect(store.parseCache.list(dir)).toHaveLength(dryRun.discover.files.length);
    const other = { ...config, vocabulary: { ...config.vocabulary, status: { ...config.vocabulary.status, shipped: 'done' as const } } };
    const reread = await readBank(dir, dir, other, { cache: { open: () => store.parseCache, write: true } });
    expect(reread.parseCache).toEqual({ parsed: dryRun.discover.files.length, cached: 0 });
  });
});
