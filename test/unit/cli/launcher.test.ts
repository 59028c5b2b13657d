/**
 * The clone's launcher (`src/cli/membank.js`) runs the compiled `dist/` only when a successful `npm run build`
 * stamped it with the sources as they are now; an edited, added or deleted source file, one put back with an older
 * mtime, a build that did not finish, or no build at all make it run the TypeScript sources through tsx — never
 * stale code. Tested on a scratch clone whose `bin.ts` and `dist/src/cli/bin.js` say which one ran.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { beginBuild, distIsFresh, finishBuild } from '../../../src/cli/dist-stamp.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'membank-launcher-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Sets every given path's mtime `secondsAgo` in the past. */
function age(paths: string[], secondsAgo: number): void {
  const when = new Date(Date.now() - secondsAgo * 1000);
  for (const path of paths) utimesSync(join(root, path), when, when);
}

function launch(): string {
  const result = spawnSync(process.execPath, [join(root, 'src', 'cli', 'membank.js')], { cwd: root, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

const sources = ['src/cli/bin.ts', 'src/cli/membank.js', 'src/cli/dist-stamp.js', 'jobs/job.ts', 'package.json', 'tsconfig.json', 'src/cli', 'src', 'jobs'];

describe('the clone launcher', { timeout: 60_000 }, () => {
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  copyFileSync(join(repo, 'src', 'cli', 'membank.js'), join(root, 'src', 'cli', 'membank.js'));
  copyFileSync(join(repo, 'src', 'cli', 'dist-stamp.js'), join(root, 'src', 'cli', 'dist-stamp.js'));
  write('src/cli/bin.ts', "const where: string = 'source';\nprocess.stdout.write(where);\n");
  write('jobs/job.ts', 'export const job = 1;\n');
  write('package.json', '{ "name": "membank", "version": "0.0.0", "type": "module" }\n');
  write('tsconfig.json', '{}\n');
  write('dist/src/cli/bin.js', "process.stdout.write('dist');\n");
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');

  it('runs the sources through tsx when dist/ was never stamped by a build', () => {
    age(sources, 60);
    expect(distIsFresh(root)).toBe(false);
    expect(launch()).toBe('source');
  });

  it('runs dist/ after a build of the sources as they are', () => {
    beginBuild(root);
    finishBuild(root);
    age(['dist/.build-stamp'], 10);
    expect(distIsFresh(root)).toBe(true);
    expect(launch()).toBe('dist');
  });

  it('runs the sources again as soon as one is edited, until the next build', () => {
    write('src/cli/bin.ts', "const where: string = 'edited source';\nprocess.stdout.write(where);\n");
    expect(launch()).toBe('edited source');
    age(sources, 60);
    beginBuild(root);
    finishBuild(root);
    expect(launch()).toBe('dist');
  });

  it('a deleted or added source file sends it back to the sources', () => {
    rmSync(join(root, 'jobs', 'job.ts'));
    expect(launch()).toBe('edited source');
    age(['src', 'jobs', 'src/cli', 'src/cli/bin.ts'], 60);
    beginBuild(root);
    finishBuild(root);
    expect(launch()).toBe('dist');
    write('src/new-module.ts', 'export {};\n');
    expect(launch()).toBe('edited source');
  });

  it('a build that did not finish (tsc failed: no postbuild) leaves no stamp', () => {
    rmSync(join(root, 'src', 'new-module.ts'));
    age(['src', 'jobs', 'src/cli', 'src/cli/bin.ts'], 60);
    beginBuild(root);
    expect(distIsFresh(root)).toBe(false);
    expect(launch()).toBe('edited source');
  });

  it('a source put back with an older mtime (tar -x, cp -p, a restored backup) sends it back to the sources', () => {
    age(['src', 'jobs', 'src/cli', 'src/cli/bin.ts'], 60);
    beginBuild(root);
    finishBuild(root);
    expect(launch()).toBe('dist');
    // Other bytes, and an mtime older than the build: an mtime-only check takes dist/ for fresh and runs stale code.
    write('src/cli/bin.ts', "const where: string = 'restored source';\nprocess.stdout.write(where);\n");
    age(['src/cli/bin.ts'], 3600);
    expect(distIsFresh(root)).toBe(false);
    expect(launch()).toBe('restored source');
    beginBuild(root);
    finishBuild(root);
    expect(launch()).toBe('dist');
    // The same bytes with any other mtime, older or newer, count as a change too.
    age(['src/cli/bin.ts'], 7200);
    expect(launch()).toBe('restored source');
  });
});
