/**
 * `membank doctor` says whether Vikunja can deliver `sync --watch` webhooks to the listener's URL: a loopback or
 * private target is refused by Vikunja unless `outgoingrequests.allownonroutableips` is set.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliContext } from '../../../src/cli/command.js';
import { doctorCommand, type DoctorReport } from '../../../src/cli/commands/doctor.js';
import { UsageError } from '../../../src/core/errors.js';
import { silentLogger } from '../../../src/core/ports.js';
import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index.js';

const sandboxes: SandboxHandle[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
});

async function runDoctor(args: { webhookUrl?: string; json: boolean }): Promise<{ exitCode: number; output: string }> {
  const sandbox = await startSandbox();
  sandboxes.push(sandbox);
  const out: string[] = [];
  const ctx: CliContext = {
    io: { stdout: { write: (chunk: string) => out.push(chunk) }, stderr: { write: () => true }, env: {}, cwd: mkdtempSync(join(tmpdir(), 'membank-doctor-')) },
    json: args.json,
    log: silentLogger,
    signal: new AbortController().signal,
    print(value, human) {
      out.push(args.json ? `${JSON.stringify(value)}\n` : `${human}\n`);
    },
    onClose() {},
  };
  const exitCode = await doctorCommand.run({ json: args.json, logLevel: 'warn', url: sandbox.url, token: sandbox.token, ...(args.webhookUrl === undefined ? {} : { webhookUrl: args.webhookUrl }) }, ctx);
  return { exitCode, output: out.join('') };
}

describe('membank doctor: can Vikunja deliver webhooks to sync --watch?', () => {
  it('says a loopback listener is refused unless outgoingrequests.allownonroutableips is set', async () => {
    const { exitCode, output } = await runDoctor({ webhookUrl: 'http://127.0.0.1:8787/webhook', json: false });
    expect(exitCode).toBe(0);
    expect(output).toMatch(/webhooks\s+sync --watch: http:\/\/127\.0\.0\.1:8787\/webhook resolves to 127\.0\.0\.1, a loopback\/private address: Vikunja refuses to deliver there unless its config sets outgoingrequests\.allownonroutableips: true/);
    expect(output).toContain('--interval');
  });

  it('reports a routable target as deliverable, in --json too', async () => {
    const { output } = await runDoctor({ webhookUrl: 'http://93.184.216.34/membank/webhook', json: true });
    const report = JSON.parse(output) as DoctorReport;
    expect(report.webhooks).toEqual({
      targetUrl: 'http://93.184.216.34/membank/webhook',
      addresses: ['93.184.216.34'],
      nonRoutable: null,
      advice: expect.stringContaining('a routable address'),
    });
  });

  it('refuses a --webhook-url that is not an http(s) URL', async () => {
    await expect(runDoctor({ webhookUrl: 'ftp://example.com/hook', json: false })).rejects.toThrow(UsageError);
    await expect(runDoctor({ webhookUrl: 'not a url', json: false })).rejects.toThrow(/is not a URL/);
  });
});
