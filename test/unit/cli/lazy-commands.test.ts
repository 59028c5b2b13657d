/**
 * Start-up: `membank --help` loads no command module (no state store, Vikunja client, sandbox or Markdown
 * parser) and not the logger's pino, yet lists every command; a command's own options are loaded when it is
 * named, its dependencies only when it runs (`doctor --help` loads neither the config reader nor the client).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { commands } from '../../../src/cli/commands/index.js';
import { runCli } from '../../helpers/cli.js';

const loaded = vi.hoisted(() => [] as string[]);
vi.mock('../../../src/store/index.js', async (importOriginal) => {
  loaded.push('store');
  return importOriginal();
});
vi.mock('../../../src/vikunja/index.js', async (importOriginal) => {
  loaded.push('vikunja');
  return importOriginal();
});
vi.mock('../../../src/sandbox/index.js', async (importOriginal) => {
  loaded.push('sandbox');
  return importOriginal();
});
vi.mock('../../../src/config.js', async (importOriginal) => {
  loaded.push('config');
  return importOriginal();
});
vi.mock('../../../src/cli/commands/migrate.js', async (importOriginal) => {
  loaded.push('migrate command');
  return importOriginal();
});
// Every yargs parser made is recorded (not only the first load: the module stays cached between tests).
vi.mock('yargs', async (importOriginal) => {
  const original = await importOriginal<typeof import('yargs')>();
  const make = (...args: Parameters<typeof original.default>) => {
    loaded.push('yargs');
    return original.default(...args);
  };
  return { ...original, default: make };
});

describe('CLI start-up', () => {
  it('--help lists every command with its description and loads none of their modules, nor yargs', async () => {
    const help = await runCli(['--help']);
    expect(help.code, help.stderr).toBe(0);
    for (const entry of commands) {
      expect(help.stdout).toContain(`membank ${entry.command}`);
      expect(help.stdout.replace(/\s+/g, ' ')).toContain(entry.describe.split(' ').slice(0, 6).join(' '));
    }
    expect(loaded).toEqual([]);
  });

  it('a named command is loaded with its options: migrate --help shows --dry-run', async () => {
    const help = await runCli(['migrate', '--help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('--dry-run');
    expect(loaded).toContain('migrate command');
  }, 60_000);

  it('doctor --help shows its options without loading the config reader, the Vikunja client or yargs', async () => {
    loaded.length = 0;
    const help = await runCli(['doctor', '--help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('--token-file');
    expect(loaded).toEqual([]);
  }, 60_000);

  it('bare membank (a usage error, exit 64) loads no command and not yargs; a command that runs is parsed by yargs', async () => {
    loaded.length = 0;
    const bare = await runCli([]);
    expect(bare.code).toBe(64);
    expect(loaded).toEqual([]);
    const run = await runCli(['completion', 'bash']);
    expect(run.code, run.stderr).toBe(0);
    expect(loaded).toContain('yargs');
  }, 60_000);

  it('--help and --version do not load pino; --version prints the package version', () => {
    const repo = fileURLToPath(new URL('../../../', import.meta.url));
    // A fresh process: which CommonJS modules (pino is one) were loaded by a --help run through main().
    const script = [
      "import { createRequire } from 'node:module';",
      "const { main } = await import(process.argv[1]);",
      "let out = '';",
      "const io = { stdout: { write: (c) => (out += c) }, stderr: { write: (c) => (out += c) }, env: {}, cwd: '/' };",
      "const codes = [await main(['--help'], io), await main(['--version'], io)];",
      "const pino = Object.keys(createRequire(import.meta.url).cache).filter((path) => /node_modules[\\\\/]pino[\\\\/]/.test(path));",
      "process.stdout.write(JSON.stringify({ codes, pino, out }));",
    ].join('\n');
    const result = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, new URL('../../../src/cli/main.ts', import.meta.url).href], { cwd: repo, encoding: 'utf8' }),
    ) as { codes: number[]; pino: string[]; out: string };
    expect(result.codes).toEqual([0, 0]);
    expect(result.out).toContain('membank migrate <dir>');
    const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    expect(result.out.endsWith(`\n${version}\n`)).toBe(true);
    expect(result.pino).toEqual([]);
  }, 60_000);

  it('doctor (no config file) runs without loading the YAML parser', () => {
    const repo = fileURLToPath(new URL('../../../', import.meta.url));
    const script = [
      "import { createRequire } from 'node:module';",
      "const { main } = await import(process.argv[1]);",
      "let out = '';",
      "const io = { stdout: { write: (c) => (out += c) }, stderr: { write: () => true }, env: {}, cwd: process.argv[2] };",
      "const code = await main(['doctor', '--url', 'http://127.0.0.1:9', '--json', '--log-level', 'silent'], io);",
      "const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => /node_modules[\\\\/]yaml[\\\\/]/.test(path));",
      "process.stdout.write(JSON.stringify({ code, loaded, out }));",
    ].join('\n');
    const result = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, new URL('../../../src/cli/main.ts', import.meta.url).href, tmpdir()], { cwd: repo, encoding: 'utf8' }),
    ) as { code: number; loaded: string[]; out: string };
    expect(result.code, result.out).toBe(5);
    expect((JSON.parse(result.out) as { reachable: boolean }).reachable).toBe(false);
    expect(result.loaded).toEqual([]);
  }, 60_000);

  it('parse and discover read a bank without loading the state store (better-sqlite3)', () => {
    const repo = fileURLToPath(new URL('../../../', import.meta.url));
    const bank = fileURLToPath(new URL('../../../fixtures/parser/01-task-file-headers', import.meta.url));
    const script = [
      "import { createRequire } from 'node:module';",
      "const { main } = await import(process.argv[1]);",
      "let out = '';",
      "const io = { stdout: { write: (c) => (out += c) }, stderr: { write: () => true }, env: {}, cwd: process.argv[2] };",
      "const codes = [];",
      "for (const command of ['parse', 'discover']) codes.push(await main([command, process.argv[3], '--json', '--log-level', 'silent'], io));",
      "const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => /node_modules[\\\\/]better-sqlite3[\\\\/]/.test(path));",
      "process.stdout.write(JSON.stringify({ codes, loaded, bytes: out.length }));",
    ].join('\n');
    const result = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, new URL('../../../src/cli/main.ts', import.meta.url).href, tmpdir(), bank], { cwd: repo, encoding: 'utf8' }),
    ) as { codes: number[]; loaded: string[]; bytes: number };
    expect(result.codes).toEqual([0, 0]);
    expect(result.bytes).toBeGreaterThan(0);
    expect(result.loaded).toEqual([]);
  }, 60_000);

  it("the registry's names and descriptions are the command modules' own", async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect({ command: entry.command, describe: entry.describe }).toEqual({ command: command.command, describe: command.describe });
    }
  });
});
