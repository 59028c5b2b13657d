/**
 * The local-disk adapter of the FileSystemReader port (src/node-files.ts): synchronous system calls behind the async
 * port, so its failures must still arrive as rejected promises with the system error's code, as discovery expects.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeFileSystem } from '../../../src/node-files.js';
import { discoverBanks } from '../../../src/memory-bank/discover.js';
import { createDefaultConfig } from '../../../src/core/config.js';

const root = mkdtempSync(join(tmpdir(), 'membank-node-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('node file system adapter', () => {
  const files = createNodeFileSystem();
  mkdirSync(join(root, 'memory-bank', 'tasks'), { recursive: true });
  writeFileSync(join(root, 'memory-bank', 'tasks', 'TASK001-a.md'), '# TASK001 - A\n\n**Status:** Done\n');
  symlinkSync(join(root, 'memory-bank', 'tasks'), join(root, 'link'));

  it('reads bytes, folders, stats and real paths', async () => {
    expect(Buffer.from(await files.readFile(join(root, 'memory-bank', 'tasks', 'TASK001-a.md'))).toString('utf8')).toContain('**Status:** Done');
    expect(await files.readDir(join(root, 'memory-bank'))).toEqual(['tasks']);
    expect(await files.lstat(join(root, 'link'))).toMatchObject({ isSymbolicLink: true, isDirectory: false });
    expect(await files.stat(join(root, 'link'))).toMatchObject({ isSymbolicLink: false, isDirectory: true });
    expect(await files.realPath(join(root, 'link'))).toBe(await files.realPath(join(root, 'memory-bank', 'tasks')));
  });

  it('rejects (never throws synchronously) with the system error code', async () => {
    const missing = join(root, 'nope.md');
    for (const call of [() => files.readFile(missing), () => files.readDir(missing), () => files.lstat(missing), () => files.stat(missing), () => files.realPath(missing)]) {
      const pending = call();
      expect(pending).toBeInstanceOf(Promise);
      await expect(pending).rejects.toMatchObject({ code: 'ENOENT' });
    }
    await expect(files.readFile(join(root, 'memory-bank'))).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('feeds discovery the same way as before: the task file is found and read', async () => {
    const result = await discoverBanks(root, { files, config: createDefaultConfig().discover });
    expect(result.files.find((file) => file.path === 'memory-bank/tasks/TASK001-a.md')).toMatchObject({ kind: 'task-document' });
  });
});
