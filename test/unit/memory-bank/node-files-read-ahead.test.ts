/**
 * The disk adapter's read-ahead (src/node-files.ts `readAhead`): a long list of files is read on another thread
 * while discovery classifies, yet every file's bytes, every failure (same `code` and `path` as `readFile`) and the
 * discovery result are what reading each file when asked gives — whatever order the files are asked for in.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeFileSystem, workerReadMinFiles } from '../../../src/node-files.js';
import { discoverBanks } from '../../../src/memory-bank/discover.js';
import { parseFiles } from '../../../src/memory-bank/parse.js';
import { createDefaultConfig } from '../../../src/core/config.js';
import type { FileSystemReader } from '../../../src/core/ports.js';

const root = mkdtempSync(join(tmpdir(), 'membank-read-ahead-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const count = workerReadMinFiles + 100;
const tasks = join(root, 'memory-bank', 'tasks');
mkdirSync(tasks, { recursive: true });
const paths: string[] = [];
for (let index = 0; index < count; index++) {
  const id = String(index).padStart(4, '0');
  const path = join(tasks, `TASK${id}-item.md`);
  writeFileSync(path, `# TASK${id} - Item ${index} — é\n\n**Status:** ${index % 3 === 0 ? 'Done' : 'In Progress'}\n`);
  paths.push(path);
}

/** The same disk without `readAhead`: each file read when discovery asks for it. */
function withoutReadAhead(files: FileSystemReader): FileSystemReader {
  return { readFile: files.readFile, readDir: files.readDir, lstat: files.lstat, stat: files.stat, realPath: files.realPath };
}

describe('node file system read-ahead', () => {
  it('hands out each listed file’s bytes, asked for in any order', async () => {
    const files = createNodeFileSystem();
    const ahead = files.readAhead?.(paths);
    expect(ahead).toBeDefined();
    if (ahead === undefined) return;
    try {
      // Last first, then the rest backwards: results arrive in list order, they are asked for in the other.
      for (const path of [...paths].reverse()) {
        expect(Buffer.from(await ahead.read(path)).toString('utf8')).toBe(Buffer.from(await files.readFile(path)).toString('utf8'));
      }
      // Asked for twice, or not in the list: read directly.
      expect(Buffer.from(await ahead.read(paths[0] as string)).toString('utf8')).toContain('# TASK0000 - Item 0');
      expect(Buffer.from(await ahead.read(join(root, 'memory-bank', 'tasks', 'TASK0001-item.md'))).length).toBeGreaterThan(0);
    } finally {
      ahead.close();
    }
  });

  it('rejects a file that cannot be read with the error readFile gives (code and path)', async () => {
    const files = createNodeFileSystem();
    const missing = join(root, 'gone.md');
    const folder = join(root, 'memory-bank');
    const ahead = files.readAhead?.([...paths, missing, folder]);
    if (ahead === undefined) throw new Error('no readAhead on the disk adapter');
    try {
      const direct = await files.readFile(missing).then(
        () => null,
        (error: unknown) => error,
      );
      await expect(ahead.read(missing)).rejects.toMatchObject({ code: 'ENOENT', path: missing, message: (direct as Error).message });
      await expect(ahead.read(folder)).rejects.toMatchObject({ code: 'EISDIR' });
      expect(Buffer.from(await ahead.read(paths[5] as string)).toString('utf8')).toContain('TASK0005');
    } finally {
      ahead.close();
    }
  });

  it('gives discovery and parsing the same result as reading each file when asked', async () => {
    const config = createDefaultConfig();
    const ahead = await discoverBanks(root, { files: createNodeFileSystem(), config: config.discover });
    const direct = await discoverBanks(root, { files: withoutReadAhead(createNodeFileSystem()), config: config.discover });
    expect(ahead.files.length).toBe(count);
    expect(ahead).toEqual(direct);
    expect(parseFiles(ahead.files, { vocabulary: config.vocabulary })).toEqual(parseFiles(direct.files, { vocabulary: config.vocabulary }));
  });

  it('reports a file that vanishes between listing and reading as unreadable, as before', async () => {
    const config = createDefaultConfig();
    const victim = join(tasks, 'TASK0300-item.md');
    const disk = createNodeFileSystem();
    // Listed (its lstat succeeds), then deleted before discovery reads it.
    const vanishing: FileSystemReader = {
      ...disk,
      async lstat(path) {
        const stat = await disk.lstat(path);
        if (path === victim) unlinkSync(victim);
        return stat;
      },
    };
    const result = await discoverBanks(root, { files: vanishing, config: config.discover });
    writeFileSync(victim, '# TASK0300 - Item 300\n\n**Status:** Done\n');
    expect(result.files.find((file) => file.path === 'memory-bank/tasks/TASK0300-item.md')).toMatchObject({ kind: 'ignored', reason: 'unreadable (ENOENT)' });
    expect(result.problems).toContainEqual(expect.objectContaining({ code: 'unreadable', file: 'memory-bank/tasks/TASK0300-item.md', received: 'ENOENT' }));
    expect(result.files.filter((file) => file.kind !== 'ignored')).toHaveLength(count - 1);
  });
});
