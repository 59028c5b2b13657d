import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext, GlobalOptions } from '../../../src/cli/command.js';
import { createDiscoverCommand, discoverCommand, type DiscoverArgs } from '../../../src/cli/commands/discover.js';
import { createDefaultConfig } from '../../../src/core/config.js';
import { ConfigError } from '../../../src/core/errors.js';
import { silentLogger } from '../../../src/core/ports.js';

const fixtureDir = fileURLToPath(new URL('../../../fixtures/bad/', import.meta.url));

/** A CliContext that collects what the command prints. */
function createFakeContext(json: boolean, cwd: string): CliContext & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    io: { stdout: { write: (c: string) => out.push(c) }, stderr: { write: () => true }, env: {}, cwd },
    json,
    log: silentLogger,
    signal: new AbortController().signal,
    print(value, human) {
      out.push(json ? `${JSON.stringify(value, null, 2)}\n` : human);
    },
    onClose() {},
  };
}

function args(dir: string, extra: Partial<DiscoverArgs & GlobalOptions> = {}): DiscoverArgs & GlobalOptions {
  return { dir, json: false, logLevel: 'silent', ...extra };
}

describe('membank discover', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'membank-discover-cli-'));
    cpSync(fixtureDir, root, { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints banks, conventions, counts per kind and problems; exit 0 despite bad files', async () => {
    const ctx = createFakeContext(false, root);
    const code = await discoverCommand.run(args('.'), ctx);
    expect(code).toBe(0);
    const text = ctx.out.join('');
    expect(text).toContain(`Found 1 memory bank under ${root}`);
    expect(text).toMatch(/ {2}memory-bank {2}\[tasks-folder, frontmatter\] {2}15 files — folder named memory-bank/);
    expect(text).toMatch(/\n {2}task-document +3\n/);
    expect(text).toMatch(/\n {2}ignored +5\n/);
    expect(text).toContain('Problems: 4 (2 errors, 2 warnings)');
    expect(text).toContain(
      '  error   memory-bank/latin1.md:3 — file is not valid UTF-8 (invalid UTF-8 at byte 31 (bytes e9 20 63 72)) — received: "invalid UTF-8 at byte 31 (bytes e9 20 63 72)" — fix: re-save the file as UTF-8',
    );
    expect(text).toContain('Run with --explain');
  });

  it('explains every file on one line: kind, path, reason, extractors', async () => {
    const ctx = createFakeContext(false, root);
    await discoverCommand.run(args('memory-bank', { explain: true }), ctx);
    const text = ctx.out.join('');
    expect(text).toContain('  task-list         progress.md  — progress.md: status sections "what works", "what\'s left to build" — the section is the status  [section-list]');
    expect(text).toContain('  ignored           empty.md  — empty file (0 bytes)\n');
    expect(text).not.toContain('Run with --explain');
  });

  it('prints the DiscoverResult as JSON without file texts (unless --include-text)', async () => {
    const ctx = createFakeContext(true, root);
    await discoverCommand.run(args('.', { json: true }), ctx);
    const parsed = JSON.parse(ctx.out.join('')) as { root: string; banks: unknown[]; files: Record<string, unknown>[]; problems: unknown[] };
    expect(parsed.root).toBe(root);
    expect(parsed.banks).toHaveLength(1);
    expect(parsed.files).toHaveLength(15);
    expect(parsed.files.every((f) => !('text' in f))).toBe(true);
    expect(parsed.files[0]).toEqual(expect.objectContaining({ path: 'memory-bank/activeContext.md', kind: 'context-document', eol: 'lf' }));

    const withText = createFakeContext(true, root);
    await discoverCommand.run(args('.', { json: true, includeText: true }), withText);
    const full = JSON.parse(withText.out.join('')) as { files: { path: string; text: string | null }[] };
    expect(full.files.find((f) => f.path === 'memory-bank/progress.md')?.text).toContain('## What Works');
  });

  it('fails with a ConfigError (exit 1) when the folder does not exist', async () => {
    const ctx = createFakeContext(false, root);
    const run = discoverCommand.run(args('no-such-folder'), ctx);
    await expect(run).rejects.toBeInstanceOf(ConfigError);
    await expect(discoverCommand.run(args('no-such-folder'), ctx)).rejects.toMatchObject({ exitCode: 64 });
    expect(ctx.out).toEqual([]);
  });

  it('takes the resolved configuration from its factory', async () => {
    const config = createDefaultConfig();
    const command = createDiscoverCommand({ config: () => ({ ...config, discover: { ...config.discover, ignore: ['*.txt'] } }) });
    const ctx = createFakeContext(false, root);
    await command.run(args('.', { explain: true }), ctx);
    expect(ctx.out.join('')).toContain('notes.txt  — matches discover.ignore "*.txt"');
  });

  it('declares its options and examples for yargs', async () => {
    let help = '';
    await yargs()
      .scriptName('membank')
      .wrap(null)
      .command(discoverCommand.command, discoverCommand.describe, discoverCommand.builder)
      .exitProcess(false)
      .parseAsync(['discover', '--help'], {}, (_err, _argv, output) => {
        help = output;
      });
    expect(help).toContain('--explain');
    expect(help).toContain('--include-text');
    expect(help).toContain('membank discover ./memory_bank --explain');
  });
});
