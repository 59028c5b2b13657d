/** membank's own version, read from its package.json without loading anything else. */
import { existsSync, readFileSync } from 'node:fs';

/**
 * membank's version, from the package.json above this module (`src/cli/` in a clone, `dist/src/cli/` in a
 * package); undefined when none is found.
 */
export function readOwnVersion(): string | undefined {
  let dir = new URL('.', import.meta.url);
  for (let depth = 0; depth < 5; depth++) {
    const file = new URL('package.json', dir);
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'membank' && typeof pkg.version === 'string') return pkg.version;
    }
    dir = new URL('..', dir);
  }
  return undefined;
}
