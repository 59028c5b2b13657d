import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isNonRoutableAddress } from '../../../src/sandbox/webhooks.js';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1:0 that records every POST. */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function world(options: { version?: string; allowNonRoutable?: boolean } = {}): Promise<{ t: TestSandbox; receiver: Awaited<ReturnType<typeof startReceiver>>; projectId: number }> {
  const t = await startTestSandbox({
    ...(options.version === undefined ? {} : { version: options.version }),
    ...(options.allowNonRoutable === undefined ? {} : { webhooks: { allowNonRoutable: options.allowNonRoutable } }),
  });
  closers.push(() => t.sandbox.close());
  const receiver = await startReceiver();
  closers.push(() => new Promise<void>((resolve) => receiver.server.close(() => resolve())));
  const project = await t.api('PUT', '/projects', { title: 'Hooks' });
  expect(project.status).toBe(201);
  return { t, receiver, projectId: project.body.id as number };
}

describe('sandbox webhooks: registration (API.md §17.8)', () => {
  it('registers, lists with the secret blanked, changes events, deletes; lists the events', async () => {
    const { t, receiver, projectId } = await world();
    const events = await t.api('GET', '/webhooks/events');
    expect(events.status).toBe(200);
    expect(events.body).toEqual(expect.arrayContaining(['task.created', 'task.updated', 'task.deleted', 'task.comment.created', 'project.updated']));

    const created = await t.api('PUT', `/projects/${projectId}/webhooks`, { target_url: receiver.url, events: ['task.created'], secret: 's3cret' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ target_url: receiver.url, events: ['task.created'], project_id: projectId, secret: 's3cret', created_by: { id: 1 } });
    const hookId = created.body.id as number;

    const listed = await t.api('GET', `/projects/${projectId}/webhooks`);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).toMatchObject({ id: hookId, target_url: receiver.url, secret: '' });

    const changed = await t.api('POST', `/projects/${projectId}/webhooks/${hookId}`, { events: ['task.created', 'task.updated'], target_url: 'http://elsewhere.invalid/' });
    expect(changed.status).toBe(200);
    expect(t.sandbox.webhooks()).toEqual([expect.objectContaining({ id: hookId, target_url: receiver.url, events: ['task.created', 'task.updated'], secret: 's3cret' })]);

    const removed = await t.api('DELETE', `/projects/${projectId}/webhooks/${hookId}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ message: 'Successfully deleted.' });
    expect(t.sandbox.webhooks()).toEqual([]);
    expect((await t.api('DELETE', `/projects/${projectId}/webhooks/${hookId}`)).status).toBe(404);
  });

  it('refuses a target that is not http(s) and unknown events (412 invalid_fields; 400 on 0.24); a missing project is 404 3001', async () => {
    const { t, projectId } = await world();
    const badUrl = await t.api('PUT', `/projects/${projectId}/webhooks`, { target_url: 'ftp://example.com/', events: ['task.created'] });
    expect(badUrl.status).toBe(412);
    expect(badUrl.body).toMatchObject({ code: 2002, invalid_fields: ['target_url'] });
    const badEvent = await t.api('PUT', `/projects/${projectId}/webhooks`, { target_url: 'https://example.com/', events: ['task.exploded'] });
    expect(badEvent.status).toBe(412);
    expect(badEvent.body.invalid_fields).toEqual(['events']);
    const noEvents = await t.api('PUT', `/projects/${projectId}/webhooks`, { target_url: 'https://example.com/' });
    expect(noEvents.status).toBe(412);
    const missing = await t.api('PUT', '/projects/999/webhooks', { target_url: 'https://example.com/', events: ['task.created'] });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(3001);
    expect(t.sandbox.webhooks()).toEqual([]);

    const old = await world({ version: '0.24.1' });
    const legacy = await old.t.api('PUT', `/projects/${old.projectId}/webhooks`, { target_url: 'ftp://example.com/', events: ['task.created'] });
    expect(legacy.status).toBe(400);
    const ok = await old.t.api('PUT', `/projects/${old.projectId}/webhooks`, { target_url: old.receiver.url, events: ['task.created'] });
    expect(ok.status).toBe(201);
  });
});

describe('sandbox webhooks: deliveries', () => {
  it('POSTs {event_name, time, data: {task, doer}} signed with HMAC-SHA256 of the body, for create, update, bucket move and delete', async () => {
    const { t, receiver, projectId } = await world({ allowNonRoutable: true });
    const secret = 'k3y';
    await t.api('PUT', `/projects/${projectId}/webhooks`, { target_url: receiver.url, events: ['task.created', 'task.updated', 'task.deleted'], secret });

    const task = await t.api('PUT', `/projects/${projectId}/tasks`, { title: 'Ship it' });
    expect(task.status).toBe(201);
    const taskId = task.body.id as number;
    await waitFor('task.created', () => receiver.received.length === 1);
    const first = receiver.received[0]!;
    const payload = JSON.parse(first.body);
    expect(payload).toMatchObject({ event_name: 'task.created', data: { task: { id: taskId, title: 'Ship it', project_id: projectId, done: false }, doer: { id: 1, username: 'sandbox' } } });
    expect(Number.isNaN(Date.parse(payload.time))).toBe(false);
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.headers['user-agent']).toBe('Vikunja/v2.5.0');
    expect(first.headers['x-vikunja-signature']).toBe(createHmac('sha256', secret).update(first.body).digest('hex'));

    const got = await t.api('GET', `/tasks/${taskId}`);
    expect((await t.api('POST', `/tasks/${taskId}`, { ...got.body, done: true })).status).toBe(200);
    await waitFor('task.updated (v1)', () => receiver.received.length === 2);
    expect(JSON.parse(receiver.received[1]!.body)).toMatchObject({ event_name: 'task.updated', data: { task: { id: taskId, done: true } } });

    expect((await t.v2('PATCH', `/tasks/${taskId}`, { done: false })).status).toBe(200);
    await waitFor('task.updated (v2)', () => receiver.received.length === 3);
    expect(JSON.parse(receiver.received[2]!.body)).toMatchObject({ event_name: 'task.updated', data: { task: { id: taskId, done: false } } });

    const views = await t.api('GET', `/projects/${projectId}/views`);
    const kanban = views.body.find((view: { view_kind: string }) => view.view_kind === 'kanban');
    const moved = await t.api('POST', `/projects/${projectId}/views/${kanban.id}/buckets/${kanban.done_bucket_id}/tasks`, { task_id: taskId });
    expect(moved.status).toBe(200);
    await waitFor('task.updated (bucket move)', () => receiver.received.length === 4);
    expect(JSON.parse(receiver.received[3]!.body)).toMatchObject({ event_name: 'task.updated', data: { task: { id: taskId, done: true } } });

    expect((await t.api('DELETE', `/tasks/${taskId}`)).status).toBe(200);
    await waitFor('task.deleted', () => receiver.received.length === 5);
    expect(JSON.parse(receiver.received[4]!.body)).toMatchObject({ event_name: 'task.deleted', data: { task: { id: taskId } } });
    for (const delivery of receiver.received) {
      expect(delivery.headers['x-vikunja-signature']).toBe(createHmac('sha256', secret).update(delivery.body).digest('hex'));
    }
    // The receiver has the last body before the sandbox has read its answer: wait until every delivery is settled.
    await waitFor('deliveries settled', () => t.sandbox.webhookDeliveries().every((d) => d.status !== null || d.error !== null));
    expect(t.sandbox.webhookDeliveries().map((d) => [d.eventName, d.outcome, d.status])).toEqual([
      ['task.created', 'delivered', 200],
      ['task.updated', 'delivered', 200],
      ['task.updated', 'delivered', 200],
      ['task.updated', 'delivered', 200],
      ['task.deleted', 'delivered', 200],
    ]);
  });

  it('sends only subscribed events of the webhook\'s own project, unsigned without a secret, nothing for a failed write', async () => {
    const { t, receiver, projectId } = await world({ allowNonRoutable: true });
    const other = await t.api('PUT', '/projects', { title: 'Other' });
    await t.api('PUT', `/projects/${projectId}/webhooks`, { target_url: receiver.url, events: ['task.updated'] });
    await t.api('PUT', `/projects/${other.body.id}/tasks`, { title: 'elsewhere' });
    const mine = await t.api('PUT', `/projects/${projectId}/tasks`, { title: 'mine' });
    const failed = await t.api('POST', `/tasks/${mine.body.id}`, { title: 'mine', repeat_after: -5 });
    expect(failed.status).toBeGreaterThanOrEqual(400);
    const updated = await t.api('POST', `/tasks/${mine.body.id}`, { title: 'mine, renamed' });
    expect(updated.status).toBe(200);
    await waitFor('the update', () => receiver.received.length >= 1);
    // The create (not subscribed) and the other project's task are never sent; deliveries are in order.
    await t.api('POST', `/tasks/${mine.body.id}`, { title: 'mine, again' });
    await waitFor('the second update', () => receiver.received.length >= 2);
    expect(receiver.received.map((r) => JSON.parse(r.body).data.task.title)).toEqual(['mine, renamed', 'mine, again']);
    expect(receiver.received[0]!.headers['x-vikunja-signature']).toBeUndefined();
  });

  it('by default (outgoingrequests.allownonroutableips false) registers a loopback target but refuses every delivery to it', async () => {
    const { t, receiver, projectId } = await world();
    const created = await t.api('PUT', `/projects/${projectId}/webhooks`, { target_url: receiver.url, events: ['task.created'], secret: 'x' });
    expect(created.status).toBe(201);
    await t.api('PUT', `/projects/${projectId}/tasks`, { title: 'not delivered' });
    await waitFor('the refused delivery', () => t.sandbox.webhookDeliveries().length === 1);
    expect(t.sandbox.webhookDeliveries()[0]).toMatchObject({ outcome: 'refused', status: null, eventName: 'task.created' });
    expect(t.sandbox.webhookDeliveries()[0]!.error).toContain('127.0.0.1');
    expect(receiver.received).toEqual([]);
  });

  it('classifies addresses as Vikunja\'s guard does', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '0.0.0.0', '100.64.0.1']) {
      expect(isNonRoutableAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isNonRoutableAddress(address), address).toBe(false);
  });
});
