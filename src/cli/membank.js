#!/usr/bin/env node
/**
 * The `membank` command as installed by npm: runs the TypeScript sources through tsx in a clone (no build
 * step), or the compiled `dist/` in a published package (which ships without `src/`).
 */
import { existsSync } from 'node:fs';

const source = new URL('./bin.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../../dist/src/cli/bin.js', import.meta.url).href);
}
