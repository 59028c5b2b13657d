/**
 * `membank completion`: yargs' bash and zsh scripts, the answers to the script's requests, and the bash script
 * driven by a real bash against the real launcher (src/cli/membank.js) on PATH.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const launcher = fileURLToPath(new URL('../../../src/cli/membank.js', import.meta.url));

describe('membank completion', () => {
  it('prints the bash script for bash, and the zsh script for zsh, from the argument or else $SHELL', async () => {
    const bash = await runCli(['completion', 'bash'], { env: { SHELL: '/usr/bin/zsh' } });
    expect(bash.code, bash.stderr).toBe(0);
    expect(bash.stdout).toContain('complete -o bashdefault -o default -F _membank_yargs_completions membank');
    expect(bash.stdout).toContain('membank --get-yargs-completions');
    const zsh = await runCli(['completion', 'zsh'], { env: { SHELL: '/bin/bash' } });
    expect(zsh.stdout.startsWith('#compdef membank\n')).toBe(true);
    expect(zsh.stdout).toContain('compdef _membank_yargs_completions membank');
    expect((await runCli(['completion'], { env: { SHELL: '/usr/bin/zsh' } })).stdout).toBe(zsh.stdout);
    expect((await runCli(['completion'], { env: { SHELL: '/bin/bash' } })).stdout).toBe(bash.stdout);
    expect((await runCli(['completion'], { env: {} })).stdout).toBe(bash.stdout);
  });

  it('refuses a shell it has no script for', async () => {
    const result = await runCli(['completion', 'fish']);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('Invalid values');
  });

  it('answers the script: command names, a command\'s own options, and an option\'s choices', async () => {
    const env = { SHELL: '/bin/bash' };
    const commands = await runCli(['--get-yargs-completions', 'membank', 'pl'], { env });
    expect(commands.code).toBe(0);
    expect(commands.stdout.split('\n')).toEqual(expect.arrayContaining(['plan', 'sync', 'show', 'init', 'completion']));
    const options = await runCli(['--get-yargs-completions', 'membank', 'plan', '--ht'], { env });
    expect(options.stdout.split('\n')).toEqual(expect.arrayContaining(['--html', '--out', '--detailed-exitcode']));
    const choices = await runCli(['--get-yargs-completions', 'membank', 'sync', './repo', '--conflicts', ''], { env });
    expect(choices.stdout.split('\n').filter((line) => line !== '')).toEqual(['report', 'prefer-memory-bank', 'prefer-vikunja', 'newest']);
  });

  it('gives zsh each candidate with its description', async () => {
    const result = await runCli(['--get-yargs-completions', 'membank', 'sh'], { env: { SHELL: '/usr/bin/zsh' } });
    expect(result.stdout).toContain("show:Show one run: its saved report, or the run's journaled operations\n");
  });

  it('completes in a real bash: the script asks the membank on PATH', () => {
    const dir = mkdtempSync(join(tmpdir(), 'membank-completion-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(launcher, join(bin, 'membank'));
    const script = join(dir, 'membank-completion.bash');
    const printed = spawnSync(join(bin, 'membank'), ['completion', 'bash'], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` } });
    expect(printed.status, printed.stderr).toBe(0);
    writeFileSync(script, printed.stdout);
    const complete = (words: string[]): string[] => {
      const run = spawnSync(
        'bash',
        ['-c', `source ${JSON.stringify(script)}; COMP_WORDS=(${words.map((word) => JSON.stringify(word)).join(' ')}); COMP_CWORD=${words.length - 1}; _membank_yargs_completions; printf '%s\\n' "\${COMPREPLY[@]}"`],
        { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}`, SHELL: '/bin/bash' } },
      );
      expect(run.status, run.stderr).toBe(0);
      return run.stdout.split('\n').filter((line) => line !== '');
    };
    expect(complete(['membank', 'pl'])).toEqual(['plan']);
    expect(complete(['membank', 'show', 'x', '--op'])).toEqual(['--open']);
  }, 60_000);
});
