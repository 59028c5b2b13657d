/**
 * Set-up for the `sync --watch` proofs: a migrated world whose sandbox delivers webhooks to loopback targets (as a
 * Vikunja with `outgoingrequests.allownonroutableips: true` does), and the real CLI spawned as a long-running child
 * with `--listen 127.0.0.1:0 --json`, read line by line.
 */
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { SandboxOptions } from '../../../src/sandbox/index.js';
import { type E2eWorld, setupE2eWorld, spawnCli, waitExit } from '../sync/e2e-helpers.js';

/** A running watcher. */
export interface Watcher {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  url: string;
  webhookUrl: string;
  /** Every JSON line printed so far. */
  lines: any[];
  stderr(): string;
  health(): Promise<{ status: number; body: any }>;
  /** Series → value from `GET /metrics`. */
  metrics(): Promise<Map<string, number>>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Polls `check` every 50 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A migrated world with `memory-bank/tasks.md` holding `items` as open checklist lines. */
export async function setupWatchWorld(
  closers: Array<() => Promise<void> | void>,
  options: { version?: string; items: readonly string[]; sandbox?: SandboxOptions; config?: Record<string, unknown> },
): Promise<E2eWorld> {
  return setupE2eWorld(closers, {
    version: options.version ?? '2.5.0',
    files: { 'tasks.md': `# Tasks\n\n${options.items.map((item) => `- [ ] ${item}\n`).join('')}` },
    sandbox: { webhooks: { allowNonRoutable: true }, ...options.sandbox },
    config: { vikunja: { retries: 1, retryBaseMs: 20 }, ...options.config },
  });
}

/** Spawns `membank sync <repo> --watch --listen 127.0.0.1:0 --json` and waits for its listener. */
export async function startWatcher(closers: Array<() => Promise<void> | void>, world: E2eWorld, extra: readonly string[] = []): Promise<Watcher> {
  const child = spawnCli(['sync', world.repo, '--watch', '--listen', '127.0.0.1:0', '--json', ...extra], { env: { ...world.env, MEMBANK_LOG_LEVEL: 'warn' }, cwd: world.dir });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: any[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line));
    } catch {
      lines.push({ text: line });
    }
  });
  const exited = waitExit(child);
  closers.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  await waitUntil('the watcher to listen', () => {
    if (child.exitCode !== null) throw new Error(`the watcher exited ${child.exitCode}: ${stderr}`);
    return lines.some((line) => line.event === 'listening');
  });
  const listening = lines.find((line) => line.event === 'listening');
  const url = listening.url as string;
  return {
    child,
    url,
    webhookUrl: listening.webhookUrl as string,
    lines,
    stderr: () => stderr,
    async health() {
      const response = await fetch(`${url}/healthz`);
      return { status: response.status, body: await response.json() };
    },
    async metrics() {
      const text = await (await fetch(`${url}/metrics`)).text();
      const series = new Map<string, number>();
      for (const line of text.split('\n')) {
        const match = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
        if (match !== null) series.set(match[1]!, Number(match[2]));
      }
      return series;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Rounds the watcher started, all triggers together. */
export function totalRounds(metrics: Map<string, number>): number {
  let sum = 0;
  for (const [series, value] of metrics) if (series.startsWith('membank_watch_rounds_total{')) sum += value;
  return sum;
}
