import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { setupWatchWorld, startWatcher, waitUntil } from './watch-helpers.js';

const closers = closeAfterEach();

describe('membank sync --watch without deliveries', () => {
  it('polls every --interval while Vikunja refuses to deliver to a loopback listener (its default), and says so in /healthz', async () => {
    // A sandbox as Vikunja ships: outgoingrequests.allownonroutableips false.
    const world = await setupWatchWorld(closers, { items: ['Alpha', 'Beta'], sandbox: { webhooks: { allowNonRoutable: false } } });
    const watcher = await startWatcher(closers, world, ['--interval', '1']);
    await waitUntil('the webhook registration', () => world.sandbox.webhooks().length === 1);
    expect(watcher.lines.some((line) => line.event === 'webhook-reach' && line.nonRoutable === '127.0.0.1')).toBe(true);

    await world.editTask('Beta', { done: true });
    await waitUntil('Beta ticked by a poll', () => world.read('tasks.md').includes('- [x] Beta'));
    expect(world.sandbox.webhookDeliveries().some((delivery) => delivery.outcome === 'refused')).toBe(true);
    const metrics = await watcher.metrics();
    expect(metrics.get('membank_watch_rounds_total{reason="poll"}')).toBeGreaterThan(0);
    expect(metrics.get('membank_watch_webhooks_received_total')).toBe(0);
    const health = await watcher.health();
    expect(health.body).toMatchObject({ status: 'ready', webhook: { registered: true, confirmed: false }, pollEverySeconds: 1 });
    expect(health.body.reason).toContain('allownonroutableips');
    expect(await watcher.stop()).toBe(0);
    expect(world.sandbox.webhooks()).toEqual([]);
  }, 120_000);

  it('--no-webhooks: registers nothing, reports lagging (polling only) and still syncs a tick made in Vikunja', async () => {
    const world = await setupWatchWorld(closers, { items: ['Alpha'] });
    const watcher = await startWatcher(closers, world, ['--no-webhooks', '--interval', '1']);
    await world.editTask('Alpha', { done: true });
    await waitUntil('Alpha ticked by a poll', () => world.read('tasks.md').includes('- [x] Alpha'));
    expect(world.sandbox.webhooks()).toEqual([]);
    // The write-back lands before the round ends; once it has, the watcher says it only polls.
    await waitUntil('the round to end', async () => (await watcher.health()).body.lastSuccessAt !== null);
    const health = await watcher.health();
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('lagging');
    expect(health.body.reason).toMatch(/webhooks are off: polling Vikunja every 1 s/);
    // /metrics carries the last round's run metrics in the --metrics-file format after the watcher's own.
    const metrics = await watcher.metrics();
    expect(metrics.get('membank_watch_health')).toBe(1);
    expect(metrics.get('membank_last_run_success')).toBe(1);
    expect(metrics.get('membank_runs_total{result="success"}')).toBeGreaterThan(0);
    expect(await watcher.stop()).toBe(0);
  }, 120_000);
});

describe('membank sync --watch and a cron sync', () => {
  it('never write at once: a round that finds the run lock held fails without writing, says so in /healthz, and is retried once the lock is free', async () => {
    const { hostname } = await import('node:os');
    const { openStore } = await import('../../../src/store/index.js');
    const world = await setupWatchWorld(closers, { items: ['Alpha', 'Beta'] });
    const watcher = await startWatcher(closers, world);
    await waitUntil('the first round and the webhook registration', async () => (await watcher.health()).body.webhook.registered === true);
    // A cron sync in this (live) process holds the lock.
    const store = openStore(world.env.MEMBANK_STATE!);
    closers.push(() => store.close());
    const owner = `${hostname()}:${process.pid}:cron-run`;
    store.lock.acquire(owner, 60_000);
    world.takeWrites();
    world.write('tasks.md', world.read('tasks.md').replace('- [ ] Alpha', '- [x] Alpha'));
    await waitUntil('health broken by the lock', async () => (await watcher.health()).body.status === 'broken');
    expect((await watcher.health()).body.reason).toContain('holds the lock');
    expect(world.takeWrites()).toEqual([]);
    expect((await world.task('Alpha')).done).toBe(false);

    store.lock.release(owner);
    await waitUntil('Alpha done once the lock is free', async () => (await world.task('Alpha')).done === true);
    await waitUntil('health ready', async () => (await watcher.health()).body.status === 'ready');
    expect(await watcher.stop()).toBe(0);
  }, 120_000);
});

describe('membank sync --watch and SIGTERM', () => {
  it('SIGTERM in the middle of a round: the round finishes its writes (run succeeded), the webhook is removed, exit 0', async () => {
    const { openStore } = await import('../../../src/store/index.js');
    const world = await setupWatchWorld(closers, { items: ['Alpha', 'Beta', 'Gamma'], sandbox: { latencyMs: 150 } });
    const watcher = await startWatcher(closers, world);
    await waitUntil('the webhook registration', async () => (await watcher.health()).body.webhook.registered === true);
    world.sandbox.clearRequestLog();
    world.write('tasks.md', world.read('tasks.md').replace('- [ ] Alpha', '- [x] Alpha').replace('- [ ] Gamma', '- [x] Gamma'));
    // The round has started talking to Vikunja: stop the watcher now.
    await waitUntil('the round under way', () => world.sandbox.requestLog().length > 0, 30_000);
    const code = await watcher.stop();
    expect(code, watcher.stderr()).toBe(0);
    expect((await world.task('Alpha')).done).toBe(true);
    expect((await world.task('Gamma')).done).toBe(true);
    expect(world.sandbox.webhooks()).toEqual([]);
    const store = openStore(world.env.MEMBANK_STATE!);
    closers.push(() => store.close());
    const last = store.runs.list({ limit: 1 })[0];
    expect(last).toMatchObject({ command: 'sync', status: 'succeeded' });
  }, 120_000);
});
