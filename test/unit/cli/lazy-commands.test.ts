/**
 * Start-up: `membank --help` loads no command module (no state store, Vikunja client, sandbox or Markdown
 * parser), yet lists every command; a command's own options are loaded when it is named.
 */
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
vi.mock('../../../src/cli/commands/migrate.js', async (importOriginal) => {
  loaded.push('migrate command');
  return importOriginal();
});

describe('CLI start-up', () => {
  it('--help lists every command with its description and loads none of their modules', async () => {
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
  });

  it("the registry's names and descriptions are the command modules' own", async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect({ command: entry.command, describe: entry.describe }).toEqual({ command: command.command, describe: command.describe });
    }
  });
});
