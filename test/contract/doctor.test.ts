/**
 * `membank doctor` run in-process with a fake CliContext against sandboxes (and a closed port).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliContext, GlobalOptions } from '../../src/cli/command.js';
import { doctorCommand, type DoctorArgs, type DoctorReport } from '../../src/cli/commands/doctor.js';
import { ConfigError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/ports.js';
import type { SandboxOptions } from '../../src/sandbox/index.js';
import { startSandboxTarget, type VikunjaTarget } from '../helpers/vikunja-target.js';

const targets: VikunjaTarget[] = [];
afterEach(async () => {
  await Promise.all(targets.splice(0).map((target) => target.close()));
});

async function sandbox(options: SandboxOptions = {}) {
  const target = await startSandboxTarget(options);
  targets.push(target);
  return target;
}

async function runDoctor(args: DoctorArgs & { json?: boolean }, env: Record<string, string> = {}) {
  const out: string[] = [];
  const json = args.json ?? false;
  const ctx: CliContext = {
    io: { stdout: { write: (chunk: string) => out.push(chunk) }, stderr: { write: () => true }, env, cwd: mkdtempSync(join(tmpdir(), 'membank-doctor-')) },
    json,
    log: silentLogger,
    signal: new AbortController().signal,
    print(value, human) {
      out.push(json ? `${JSON.stringify(value)}\n` : `${human}\n`);
    },
    onClose() {},
  };
  const globals: GlobalOptions = { json, logLevel: 'warn' };
  const exitCode = await doctorCommand.run({ ...globals, ...args }, ctx);
  return { exitCode, output: out.join('') };
}

describe('membank doctor', () => {
  it('reports a healthy 2.5 server: v2 paths, bulk create, serialised writes, and an OK verdict', async () => {
    const target = await sandbox();
    const { exitCode, output } = await runDoctor({ url: target.url, token: target.token });
    expect(exitCode).toBe(0);
    expect(output).toContain('Vikunja v2.5.0');
    expect(output).toContain('v2 PATCH');
    expect(output).toContain('tasks/bulk, up to 100 tasks per request');
    expect(output).toContain('one at a time');
    expect(output).toContain('no X-RateLimit headers seen');
    expect(output).toMatch(/^OK: membank can use Vikunja v2\.5\.0 at .* as sandbox/m);
    expect(output).not.toContain(target.token);
  });

  it('--json prints one object with the findings, without the token', async () => {
    const target = await sandbox({ version: '1.0.0', maxItemsPerPage: 30 });
    const { exitCode, output } = await runDoctor({ url: target.url, token: target.token, json: true });
    expect(exitCode).toBe(0);
    const report = JSON.parse(output) as DoctorReport;
    expect(report).toMatchObject({
      ok: true,
      exitCode: 0,
      reachable: true,
      token: { provided: true, valid: true, user: { username: 'sandbox' } },
      server: { version: 'v1.0.0', v2Patch: false, v2BulkCreate: false, maxItemsPerPage: 30, concurrentWrites: false, supported: true },
      willUse: { api: 'v1', bulkCreate: false, pageSize: 30, writeConcurrency: 1 },
    });
    expect(report.willUse?.taskUpdates).toMatch(/read-modify-write/);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).not.toContain(target.token);
  });

  it('reads VIKUNJA_URL / VIKUNJA_TOKEN, and --token-file', async () => {
    const target = await sandbox({ pathPrefix: '/vikunja', concurrentWrites: true, rateLimit: { limit: 100, periodSeconds: 60 } });
    const fromEnv = await runDoctor({}, { VIKUNJA_URL: target.url, VIKUNJA_TOKEN: target.token });
    expect(fromEnv.exitCode).toBe(0);
    expect(fromEnv.output).toContain('/vikunja');
    expect(fromEnv.output).toMatch(/100 requests per window, \d+ left/);
    expect(fromEnv.output).toContain('up to 4 in parallel');

    const file = join(mkdtempSync(join(tmpdir(), 'membank-token-')), 'token');
    writeFileSync(file, `${target.token}\n`);
    const fromFile = await runDoctor({ url: target.url, tokenFile: file });
    expect(fromFile.exitCode).toBe(0);
    expect(fromFile.output).not.toContain(target.token);
  });

  it('exits 1 when the token is rejected, says how to fix it, and never prints the token', async () => {
    const target = await sandbox();
    const wrong = `tk_${'ab'.repeat(20)}`;
    const { exitCode, output } = await runDoctor({ url: target.url, token: wrong });
    expect(exitCode).toBe(1);
    expect(output).toMatch(/token\s+REJECTED/);
    expect(output).toMatch(/^FAIL: the token was rejected \(401 on GET \/api\/v1\/projects/m);
    expect(output).toContain('Settings → API Tokens');
    // Nothing about what membank would use: it will not run with this token.
    expect(output).not.toContain('membank will use');
    expect(output).not.toContain(wrong);
    expect(output).not.toContain(target.token);
  });

  it.each(['0.24.1', '1.0.0', '2.5.0'])('passes on %s with a valid API token, whatever /user answers a token', async (version) => {
    const target = await sandbox({ version });
    const { exitCode, output } = await runDoctor({ url: target.url, token: target.token });
    expect(exitCode).toBe(0);
    expect(output).toMatch(/^OK: membank can use Vikunja/m);
    if (version === '0.24.1') {
      expect(output).toMatch(/token\s+accepted \(GET \/api\/v1\/projects; Vikunja v0\.24\.1 never lets API tokens read \/user\)/);
      expect(output).toMatch(/as its API token/);
      expect(output).toContain('concurrent_writes not reported');
    }
  });

  it('on 0.24.1 a wrong token is still rejected (a 401 on a route every token may call)', async () => {
    const target = await sandbox({ version: '0.24.1' });
    const { exitCode, output } = await runDoctor({ url: target.url, token: `tk_${'cd'.repeat(20)}` });
    expect(exitCode).toBe(1);
    expect(output).toMatch(/token\s+REJECTED/);
    expect(output).not.toContain('membank will use');
  });

  it('names one page size per API, never two for the same thing', async () => {
    const v2 = await runDoctor({ url: (await sandbox({ version: '2.5.0' })).url, token: targets.at(-1)!.token });
    expect(v2.output).not.toMatch(/page size/);
    expect(v2.output).toMatch(/v2 GET \/api\/v2\/projects\/\{id\}\/tasks, 1000 per page \(other lists: v1, 50 per page\)/);
    const v1 = await runDoctor({ url: (await sandbox({ version: '0.24.1' })).url, token: targets.at(-1)!.token });
    expect(v1.output).toMatch(/v1 GET \/api\/v1\/projects\/\{id\}\/tasks, 50 per page/);
    // 1000 as a number of its own: the sandbox's port (say 127.0.0.1:41000) may hold the digits.
    expect(v1.output).not.toMatch(/(?<![\d:])1000(?!\d)/u);
  });

  it('exits 1 without a token, after checking the server', async () => {
    const target = await sandbox();
    const { exitCode, output } = await runDoctor({ url: target.url });
    expect(exitCode).toBe(1);
    expect(output).toContain('Vikunja v2.5.0');
    expect(output).toMatch(/^FAIL: no API token/m);
  });

  it('exits 5 when the server is unreachable', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { exitCode, output } = await runDoctor({ url: `http://127.0.0.1:${port}/vikunja`, token: 'tk_x', json: true });
    expect(exitCode).toBe(5);
    const report = JSON.parse(output) as DoctorReport;
    expect(report).toMatchObject({ ok: false, reachable: false, exitCode: 5 });
    expect(report.verdict).toMatch(/unreachable/);
    expect(report.problems[0]).toMatch(/ECONNREFUSED/);
  });

  it('exits 1 with a path-prefix hint when something other than Vikunja answers', async () => {
    const target = await sandbox({ pathPrefix: '/vikunja' });
    const { exitCode, output } = await runDoctor({ url: target.url.replace(/\/vikunja$/, '/wrong'), token: target.token });
    expect(exitCode).toBe(1);
    expect(output).toMatch(/path prefix/);
  });

  it('refuses to run without a URL', async () => {
    await expect(runDoctor({ token: 'x' })).rejects.toBeInstanceOf(ConfigError);
  });
});
