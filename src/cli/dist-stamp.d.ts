/** Types of dist-stamp.js (plain JavaScript: the launcher loads it before tsx is registered). */

/** The sources `dist/` is compiled from, one line each (path, size, mtime and ctime in ms), sorted by path. */
export function listSources(root: string): string;
/** True when `dist/` was built by a successful `npm run build` from the sources exactly as they are now. */
export function distIsFresh(root: string): boolean;
/** `prebuild`: removes the stamp and lists the sources as the build starts. */
export function beginBuild(root: string): void;
/** `postbuild`: turns the list made as the build started into the stamp. */
export function finishBuild(root: string): void;
