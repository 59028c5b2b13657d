import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import yargs from 'yargs';
import type { CliContext, GlobalOptions } from '../../../src/cli/command.js';
import {
  parseFaults,
  parseLatency,
  parseRateLimit,
  sandboxCommand,
  sandboxOptionsFromArgs,
  type SandboxArgs,
} from '../../../src/cli/commands/sandbox.js';
import { ConfigError, UsageError } from '../../../src/core/errors.js';
import { silentLogger } from '../../../src/core/ports.js';

interface FakeContext {
  ctx: CliContext;
  printed: { value: unknown; human: string }[];
  abort: () => void;
  closers: (() => Promise<void> | void)[];
}

function fakeContext(json: boolean): FakeContext {
  const controller = new AbortController();
  const printed: { value: unknown; human: string }[] = [];
  const closers: (() => Promise<void> | void)[] = [];
  const ctx: CliContext = {
    io: { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: process.cwd() },
    json,
    log: silentLogger,
    signal: controller.signal,
    print: (value, human) => {
      printed.push({ value, human });
    },
    onClose: (fn) => {
      closers.push(fn);
    },
  };
  return { ctx, printed, abort: () => controller.abort(), closers };
}

function args(overrides: Partial<SandboxArgs> = {}): SandboxArgs & GlobalOptions {
  return { port: 0, host: '127.0.0.1', version: '2.5.0', json: true, logLevel: 'info', ...overrides };
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error('timed out waiting');
}

describe('membank sandbox (command)', () => {
  it('starts the server, prints {url, token, version, database}, serves until the signal aborts, then closes', async () => {
    const fake = fakeContext(true);
    const running = sandboxCommand.run(
      args({ version: '2.4.0', rateLimit: '5/1m', latency: '1ms', fault: ['500=0'], prefix: '/vikunja', token: 'tk_cli', maxItemsPerPage: 9 }),
      fake.ctx,
    );
    await waitFor(() => fake.printed.length > 0);
    const printed = fake.printed[0]?.value as { url: string; token: string; version: string };
    expect(printed.token).toBe('tk_cli');
    expect(printed.version).toBe('2.4.0');
    expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/vikunja$/);
    expect(Object.keys(printed).sort()).toEqual(['database', 'token', 'url', 'version']);
    expect((printed as unknown as { database: string }).database).toBe('sqlite');
    expect(fake.printed[0]?.human).toContain(`Token: tk_cli`);
    expect(fake.printed[0]?.human).toContain(`${printed.url}/api/v1`);
    const info = await fetch(`${printed.url}/api/v1/info`);
    expect(info.status).toBe(200);
    expect(info.headers.get('x-ratelimit-limit')).toBe('5');
    const body = (await info.json()) as { version: string; max_items_per_page: number };
    expect(body).toMatchObject({ version: 'v2.4.0', max_items_per_page: 9 });
    expect(fake.closers).toHaveLength(1);
    fake.abort();
    await expect(running).resolves.toBe(0);
    await expect(fetch(`${printed.url}/api/v1/info`)).rejects.toThrow();
  });

  it('turns bad flag values into UsageErrors and a busy port into a ConfigError', async () => {
    await expect(sandboxCommand.run(args({ version: 'nope' }), fakeContext(false).ctx)).rejects.toBeInstanceOf(UsageError);
    await expect(sandboxCommand.run(args({ rateLimit: 'lots' }), fakeContext(false).ctx)).rejects.toBeInstanceOf(UsageError);
    await expect(sandboxCommand.run(args({ port: 70000 }), fakeContext(false).ctx)).rejects.toBeInstanceOf(UsageError);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const busy = sandboxCommand.run(args({ port }), fakeContext(false).ctx);
      await expect(busy).rejects.toBeInstanceOf(ConfigError);
      await expect(busy).rejects.toThrow(/--port 0/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('parses --rate-limit', () => {
    expect(parseRateLimit('100/60s')).toEqual({ limit: 100, periodSeconds: 60 });
    expect(parseRateLimit('100/1m')).toEqual({ limit: 100, periodSeconds: 60 });
    expect(parseRateLimit('10/s')).toEqual({ limit: 10, periodSeconds: 1 });
    expect(parseRateLimit('500/1h')).toEqual({ limit: 500, periodSeconds: 3600 });
    for (const bad of ['100', '0/60s', 'x/60s', '100/', '100/0s', '100/60d']) {
      expect(() => parseRateLimit(bad), bad).toThrow(UsageError);
    }
    expect(() => parseRateLimit('lots')).toThrow(/100\/60s/);
  });

  it('parses --latency', () => {
    expect(parseLatency('5ms')).toBe(5);
    expect(parseLatency('1s')).toBe(1000);
    expect(parseLatency('0.5s')).toBe(500);
    expect(parseLatency('250')).toBe(250);
    expect(() => parseLatency('fast')).toThrow(UsageError);
    expect(() => parseLatency('-5ms')).toThrow(/5ms, 1s/);
  });

  it('parses --fault entries', () => {
    expect(
      parseFaults(['500=0.2', '502=0.1', '503=0.05', 'drop=0.02', 'commit-then-drop=0.01', '429=0.1', 'burst-length=4', 'apply-to=writes', 'seed=9']),
    ).toEqual({
      error500: 0.2,
      error502: 0.1,
      error503: 0.05,
      drop: 0.02,
      commitThenDrop: 0.01,
      rateLimitBurst: 0.1,
      burstLength: 4,
      applyTo: 'writes',
      seed: 9,
    });
    expect(parseFaults([])).toBeUndefined();
    for (const bad of ['500', '500=2', 'teapot=0.1', 'apply-to=some', 'burst-length=0', 'drop=x']) {
      expect(() => parseFaults([bad]), bad).toThrow(UsageError);
    }
  });

  it('declares the flags in its builder, including --version for the emulated release', () => {
    const parsed = sandboxCommand
      .builder(yargs(['--version', '2.3.0', '--fault', '500=0.2', '--fault', 'drop=0.1', '--rate-limit', '100/60s', '--max-items-per-page', '20']))
      .parseSync() as unknown as SandboxArgs;
    expect(parsed.version).toBe('2.3.0');
    expect(parsed.fault).toEqual(['500=0.2', 'drop=0.1']);
    expect(parsed.rateLimit).toBe('100/60s');
    expect(parsed.maxItemsPerPage).toBe(20);
    expect(parsed.port).toBe(3456);
    expect(parsed.host).toBe('127.0.0.1');
  });

  it('--database postgres (with its pool options) reaches the sandbox; bad values are usage errors', async () => {
    const parsed = sandboxCommand
      .builder(yargs(['--version', '0.24.1', '--database', 'postgres', '--max-open-connections', '40']))
      .parseSync() as unknown as SandboxArgs;
    const options = sandboxOptionsFromArgs(parsed);
    expect(options).toMatchObject({ version: '0.24.1', database: 'postgres', maxOpenConnections: 40 });
    expect(() => sandboxOptionsFromArgs({ ...parsed, database: 'mysql' })).toThrow(UsageError);
    expect(() => sandboxOptionsFromArgs({ ...parsed, database: 'sqlite' })).toThrow(/postgres only/);
    expect(() => sandboxOptionsFromArgs({ ...parsed, maxOpenConnections: 0 })).toThrow(UsageError);
  });
});
