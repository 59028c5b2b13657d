/**
 * `--help` is printed by membank's own renderer (src/cli/help.ts), without loading yargs. yargs stays the reference:
 * for the top-level help, every command's help, the usual ways of asking for it and several terminal widths, the
 * output, exit code and stderr are exactly what yargs prints for the same declarations.
 */
import { describe, expect, it } from 'vitest';
import { commands } from '../../../src/cli/commands/index.js';
import { renderHelp } from '../../../src/cli/help.js';
import { main } from '../../../src/cli/main.js';
import { defineCommand } from '../../../src/cli/command.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], columns: number | undefined, helpRenderer: 'own' | 'yargs'): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    {
      stdout: { write: (chunk: string) => (stdout += chunk), ...(columns === undefined ? {} : { columns }) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env: {},
      cwd: process.cwd(),
    },
    { helpRenderer },
  );
  return { code, stdout, stderr };
}

const names = commands.map((entry) => entry.command.split(' ')[0] ?? entry.command);

describe('--help without yargs', () => {
  it.each([undefined, 40, 72, 80, 110, 200])('top-level and every command: the same text yargs prints (terminal width %s)', async (columns) => {
    for (const argv of [['--help'], ['-h'], ...names.map((name) => [name, '--help'])]) {
      const own = await run(argv, columns, 'own');
      const reference = await run(argv, columns, 'yargs');
      expect({ argv, ...own }).toEqual({ argv, ...reference });
      expect(own.code).toBe(0);
    }
  }, 120_000);

  it.each([
    [['migrate', './repo', '--help']],
    [['--json', '--help']],
    [['--log-level', 'debug', 'plan', '--help']],
    [['--help', 'doctor']],
    [['doctor', '-h', '--json']],
    [['doctor', '--no-such-flag', '--help']],
    [['--log-level', 'nonsense', '--help']],
    [['sandbox', '--port', 'x', '--help']],
    [['migrate', '--help', '--', 'x']],
    [['validate', '--', '--help']],
    [['doctor', '--help', '--version']],
    [['frobnicate', '--help']],
    [[]],
  ])('%j: the same output and exit code as yargs', async (argv) => {
    const own = await run(argv, undefined, 'own');
    const reference = await run(argv, undefined, 'yargs');
    expect(own).toEqual(reference);
  }, 60_000);

  it('the top-level help lists every command, every global option, the exit codes and the environment', async () => {
    const help = await run(['--help'], 100, 'own');
    for (const entry of commands) expect(help.stdout).toContain(`membank ${entry.command}`);
    for (const option of ['--json', '--log-level', '--color', '-q, --quiet', '-v, --verbose', '--config', '--version', '-h, --help']) {
      expect(help.stdout).toContain(option);
    }
    expect(help.stdout).toContain('64  usage or configuration error');
    expect(help.stdout).toContain('Environment: VIKUNJA_URL, VIKUNJA_TOKEN');
  });

  it('an option several commands share reads the same in each of their helps', async () => {
    const described = new Map<string, Set<string>>();
    // init's --url/--project are what it writes into a config; sandbox's --token is the one it accepts.
    for (const name of names.filter((candidate) => candidate !== 'init' && candidate !== 'sandbox')) {
      const help = await run([name, '--help'], 200, 'own');
      for (const match of help.stdout.matchAll(/^ {2,}(--(?:state|url|token|token-file|project|config))\s{2,}(.+?)\s{2,}\[/gmu)) {
        const option = match[1] ?? '';
        const set = described.get(option) ?? new Set<string>();
        set.add(match[2] ?? '');
        described.set(option, set);
      }
    }
    expect(described.get('--state')?.size ?? 0).toBeGreaterThan(0);
    for (const [option, texts] of described) expect({ option, texts: [...texts] }).toEqual({ option, texts: [...texts].slice(0, 1) });
  }, 60_000);

  it("a command's help shows its examples", async () => {
    const help = await run(['doctor', '--help'], 100, 'own');
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('membank doctor --json');
  });

  it('bare membank is a usage error (exit 64) naming the way to the list of commands', async () => {
    const bare = await run([], undefined, 'own');
    expect(bare).toEqual({ code: 64, stdout: '', stderr: 'membank: Name a command: membank --help lists them.\nRun membank --help for usage.\n' });
  });

  it('a builder that calls what the renderer does not model gets no help from it (main then asks yargs)', () => {
    const entry = { command: 'odd', describe: 'an odd command', load: async () => odd };
    const odd = defineCommand({
      command: 'odd',
      describe: 'an odd command',
      builder: (yargs) => yargs.option('a', { type: 'string', describe: 'a' }).group(['a'], 'Grouped:'),
      run: async () => 0,
    });
    expect(renderHelp([entry], { entry, module: odd }, 100)).toBeUndefined();
    const hidden = defineCommand({ ...odd, builder: (yargs) => yargs.option('b', { type: 'string', hidden: true }) });
    expect(renderHelp([entry], { entry, module: hidden }, 100)).toBeUndefined();
    const plain = defineCommand({ ...odd, builder: (yargs) => yargs.option('c', { type: 'string', describe: 'see' }) });
    expect(renderHelp([entry], { entry, module: plain }, 100)).toContain('--c');
  });
});
