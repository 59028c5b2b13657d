/**
 * Minimal glob matching for `discover.bankGlobs`, `discover.ignore` and `discover.taskGlobs`: relative POSIX
 * paths, `*` (within one segment), `**` (any number of segments), `?` and `{a,b}`. A pattern without a slash
 * matches the last path segment anywhere (`*.tmp`, `drafts`), like .gitignore.
 */

const cache = new Map<string, RegExp>();

/** Converts a glob pattern to an anchored regular expression over a relative POSIX path. */
export function compileGlob(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  let glob = pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  if (!glob.includes('/')) glob = `**/${glob}`;
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentEnd = glob[i + 2] === '/';
        out += atSegmentEnd ? '(?:.*/)?' : '.*';
        i += atSegmentEnd ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close === -1) {
        out += '\\{';
      } else {
        out += `(?:${glob
          .slice(i + 1, close)
          .split(',')
          .map((part) => part.replace(/[.+^${}()|[\]\\*?]/g, '\\$&'))
          .join('|')})`;
        i = close;
      }
    } else {
      out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  const re = new RegExp(`^${out}$`);
  cache.set(pattern, re);
  return re;
}

/** Returns the first pattern that matches the path, or null. */
export function findMatchingGlob(path: string, patterns: readonly string[]): string | null {
  for (const pattern of patterns) {
    if (compileGlob(pattern).test(path)) return pattern;
  }
  return null;
}
