/**
 * bench/watch: edit-to-other-side latency of `membank sync --watch` against a sandbox with 5 ms latency per
 * request that delivers webhooks to loopback. A 20-item checklist bank is migrated, the real CLI is spawned with
 * `--watch`, then `changes` checkbox toggles are made in the Markdown (time until the sandbox holds the new done
 * state) and `changes` done toggles in Vikunja through the API (time until the file shows the new checkbox). One
 * change at a time; the next one starts once the previous round's echo has been judged.
 *
 *   npx tsx bench/watch.ts [changes=100] [version=2.5.0]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSandbox } from '../src/sandbox/index.js';
import { runCli } from '../test/helpers/cli.js';

const changes = Number(process.argv[2] ?? 100);
const version = process.argv[3] ?? '2.5.0';
const items = Array.from({ length: 20 }, (_, i) => `Item ${String(i + 1).padStart(2, '0')}`);
const root = fileURLToPath(new URL('../', import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const sandbox = await startSandbox({ version, latencyMs: 5, webhooks: { allowNonRoutable: true } });
const dir = mkdtempSync(join(tmpdir(), 'membank-watch-bench-'));
const repo = join(dir, 'watch-bench');
const bankFile = join(repo, 'memory-bank', 'tasks.md');
mkdirSync(join(repo, 'memory-bank'), { recursive: true });
writeFileSync(bankFile, `# Tasks\n\n${items.map((item) => `- [ ] ${item}\n`).join('')}`);
const env = { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: join(dir, 'state.sqlite'), MEMBANK_LOG_LEVEL: 'silent' };
const migrated = await runCli(['migrate', repo], { env, cwd: dir });
if (migrated.code !== 0) throw new Error(`migrate exited ${migrated.code}: ${migrated.stderr}`);

const api = async (method: string, path: string, body?: unknown): Promise<any> => {
  const response = await fetch(`${sandbox.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${sandbox.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
  return response.json();
};
const doneInVikunja = (title: string): boolean | undefined => sandbox.dump().tasks.find((task) => task.title === title)?.done;

const loader = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const child = spawn(process.execPath, ['--import', loader, join(root, 'src/cli/bin.ts'), 'sync', repo, '--watch', '--listen', '127.0.0.1:0', '--json', '--interval', '600'], {
  cwd: dir,
  env: { ...process.env, ...env },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let listenUrl = '';
createInterface({ input: child.stdout! }).on('line', (line) => {
  const parsed = JSON.parse(line) as { event?: string; url?: string };
  if (parsed.event === 'listening') listenUrl = parsed.url ?? '';
});
await until('the webhook registration', () => sandbox.webhooks().length === 1, 60_000);
const metric = async (name: string): Promise<number> => {
  const text = await (await fetch(`${listenUrl}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
};
/** Every delivery reached the watcher and was judged, and no round is due: the watcher is idle. */
const settle = async (): Promise<void> => {
  await until('the watcher to settle', async () => {
    const delivered = sandbox.webhookDeliveries().filter((delivery) => delivery.outcome === 'delivered').length;
    return (await metric('membank_watch_webhooks_received_total')) === delivered;
  });
  await sleep(400);
};
await settle();

/** Wall time of each round (the watcher's own gauge), read once the watcher settled after a change. */
const roundMs: number[] = [];
const toVikunja: number[] = [];
for (let i = 0; i < changes; i += 1) {
  const item = items[i % items.length]!;
  const text = readFileSync(bankFile, 'utf8');
  const ticked = text.includes(`- [x] ${item}\n`);
  const started = performance.now();
  writeFileSync(bankFile, ticked ? text.replace(`- [x] ${item}\n`, `- [ ] ${item}\n`) : text.replace(`- [ ] ${item}\n`, `- [x] ${item}\n`));
  await until(`${item} in Vikunja`, () => doneInVikunja(item) === !ticked);
  toVikunja.push(performance.now() - started);
  await settle();
  roundMs.push((await metric('membank_watch_last_round_duration_seconds')) * 1000);
}

const toBank: number[] = [];
for (let i = 0; i < changes; i += 1) {
  const item = items[(i * 7) % items.length]!;
  const tasks = (await api('GET', `/projects/${sandbox.dump().tasks.find((task) => task.title === item)!.project_id}/tasks?per_page=50`)) as Array<{ id: number; title: string }>;
  const task = await api('GET', `/tasks/${tasks.find((candidate) => candidate.title === item)!.id}`);
  const started = performance.now();
  await api('POST', `/tasks/${task.id}`, { ...task, done: !task.done });
  const expected = `- [${task.done ? ' ' : 'x'}] ${item}\n`;
  await until(`${item} in the bank`, () => readFileSync(bankFile, 'utf8').includes(expected));
  toBank.push(performance.now() - started);
  await settle();
  roundMs.push((await metric('membank_watch_last_round_duration_seconds')) * 1000);
}

child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
await sandbox.close();
rmSync(dir, { recursive: true, force: true });
const row = (name: string, values: number[]): string =>
  `| ${version} | ${name} | ${values.length} | ${Math.round(percentile(values, 50))} ms | ${Math.round(percentile(values, 95))} ms | ${Math.round(Math.max(...values))} ms |`;
console.log('| Vikunja | direction | changes | p50 | p95 | max |');
console.log('|---|---|---|---|---|---|');
console.log(row('Markdown → Vikunja (file watcher, 300 ms debounce)', toVikunja));
console.log(row('Vikunja → Markdown (webhook)', toBank));
console.log(row('one sync round (the part of either that is not debounce or delivery)', roundMs));
