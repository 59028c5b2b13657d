import { createHmac } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import type { E2eWorld } from '../sync/e2e-helpers.js';
import { setupWatchWorld, startWatcher, totalRounds, waitUntil, type Watcher } from './watch-helpers.js';

const closers = closeAfterEach();

/** Every delivery the sandbox made reached the watcher, and `news` of them were news (the rest ignored as echoes). */
async function deliveriesSettled(world: E2eWorld, watcher: Watcher, news: number): Promise<boolean> {
  const delivered = world.sandbox.webhookDeliveries().filter((delivery) => delivery.outcome === 'delivered').length;
  const metrics = await watcher.metrics();
  const received = metrics.get('membank_watch_webhooks_received_total') ?? -1;
  const ignored = metrics.get('membank_watch_webhooks_ignored_total') ?? -1;
  return received === delivered && received - ignored === news;
}

describe.each(['2.5.0', '0.24.1'])('membank sync --watch (%s sandbox delivering to loopback)', (version) => {
  it('syncs a tick either way, appends a new task to the inbox, refuses forged deliveries, never loops on its own writes, and removes its webhook on SIGTERM', async () => {
    const world = await setupWatchWorld(closers, { version, items: ['Alpha', 'Beta', 'Gamma'] });
    const watcher = await startWatcher(closers, world);
    await waitUntil('the start round and the webhook registration', async () => world.sandbox.webhooks().length === 1 && (await watcher.health()).body.webhook.registered === true);
    const [hook] = world.sandbox.webhooks();
    expect(hook).toMatchObject({ project_id: world.projectId, target_url: watcher.webhookUrl, events: ['task.created', 'task.updated', 'task.deleted'] });
    expect(hook!.secret).toMatch(/^[0-9a-f]{64}$/);
    const health = await watcher.health();
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ready');
    world.takeWrites();

    // A checkbox ticked in the Markdown → the task is done in Vikunja; the echo of that write starts no round.
    world.write('tasks.md', world.read('tasks.md').replace('- [ ] Alpha', '- [x] Alpha'));
    await waitUntil('Alpha done in Vikunja', async () => (await world.task('Alpha')).done === true);
    await waitUntil('the echo deliveries ignored', () => deliveriesSettled(world, watcher, 0));
    let metrics = await watcher.metrics();
    expect(metrics.get('membank_watch_webhooks_ignored_total')).toBeGreaterThan(0);
    expect(metrics.get('membank_watch_rounds_total{reason="file"}')).toBe(1);
    expect(totalRounds(metrics)).toBe(2);
    const pushed = world.takeWrites();
    expect(pushed.length).toBeGreaterThan(0);

    // A task marked done in Vikunja → the checkbox is ticked, one character changed; the write-back's file event
    // and the round's deliveries start nothing more.
    const before = world.read('tasks.md');
    await world.editTask('Beta', { done: true });
    await waitUntil('Beta ticked in tasks.md', () => world.read('tasks.md').includes('- [x] Beta'));
    const after = world.read('tasks.md');
    expect(after.length).toBe(before.length);
    const changed = [...after].flatMap((char, index) => (char === before[index] ? [] : [[before[index], char]]));
    expect(changed).toEqual([[' ', 'x']]);
    await waitUntil('the write-back file event ignored', async () => ((await watcher.metrics()).get('membank_watch_file_events_ignored_total') ?? 0) > 0);
    await waitUntil('every delivery judged', () => deliveriesSettled(world, watcher, 1));
    metrics = await watcher.metrics();
    expect(metrics.get('membank_watch_rounds_total{reason="webhook"}')).toBe(1);
    expect(totalRounds(metrics)).toBe(3);
    // Only the test's own edit reached Vikunja: the pull wrote nothing there.
    expect(world.takeWrites()).toEqual([expect.objectContaining({ method: 'POST', path: expect.stringMatching(/^\/api\/v1\/tasks\/\d+$/) })]);

    // A new task in Vikunja → appended to the inbox file.
    await world.api('PUT', `/projects/${world.projectId}/tasks`, { title: 'Call the printer' });
    await waitUntil('the inbox append', () => {
      try {
        return world.read('vikunja-inbox.md').includes('Call the printer');
      } catch {
        return false;
      }
    });
    await waitUntil('every delivery judged', () => deliveriesSettled(world, watcher, 2));

    // Forged and unsigned deliveries → 401, counted, nothing queued or written.
    const roundsBefore = totalRounds(await watcher.metrics());
    const bankBefore = world.read('tasks.md');
    const gamma = await world.task('Gamma');
    const body = JSON.stringify({ event_name: 'task.updated', time: new Date().toISOString(), data: { task: { ...gamma, done: true }, doer: { id: 1 } } });
    const forged = await fetch(watcher.webhookUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Vikunja-Signature': createHmac('sha256', 'not-the-secret').update(body).digest('hex') },
      body,
    });
    expect(forged.status).toBe(401);
    const unsigned = await fetch(watcher.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    metrics = await watcher.metrics();
    expect(metrics.get('membank_watch_webhook_signature_failures_total')).toBe(2);
    expect(totalRounds(metrics)).toBe(roundsBefore);
    expect(world.read('tasks.md')).toBe(bankBefore);
    expect((await world.task('Gamma')).done).toBe(false);
    world.takeWrites();

    // An editor-style atomic save (write a temp file, rename it over the original) → one round.
    const fileRounds = metrics.get('membank_watch_rounds_total{reason="file"}') ?? 0;
    const temp = join(world.bank, 'tasks.md.atomic-save');
    writeFileSync(temp, world.read('tasks.md').replace('- [ ] Gamma', '- [x] Gamma'));
    renameSync(temp, join(world.bank, 'tasks.md'));
    await waitUntil('Gamma done in Vikunja', async () => (await world.task('Gamma')).done === true);
    await waitUntil('every delivery judged', () => deliveriesSettled(world, watcher, 2));
    metrics = await watcher.metrics();
    expect(metrics.get('membank_watch_rounds_total{reason="file"}')).toBe(fileRounds + 1);
    expect(totalRounds(metrics)).toBe(roundsBefore + 1);

    // SIGTERM → the webhook is removed, exit 0.
    expect(await watcher.stop()).toBe(0);
    expect(world.sandbox.webhooks()).toEqual([]);
    expect(watcher.lines.at(-1)).toMatchObject({ event: 'stopped', webhookRemoved: true });
  }, 180_000);

  it('survives Vikunja going away and being restarted: the failed round is retried with backoff, health says broken, then it recovers and registers its lost webhook again', async () => {
    const world = await setupWatchWorld(closers, { version, items: ['Alpha', 'Beta'] });
    const watcher = await startWatcher(closers, world);
    await waitUntil('the webhook registration', () => world.sandbox.webhooks().length === 1);
    const [first] = world.sandbox.webhooks();
    // The registration is lost while Vikunja is down (a restored database), and every request fails.
    await world.api('DELETE', `/projects/${world.projectId}/webhooks/${first!.id}`);
    world.sandbox.setFaults({ drop: 1 });
    world.write('tasks.md', world.read('tasks.md').replace('- [ ] Beta', '- [x] Beta'));
    await waitUntil('health broken', async () => (await watcher.health()).body.status === 'broken');
    const broken = await watcher.health();
    expect(broken.status).toBe(503);
    expect(broken.body.reason).toMatch(/failed/);

    world.sandbox.setFaults(undefined);
    await world.sandbox.restart();
    // The restart closed the test's own kept-alive connections too: a read that meets one is simply tried again.
    const done = async (title: string): Promise<boolean> => (await world.task(title).catch(() => ({ done: false }))).done === true;
    await waitUntil('Beta done in Vikunja', () => done('Beta'));
    await waitUntil('a new webhook registered', () => world.sandbox.webhooks().length === 1 && world.sandbox.webhooks()[0]!.id !== first!.id);
    await waitUntil('health ready', async () => (await watcher.health()).body.status === 'ready');
    const metrics = await watcher.metrics();
    expect(metrics.get('membank_watch_rounds_failed_total')).toBeGreaterThan(0);
    expect(metrics.get('membank_watch_webhook_registrations_total')).toBe(2);
    expect(world.sandbox.webhooks()[0]!.target_url).toBe(watcher.webhookUrl);

    // The new webhook works: a tick in Vikunja reaches the bank.
    await world.editTask('Alpha', { done: true });
    await waitUntil('Alpha ticked in tasks.md', () => world.read('tasks.md').includes('- [x] Alpha'));
    expect(await watcher.stop()).toBe(0);
    expect(world.sandbox.webhooks()).toEqual([]);
  }, 180_000);
});
