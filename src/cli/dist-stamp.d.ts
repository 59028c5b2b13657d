/** Types of dist-stamp.js (plain JavaScript: the launcher loads it before tsx is registered). */

/** The newest mtime (ms) of the sources `dist/` is compiled from, folders included. */
export function newestSourceMtime(root: string): number;
/** True when `dist/` was built by a successful `npm run build` that started after the last source change. */
export function distIsFresh(root: string): boolean;
/** `prebuild`: removes the stamp and notes the build's start. */
export function beginBuild(root: string): void;
/** `postbuild`: turns the note into the stamp. */
export function finishBuild(root: string): void;
