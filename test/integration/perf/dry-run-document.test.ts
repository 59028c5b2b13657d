/**
 * `migrate --dry-run --json` prints the same document, byte for byte, as the version before the memory work of
 * issue #12 (fast Markdown renderer, streamed inputs hash, records dropped before printing): the bench's generated
 * bank (headings, paragraphs, lists, strong, code, links, subtask tables) is planned against an empty sandbox and
 * the output, with only the run-specific values (createdAt, sandbox URL, temp folder) replaced, has the sha256
 * recorded from commit 774fe3c. Any change to a description, an op or their order changes the hash.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBigBank } from '../../../bench/big-bank.js';
import { main } from '../../../src/cli/main.js';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';

let work: string;
let sandbox: SandboxHandle;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'membank-dry-run-document-'));
  writeBigBank(join(work, 'big-repo'), 60);
  sandbox = await startSandbox({ port: 0, version: '2.5.0' });
});

afterAll(async () => {
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
});

describe('migrate --dry-run --json', () => {
  it('prints the document it printed before the memory work, byte for byte', async () => {
    let stdout = '';
    let stderr = '';
    const env = { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: join(work, 'state', 'membank.sqlite') };
    const code = await main(['migrate', join(work, 'big-repo'), '--dry-run', '--json'], {
      stdout: { write: (chunk: string) => ((stdout += chunk), true) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env,
      cwd: work,
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as { plan: { createdAt: string; ops: unknown[]; desired: Record<string, unknown> } };
    expect(Object.keys(document.plan.desired)).toHaveLength(60 * 7);
    const normalised = stdout
      .replace(`"createdAt":"${document.plan.createdAt}"`, '"createdAt":"<createdAt>"')
      .replaceAll(sandbox.url, '<url>')
      .replaceAll(work, '<work>');
    const sha256 = createHash('sha256').update(normalised).digest('hex');
    if (process.env['MEMBANK_PRINT_GOLDEN'] === '1') console.info(`golden: ${sha256} ${document.plan.ops.length} ops ${normalised.length} chars`);
    expect(document.plan.ops).toHaveLength(expectedOps);
    expect(sha256).toBe(expectedSha256);
  }, 120_000);
});

const expectedSha256 = '11652a4336211ea7d8a8a9d408d92db9f342a16d8fe3e35215216a861a0a0c3e';
const expectedOps = 1264;
