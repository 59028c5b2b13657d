/**
 * `sync` pointed at the wrong folder writes nothing anywhere — not even a state store file: a missing folder is a
 * usage error (64), a folder without a memory bank exit 3, both before the store is opened.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

describe('sync on a folder that holds no bank', () => {
  const dir = mkdtempSync(join(tmpdir(), 'membank-nobank-'));
  let runs = 0;
  // Each run its own store path: one run's file must not hide another's.
  const world = (): { state: string; env: Record<string, string> } => {
    runs += 1;
    const state = join(dir, `state-${runs}.sqlite`);
    return { state, env: { VIKUNJA_URL: 'http://127.0.0.1:9', VIKUNJA_TOKEN: 'tk_unused', MEMBANK_STATE: state } };
  };

  it.each([[[] as string[]], [['--dry-run']]])('a missing folder exits 64 and creates no state store (%j)', async (flags) => {
    const { state, env } = world();
    const run = await runCli(['sync', join(dir, 'no-such-repo'), ...flags], { env, cwd: dir });
    expect(run.code, run.stderr).toBe(64);
    expect(run.stderr).toContain('does not exist');
    expect(existsSync(state)).toBe(false);
  });

  it('a folder with no memory bank exits 3 and creates no state store', async () => {
    const empty = join(dir, 'empty-repo');
    mkdirSync(join(empty, 'src'), { recursive: true });
    writeFileSync(join(empty, 'src', 'main.ts'), 'export {};\n');
    const { state, env } = world();
    const run = await runCli(['sync', empty], { env, cwd: dir });
    expect(run.code, run.stderr).toBe(3);
    expect(existsSync(state)).toBe(false);
  });
});
