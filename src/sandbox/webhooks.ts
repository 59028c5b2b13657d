/**
 * Webhook delivery as Vikunja does it (`pkg/models/webhooks.go`, API.md §17.8): after a write commits, every
 * project webhook subscribed to the event gets a `POST` of `{event_name, time, data}` (for task events `data` is
 * `{task, doer}`), signed with `X-Vikunja-Signature: hex(HMAC-SHA256(secret, body))` when it has a secret.
 * Deliveries run asynchronously, one at a time per webhook, in event order. Targets on loopback, private,
 * link-local or otherwise non-routable addresses are refused at delivery (not at registration, as in Vikunja)
 * unless `webhooks.allowNonRoutable` is set — the sandbox's `outgoingrequests.allownonroutableips`.
 */
import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isNonRoutableAddress } from '../core/net-address.js';
import { renderTask, renderUser } from './render.js';
import { type SandboxStore, USER_ID } from './state.js';
import type { SandboxTask, SandboxWebhook, WebhookDelivery } from './types.js';

/** Every event a webhook may subscribe to (`GET /webhooks/events`), as Vikunja 0.24 and 2.5 register them. */
export const WEBHOOK_EVENTS: readonly string[] = [
  'project.deleted',
  'project.shared.team',
  'project.shared.user',
  'project.updated',
  'task.assignee.created',
  'task.assignee.deleted',
  'task.attachment.created',
  'task.attachment.deleted',
  'task.comment.created',
  'task.comment.deleted',
  'task.comment.edited',
  'task.created',
  'task.deleted',
  'task.relation.created',
  'task.relation.deleted',
  'task.updated',
];

/** A task event a write emitted; rendered when the request's writes are done. */
export interface PendingTaskEvent {
  name: 'task.created' | 'task.updated' | 'task.deleted';
  task: SandboxTask;
}

/** Re-exported for the sandbox's callers: the guard's address classification lives in core. */
export { isNonRoutableAddress };

/** Delivery settings. */
export interface WebhookDispatchOptions {
  allowNonRoutable: boolean;
  timeoutMs: number;
  userAgent: string;
}

/** Sends the webhooks of committed writes and keeps the delivery log. */
export class WebhookDispatcher {
  private readonly store: SandboxStore;
  private readonly options: WebhookDispatchOptions;
  private readonly chains = new Map<number, Promise<void>>();
  private readonly inFlight = new Set<AbortController>();
  private log: WebhookDelivery[] = [];
  private closed = false;

  constructor(store: SandboxStore, options: WebhookDispatchOptions) {
    this.store = store;
    this.options = options;
  }

  /** The deliveries attempted so far, oldest first. */
  deliveries(): WebhookDelivery[] {
    return this.log.map((entry) => ({ ...entry }));
  }

  /**
   * Takes the events a request emitted. A request that failed committed nothing in Vikunja (one transaction),
   * so its events are dropped; otherwise each event is rendered now and queued for its subscribed webhooks.
   */
  settle(committed: boolean): void {
    const events = this.store.takeWebhookEvents();
    if (!committed || this.closed || events.length === 0 || this.store.webhooks.size === 0) return;
    const doer = renderUser(this.store.users.get(USER_ID));
    for (const event of events) {
      const hooks = [...this.store.webhooks.values()].filter((hook) => hook.project_id === event.task.project_id && hook.events.includes(event.name));
      if (hooks.length === 0) continue;
      const body = JSON.stringify({ event_name: event.name, time: new Date(this.store.nowMs()).toISOString(), data: { task: renderTask(this.store, event.task), doer } });
      for (const hook of hooks) this.enqueue(hook, event.name, body);
    }
  }

  /** Stops delivering: aborts the deliveries in flight and waits for every queue to settle. */
  async close(): Promise<void> {
    this.closed = true;
    for (const controller of this.inFlight) controller.abort();
    await Promise.all([...this.chains.values()]);
  }

  private enqueue(hook: SandboxWebhook, eventName: string, body: string): void {
    const previous = this.chains.get(hook.id) ?? Promise.resolve();
    const next = previous.then(() => this.deliver({ ...hook, events: [...hook.events] }, eventName, body));
    this.chains.set(hook.id, next);
    void next.then(() => {
      if (this.chains.get(hook.id) === next) this.chains.delete(hook.id);
    });
  }

  /** One delivery; never rejects: its outcome goes to the delivery log (Vikunja logs it and moves on). */
  private async deliver(hook: SandboxWebhook, eventName: string, body: string): Promise<void> {
    const entry: WebhookDelivery = {
      webhookId: hook.id,
      projectId: hook.project_id,
      eventName,
      targetUrl: hook.target_url,
      outcome: 'failed',
      status: null,
      error: null,
      at: new Date(this.store.nowMs()).toISOString(),
    };
    this.log.push(entry);
    if (this.closed) {
      entry.error = 'the sandbox was closed before the delivery';
      return;
    }
    let url: URL;
    try {
      url = new URL(hook.target_url);
    } catch (error) {
      entry.error = `invalid target URL: ${describe(error)}`;
      return;
    }
    if (!this.options.allowNonRoutable) {
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      let addresses: string[];
      try {
        addresses = isIP(host) === 0 ? (await lookup(host, { all: true })).map((found) => found.address) : [host];
      } catch (error) {
        entry.error = `could not resolve ${host}: ${describe(error)}`;
        return;
      }
      const refused = addresses.find(isNonRoutableAddress);
      if (refused !== undefined) {
        // Vikunja's SSRF guard: "prohibited IP address … denied" (outgoingrequests.allownonroutableips is false).
        entry.outcome = 'refused';
        entry.error = `prohibited IP address ${refused}: non-routable targets are refused (outgoingrequests.allownonroutableips is false)`;
        return;
      }
    }
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': this.options.userAgent };
    if (hook.secret !== '') headers['X-Vikunja-Signature'] = createHmac('sha256', hook.secret).update(body).digest('hex');
    if (hook.basic_auth_user !== '' && hook.basic_auth_password !== '') {
      headers['Authorization'] = `Basic ${Buffer.from(`${hook.basic_auth_user}:${hook.basic_auth_password}`).toString('base64')}`;
    }
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await fetch(url, { method: 'POST', headers, body, signal: controller.signal });
      await response.arrayBuffer();
      entry.status = response.status;
      entry.outcome = 'delivered';
    } catch (error) {
      entry.error = describe(error);
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  /** Forgets the delivery log. */
  clear(): void {
    this.log = [];
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
