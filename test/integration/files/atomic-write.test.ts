/**
 * The source-file writer against real temp directories: hash-checked, atomic replacement (temp file in the same
 * directory, fsync, rename), the file's mode kept, no temp file left behind, and a reader racing the writer
 * always sees the old bytes or the new bytes.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceChangedError } from '../../../src/core/errors.js';
import { createSourceFileWriter } from '../../../src/files/atomic-write.js';

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'membank-atomic-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('createSourceFileWriter', () => {
  it('hashes a file, and says null for a file that does not exist', async () => {
    const writer = createSourceFileWriter();
    const path = join(dir, 'tasks.md');
    writeFileSync(path, '- [ ] one\n');
    expect(await writer.hash(path)).toBe(sha256('- [ ] one\n'));
    expect(await writer.hash(join(dir, 'absent.md'))).toBeNull();
  });

  it('replaces a file whose hash is the expected one, returns the new hash, and leaves no temp file', async () => {
    const writer = createSourceFileWriter();
    const path = join(dir, 'tasks.md');
    writeFileSync(path, '- [ ] one\r\n');
    const result = await writer.replaceIfUnchanged(path, sha256('- [ ] one\r\n'), encode('- [x] one\r\n'));
    expect(readFileSync(path, 'utf8')).toBe('- [x] one\r\n');
    expect(result.hash).toBe(sha256('- [x] one\r\n'));
    expect(readdirSync(dir)).toEqual(['tasks.md']);
  });

  it('refuses a file that changed since it was read: SourceChangedError naming the file, both hashes and the next step; file untouched', async () => {
    const writer = createSourceFileWriter();
    const path = join(dir, 'tasks.md');
    writeFileSync(path, '- [ ] one\n- [ ] two (added by hand)\n');
    const expected = sha256('- [ ] one\n');
    const error = await writer.replaceIfUnchanged(path, expected, encode('- [x] one\n')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceChangedError);
    const message = (error as SourceChangedError).message;
    expect(message).toContain(path);
    expect(message).toContain(expected);
    expect(message).toContain(sha256('- [ ] one\n- [ ] two (added by hand)\n'));
    expect(message).toContain('re-read on the next run');
    expect(readFileSync(path, 'utf8')).toBe('- [ ] one\n- [ ] two (added by hand)\n');
    expect(readdirSync(dir)).toEqual(['tasks.md']);
  });

  it('refuses a file that was deleted since it was read', async () => {
    const writer = createSourceFileWriter();
    const path = join(dir, 'gone.md');
    await expect(writer.replaceIfUnchanged(path, sha256('x'), encode('y'))).rejects.toThrow(/expected sha256 [0-9a-f]{64}, found absent/u);
    expect(existsSync(path)).toBe(false);
  });

  it('creates a new file when expectedHash is null, and refuses when one appeared meanwhile', async () => {
    const writer = createSourceFileWriter();
    const path = join(dir, 'vikunja-inbox.md');
    const result = await writer.replaceIfUnchanged(path, null, encode('# Vikunja inbox\n'));
    expect(readFileSync(path, 'utf8')).toBe('# Vikunja inbox\n');
    expect(result.hash).toBe(sha256('# Vikunja inbox\n'));
    await expect(writer.replaceIfUnchanged(path, null, encode('other\n'))).rejects.toBeInstanceOf(SourceChangedError);
    expect(readFileSync(path, 'utf8')).toBe('# Vikunja inbox\n');
  });

  it('keeps the file mode', async () => {
    const writer = createSourceFileWriter();
    const path = join(dir, 'tasks.md');
    writeFileSync(path, 'a\n');
    chmodSync(path, 0o640);
    await writer.replaceIfUnchanged(path, sha256('a\n'), encode('b\n'));
    expect(statSync(path).mode & 0o777).toBe(0o640);
    chmodSync(path, 0o604);
    await writer.replaceIfUnchanged(path, sha256('b\n'), encode('c\n'));
    expect(statSync(path).mode & 0o777).toBe(0o604);
  });

  it('leaves neither a temp file nor a changed file when the rename fails, and reports the failure', async () => {
    const writer = createSourceFileWriter({
      rename: async () => {
        throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      },
    });
    const path = join(dir, 'tasks.md');
    writeFileSync(path, 'a\n');
    await expect(writer.replaceIfUnchanged(path, sha256('a\n'), encode('b\n'))).rejects.toThrow(/EIO/u);
    expect(readFileSync(path, 'utf8')).toBe('a\n');
    expect(readdirSync(dir)).toEqual(['tasks.md']);
  });

  it('writes a file whose name is as long as names get (the temp name does not grow with it)', async () => {
    const writer = createSourceFileWriter();
    const path = join(dir, `${'t'.repeat(250)}.md`);
    writeFileSync(path, 'a\n');
    await writer.replaceIfUnchanged(path, sha256('a\n'), encode('b\n'));
    expect(readFileSync(path, 'utf8')).toBe('b\n');
  });

  it('a reader racing the writer only ever sees the old bytes or the new bytes', async () => {
    const writer = createSourceFileWriter();
    const path = join(dir, 'tasks.md');
    // Two versions of a large file that differ everywhere, so a torn write would show.
    const versions = [encode(`${'- [ ] old item\n'.repeat(40_000)}`), encode(`${'- [x] new item!\n'.repeat(40_000)}`)];
    const hashes = versions.map((bytes) => sha256(bytes));
    writeFileSync(path, versions[0] ?? new Uint8Array());
    const reader = new Worker(
      `const { readFileSync } = require('node:fs');
       const { createHash } = require('node:crypto');
       const { parentPort, workerData } = require('node:worker_threads');
       const seen = new Map();
       let stop = false;
       parentPort.on('message', () => { stop = true; });
       (function loop() {
         for (let i = 0; i < 20; i++) {
           const hash = createHash('sha256').update(readFileSync(workerData.path)).digest('hex');
           seen.set(hash, (seen.get(hash) ?? 0) + 1);
         }
         if (stop) parentPort.postMessage([...seen]);
         else setImmediate(loop);
       })();`,
      { eval: true, workerData: { path } },
    );
    for (let round = 0; round < 40; round++) {
      const from = round % 2;
      await writer.replaceIfUnchanged(path, hashes[from] ?? null, versions[1 - from] ?? new Uint8Array());
    }
    const seen = await new Promise<[string, number][]>((resolve, reject) => {
      reader.once('message', resolve);
      reader.once('error', reject);
      reader.postMessage('stop');
    });
    await reader.terminate();
    expect(seen.length).toBeGreaterThan(0);
    for (const [hash] of seen) expect(hashes).toContain(hash);
    expect(readdirSync(dir)).toEqual(['tasks.md']);
  });
});

describe('createSourceFileWriter with a symlinked file', () => {
  it('replaces the file the link points to and keeps the link', async () => {
    const { symlinkSync, lstatSync } = await import('node:fs');
    const writer = createSourceFileWriter();
    const target = join(dir, 'real-tasks.md');
    const link = join(dir, 'tasks.md');
    writeFileSync(target, '- [ ] one\n');
    symlinkSync(target, link);
    await writer.replaceIfUnchanged(link, sha256('- [ ] one\n'), encode('- [x] one\n'));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('- [x] one\n');
    expect(readdirSync(dir).sort()).toEqual(['real-tasks.md', 'tasks.md']);
  });
});
