/**
 * Whether a clone's compiled `dist/` may stand in for its TypeScript sources, so the launcher (`membank.js`)
 * skips tsx (a third to half a second of start-up) without ever running stale code. `npm run build` stamps the
 * build with what it compiled: `prebuild` removes the old stamp and lists every file under `src/` and `jobs/` and
 * `tsconfig.json` and `package.json` — path, size, mtime and ctime — as the build starts; `postbuild` (run only when
 * tsc succeeded) turns that list into the stamp. `dist/` is fresh while the sources list the same: a file added,
 * removed, resized or with any other mtime — newer, or older as tar, `cp -p` or a restored backup leave it — or any
 * other ctime (which no tool sets back) sends the launcher back to tsx until the next build. Plain JavaScript: it
 * runs before tsx is registered. Usage: `node src/cli/dist-stamp.js start|finish`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sourceFolders = ['src', 'jobs'];
const sourceFiles = ['tsconfig.json', 'package.json'];
const header = 'membank build stamp: the sources dist/ was compiled from (path, size, mtime ms, ctime ms)\n';

/**
 * The sources `dist/` is compiled from, one line each — path (relative to `root`), size, mtime and ctime in
 * milliseconds (a double: sub-microsecond precision; any write or `utimes` also moves the ctime) — sorted by path:
 * what the build stamp records and `distIsFresh` compares.
 */
export function listSources(root) {
  const lines = [];
  const add = (path, name) => {
    const stat = statSync(path);
    lines.push(`${name}\t${stat.size}\t${stat.mtimeMs}\t${stat.ctimeMs}`);
  };
  const visit = (folder, name) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) visit(join(folder, entry.name), `${name}/${entry.name}`);
      else add(join(folder, entry.name), `${name}/${entry.name}`);
    }
  };
  for (const folder of sourceFolders) if (existsSync(join(root, folder))) visit(join(root, folder), folder);
  for (const file of sourceFiles) if (existsSync(join(root, file))) add(join(root, file), file);
  return `${lines.sort().join('\n')}\n`;
}

const stampFile = (root) => join(root, 'dist', '.build-stamp');
const startFile = (root) => join(root, 'dist', '.build-start');

/** True when `dist/` was built by a successful `npm run build` from the sources exactly as they are now. */
export function distIsFresh(root) {
  if (!existsSync(join(root, 'dist', 'src', 'cli', 'bin.js'))) return false;
  let stamped;
  try {
    stamped = readFileSync(stampFile(root), 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return false;
    throw error;
  }
  return stamped === header + listSources(root);
}

/** `prebuild`: no stamp while building (a failed build leaves none); the sources as the build starts to read them. */
export function beginBuild(root) {
  rmSync(stampFile(root), { force: true });
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(startFile(root), header + listSources(root));
}

/** `postbuild`: the build succeeded; the list made as it started becomes the stamp. */
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
