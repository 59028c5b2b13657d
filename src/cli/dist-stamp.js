/**
 * Whether a clone's compiled `dist/` may stand in for its TypeScript sources, so the launcher (`membank.js`)
 * skips tsx (a third to half a second of start-up) without ever running stale code. `npm run build` stamps the
 * build: `prebuild` removes the old stamp and notes the time the build starts, `postbuild` (run only when tsc
 * succeeded) turns that note into the stamp. `dist/` is fresh when the stamp is newer than every file and folder
 * under `src/` and `jobs/` and than `tsconfig.json` and `package.json`: an edited, added, deleted or checked-out
 * source file (its own or its folder's mtime) sends the launcher back to tsx until the next build. Plain
 * JavaScript: it runs before tsx is registered. Usage: `node src/cli/dist-stamp.js start|finish`.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sourceFolders = ['src', 'jobs'];
const sourceFiles = ['tsconfig.json', 'package.json'];

/** The newest mtime (ms) of the sources `dist/` is compiled from, folders included (a deletion changes those). */
export function newestSourceMtime(root) {
  let newest = 0;
  const visit = (folder) => {
    newest = Math.max(newest, statSync(folder).mtimeMs);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const folder of sourceFolders) if (existsSync(join(root, folder))) visit(join(root, folder));
  for (const file of sourceFiles) if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

const stampFile = (root) => join(root, 'dist', '.build-stamp');
const startFile = (root) => join(root, 'dist', '.build-start');

/** True when `dist/` was built by a successful `npm run build` that started after the last source change. */
export function distIsFresh(root) {
  if (!existsSync(join(root, 'dist', 'src', 'cli', 'bin.js'))) return false;
  let stamped;
  try {
    stamped = statSync(stampFile(root)).mtimeMs;
  } catch (error) {
    if (error.code === 'ENOENT') return false;
    throw error;
  }
  return stamped > newestSourceMtime(root);
}

/** `prebuild`: no stamp while building (a failed build leaves none); the start time is the note's mtime. */
export function beginBuild(root) {
  rmSync(stampFile(root), { force: true });
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(startFile(root), 'npm run build in progress (or failed): the launcher uses tsx\n');
}

/** `postbuild`: the build succeeded; the stamp keeps the start time (a rename keeps the mtime). */
export function finishBuild(root) {
  renameSync(startFile(root), stampFile(root));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const step = process.argv[2];
  if (step === 'start') beginBuild(root);
  else if (step === 'finish') finishBuild(root);
  else {
    process.stderr.write(`dist-stamp: unknown step ${JSON.stringify(step)}; use start or finish\n`);
    process.exitCode = 64;
  }
}
