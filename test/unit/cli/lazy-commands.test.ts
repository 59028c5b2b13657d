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

/**
 * Runs `main` with each argv in turn in a fresh Node process (cwd: the OS temp folder) and says which files of the
 * CommonJS package `packageName` that process loaded, the exit codes and everything written to stdout.
 */
function runMainInFreshProcess(runs: string[][], packageName: string): { codes: number[]; loaded: string[]; out: string } {
  const repo = fileURLToPath(new URL('../../../', import.meta.url));
  const script = [
    "import { createRequire } from 'node:module';",
    'const [mainUrl, cwd, runsJson, packageName] = process.argv.slice(1);',
    'const { main } = await import(mainUrl);',
    "let out = '';",
    'const io = { stdout: { write: (c) => (out += c) }, stderr: { write: () => true }, env: {}, cwd };',
    'const codes = [];',
    'for (const argv of JSON.parse(runsJson)) codes.push(await main(argv, io));',
    "const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => path.split(/[\\\\/]/).join('/').includes(`node_modules/${packageName}/`));",
    'process.stdout.write(JSON.stringify({ codes, loaded, out }));',
  ].join('\n');
  const mainUrl = new URL('../../../src/cli/main.ts', import.meta.url).href;
  return JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, mainUrl, tmpdir(), JSON.stringify(runs), packageName], { cwd: repo, encoding: 'utf8' }),
  ) as { codes: number[]; loaded: string[]; out: string };
}

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
    const result = runMainInFreshProcess([['--help'], ['--version']], 'pino');
    expect(result.codes).toEqual([0, 0]);
    expect(result.out).toContain('membank migrate <dir>');
    const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    expect(result.out.endsWith(`\n${version}\n`)).toBe(true);
    expect(result.loaded).toEqual([]);
  }, 60_000);

  it('doctor (no config file) runs without loading the YAML parser', () => {
    const result = runMainInFreshProcess([['doctor', '--url', 'http://127.0.0.1:9', '--json', '--log-level', 'silent']], 'yaml');
    expect(result.codes, result.out).toEqual([5]);
    expect((JSON.parse(result.out) as { reachable: boolean }).reachable).toBe(false);
    expect(result.loaded).toEqual([]);
  }, 60_000);

  it('parse and discover read a bank without loading the state store (better-sqlite3)', () => {
    const bank = fileURLToPath(new URL('../../../fixtures/parser/01-task-file-headers', import.meta.url));
    const result = runMainInFreshProcess(
      ['parse', 'discover'].map((command) => [command, bank, '--json', '--log-level', 'silent']),
      'better-sqlite3',
    );
    expect(result.codes).toEqual([0, 0]);
    expect(result.out.length).toBeGreaterThan(0);
    expect(result.loaded).toEqual([]);
  }, 60_000);

  it("the registry's names and descriptions are the command modules' own", async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect({ command: entry.command, describe: entry.describe }).toEqual({ command: command.command, describe: command.describe });
    }
  });
});
