/**
 * The README can never drift from the CLI: this test reads README.md's shell blocks and runs every block marked
 * `<!-- readme-test: run -->` exactly as printed — `npx membank …` in a fresh copy of the repository (the files a
 * clone holds, with this checkout's node_modules linked in, as after `npm ci`) — against a sandbox it starts, and
 * checks each command's documented exit code (`→ exit N` at the end of its comment).
 *
 * What the README leaves to the reader is set up here: `VIKUNJA_URL` points at the sandbox, the API token is in
 * `~/.vikunja-token` (HOME is a temporary folder), `./my-repo` is a copy of the demo bank without its deliberately
 * broken files, and `<run-id>` is the first run id the latest command printed. npm runs offline with an empty
 * cache, so a command that tried to reach the registry fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config.js';
import { startSandbox } from '../../../src/sandbox/index.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const runIdPattern = /\b\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-[0-9a-z]{6}\b/;

/** One shell block of the README and the marker line above it. */
interface ReadmeBlock {
  line: number;
  marker: 'run' | 'skip' | null;
  commands: ReadmeCommand[];
}

/** One command line of a block, with the exit code its comment documents. */
interface ReadmeCommand {
  line: number;
  text: string;
  exit: number | null;
}

/** Splits README.md into its ```sh blocks; reads the `<!-- readme-test: … -->` marker right above each. */
export function readReadmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    if (lines[index]?.trim() !== '```sh') continue;
    const above = lines[index - 1]?.trim() ?? '';
    const marker = /^<!-- readme-test: (run|skip)\b/.exec(above)?.[1] as 'run' | 'skip' | undefined;
    const block: ReadmeBlock = { line: index + 1, marker: marker ?? null, commands: [] };
    for (index += 1; index < lines.length && lines[index]?.trim() !== '```'; index += 1) {
      const text = lines[index] ?? '';
      if (text.trim() === '' || text.trim().startsWith('#')) continue;
      const exit = /→ exit (\d+)/.exec(text.slice(text.indexOf(' #')))?.[1];
      block.commands.push({ line: index + 1, text, exit: exit === undefined || !text.includes(' #') ? null : Number(exit) });
    }
    blocks.push(block);
  }
  return blocks;
}

function copyRepository(target: string): void {
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repo, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter((name) => name !== '')) {
    const from = join(repo, file);
    try {
      mkdirSync(dirname(join(target, file)), { recursive: true });
      cpSync(from, join(target, file));
    } catch (error) {
      // A file listed by git but deleted in the working tree is not part of the copy.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  symlinkSync(join(repo, 'node_modules'), join(target, 'node_modules'), 'dir');
}

function runShell(command: string, cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code: code ?? (signal === null ? -1 : 128), stdout, stderr }));
  });
}

const readme = readFileSync(join(repo, 'README.md'), 'utf8');
const blocks = readReadmeBlocks(readme);

describe('README.md', () => {
  it('marks every shell block as run or skipped (with a reason), and documents the exit code of every membank command it runs', () => {
    expect(blocks.filter((block) => block.marker === null).map((block) => `README.md:${block.line}`)).toEqual([]);
    const runnable = blocks.filter((block) => block.marker === 'run');
    expect(runnable.length).toBeGreaterThan(0);
    const undocumented = runnable
      .flatMap((block) => block.commands)
      .filter((command) => command.text.includes('membank') && command.exit === null)
      .map((command) => `README.md:${command.line}: ${command.text}`);
    expect(undocumented).toEqual([]);
  });

  it('shows config files that membank accepts (every ```json block)', () => {
    const jsonBlocks = [...readme.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
    expect(jsonBlocks.length).toBeGreaterThan(0);
    for (const block of jsonBlocks) {
      const dir = mkdtempSync(join(tmpdir(), 'membank-readme-config-'));
      try {
        writeFileSync(join(dir, 'membank.config.json'), block);
        expect(() => resolveConfig({}, {}, dir)).not.toThrow();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  describe('runs its "run" blocks as written, on a fresh copy of the repository, against a sandbox', () => {
    let work: string;
    let sandbox: Awaited<ReturnType<typeof startSandbox>>;

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'membank-readme-'));
      copyRepository(join(work, 'clone'));
      const bank = join(work, 'clone', 'my-repo');
      cpSync(join(repo, 'fixtures', 'demo'), bank, { recursive: true });
      // The demo bank's deliberate problems would make `validate` exit 3; the walkthrough shows a clean bank.
      rmSync(join(bank, 'memory-bank', 'features', 'share-links.md'));
      rmSync(join(bank, 'memory-bank', 'notes', 'scratch.md'));
      sandbox = await startSandbox({ port: 0 });
      mkdirSync(join(work, 'home'));
      writeFileSync(join(work, 'home', '.vikunja-token'), `${sandbox.token}\n`, { mode: 0o600 });
    });

    afterAll(async () => {
      await sandbox?.close();
      if (work !== undefined) rmSync(work, { recursive: true, force: true });
    });

    for (const block of blocks.filter((candidate) => candidate.marker === 'run')) {
      it(`README.md:${block.line}`, async () => {
        const clone = join(work, 'clone');
        const envFile = join(work, 'shell-env');
        writeFileSync(envFile, '');
        const env: Record<string, string> = {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          HOME: join(work, 'home'),
          LANG: 'C.UTF-8',
          VIKUNJA_URL: sandbox.url,
          npm_config_cache: join(work, 'npm-cache'),
          npm_config_offline: 'true',
          npm_config_update_notifier: 'false',
        };
        let lastRunId: string | undefined;
        for (const command of block.commands) {
          let text = command.text;
          if (text.includes('<run-id>')) {
            expect(lastRunId, `README.md:${command.line} needs a run id, but no earlier command printed one`).toBeDefined();
            text = text.replaceAll('<run-id>', lastRunId ?? '');
          }
          // Each command runs in its own bash, with the variables earlier lines exported (`export …`).
          const script = `source ${JSON.stringify(envFile)}\n${text}\nstatus=$?\nexport -p > ${JSON.stringify(envFile)}\nexit $status`;
          const result = await runShell(script, clone, env);
          const where = `README.md:${command.line}: ${command.text.trim()}\n--- stdout\n${result.stdout.slice(-3000)}\n--- stderr\n${result.stderr.slice(-3000)}`;
          expect(result.code, where).toBe(command.exit ?? 0);
          const printed = runIdPattern.exec(result.stdout)?.[0];
          if (printed !== undefined) lastRunId = printed;
        }
      }, 600_000);
    }
  });
});
