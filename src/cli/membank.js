#!/usr/bin/env node
/**
 * The `membank` command as installed by npm. In a published package (which ships without `src/`) it runs the
 * compiled `dist/`. In a clone it runs `dist/` too when `npm run build` (run by `npm ci` through `prepare`) built
 * it from the sources exactly as they are now (`dist-stamp.js`: each file's path, size, mtime and ctime); otherwise —
 * a source edited, added, removed or put back since, or never built — it runs the TypeScript sources through tsx,
 * so it never runs stale code.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('./bin.ts', import.meta.url);
const compiled = new URL('../../dist/src/cli/bin.js', import.meta.url);
if (!existsSync(source)) {
  await import(compiled.href);
} else {
  const { distIsFresh } = await import('./dist-stamp.js');
  if (distIsFresh(fileURLToPath(new URL('../../', import.meta.url)))) {
    await import(compiled.href);
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import(source.href);
  }
}
