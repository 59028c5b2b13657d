/**
 * v1 project webhooks (API.md §17.8, `pkg/models/webhooks.go`, since Vikunja 0.21 — so at every emulated
 * version): `PUT /projects/{id}/webhooks` (201), `GET /projects/{id}/webhooks` (secrets blanked),
 * `POST /projects/{id}/webhooks/{webhook}` (only `events` changes), `DELETE /projects/{id}/webhooks/{webhook}`,
 * and `GET /webhooks/events`. Registration checks what Vikunja checks — a `target_url` that starts with `http`
 * and known events (412 `invalid_fields`, 400 on 0.24) — and accepts a loopback target: Vikunja refuses those
 * at delivery, not here (see `webhooks.ts`).
 */
import { readArray, readString, type JsonObject } from './bind.js';
import { bareError, invalidData } from './errors.js';
import { deleted, intParam, json, listReply, parsePagination, type RequestContext, type Reply } from './http.js';
import { renderUser } from './render.js';
import type { Router } from './router.js';
import { requireProject } from './routes-v1-projects.js';
import { type SandboxStore, USER_ID } from './state.js';
import type { SandboxWebhook } from './types.js';
import { WEBHOOK_EVENTS } from './webhooks.js';

/** Registers the webhook routes under `/api/v1`. */
export function registerWebhookRoutes(router: Router, base: string): void {
  router
    .add('GET', `${base}/webhooks/events`, () => json(200, [...WEBHOOK_EVENTS]))
    .add('GET', `${base}/projects/:project/webhooks`, listWebhooks)
    .add('PUT', `${base}/projects/:project/webhooks`, createWebhook)
    .add('POST', `${base}/projects/:project/webhooks/:webhook`, updateWebhook)
    .add('DELETE', `${base}/projects/:project/webhooks/:webhook`, deleteWebhook);
}

function renderWebhook(store: SandboxStore, hook: SandboxWebhook, options: { hideSecret: boolean }): unknown {
  return {
    id: hook.id,
    target_url: hook.target_url,
    events: [...hook.events],
    project_id: hook.project_id,
    secret: options.hideSecret ? '' : hook.secret,
    basic_auth_user: hook.basic_auth_user,
    basic_auth_password: hook.basic_auth_password,
    created_by: renderUser(store.users.get(hook.created_by_id)),
    created: hook.created,
    updated: hook.updated,
  };
}

function readEvents(body: JsonObject): string[] {
  const raw = readArray(body, 'events');
  if (raw === undefined || raw.length === 0) throw invalidData(['events: non zero value required']);
  const events = raw.map((event) => (typeof event === 'string' ? event : ''));
  if (events.some((event) => !WEBHOOK_EVENTS.includes(event))) throw invalidData(['events']);
  return events;
}

function requireWebhook(ctx: RequestContext): SandboxWebhook {
  const projectId = intParam(ctx, 'project');
  requireProject(ctx.store, projectId);
  const hook = ctx.store.webhooks.get(intParam(ctx, 'webhook'));
  if (hook === undefined || hook.project_id !== projectId) throw bareError(404, 'Not Found');
  return hook;
}

function listWebhooks(ctx: RequestContext): Reply {
  const { store } = ctx;
  const projectId = intParam(ctx, 'project');
  requireProject(store, projectId);
  const hooks = [...store.webhooks.values()].filter((hook) => hook.project_id === projectId).sort((a, b) => a.id - b.id);
  return listReply(hooks, parsePagination(ctx.query, ctx.settings.maxItemsPerPage), (hook) => renderWebhook(store, hook, { hideSecret: true }));
}

function createWebhook(ctx: RequestContext): Reply {
  const { store } = ctx;
  const projectId = intParam(ctx, 'project');
  requireProject(store, projectId);
  const body = ctx.body();
  const targetUrl = readString(body, 'target_url') ?? '';
  if (!targetUrl.startsWith('http')) throw invalidData(['target_url']);
  const events = readEvents(body);
  const now = store.now();
  const hook: SandboxWebhook = {
    id: store.nextId('webhook'),
    target_url: targetUrl,
    events,
    project_id: projectId,
    secret: readString(body, 'secret') ?? '',
    basic_auth_user: readString(body, 'basic_auth_user') ?? '',
    basic_auth_password: readString(body, 'basic_auth_password') ?? '',
    created_by_id: USER_ID,
    created: now,
    updated: now,
  };
  store.webhooks.set(hook.id, hook);
  return json(201, renderWebhook(store, hook, { hideSecret: false }));
}

function updateWebhook(ctx: RequestContext): Reply {
  const hook = requireWebhook(ctx);
  hook.events = readEvents(ctx.body());
  hook.updated = ctx.store.now();
  return json(200, renderWebhook(ctx.store, hook, { hideSecret: true }));
}

function deleteWebhook(ctx: RequestContext): Reply {
  const hook = requireWebhook(ctx);
  ctx.store.webhooks.delete(hook.id);
  return deleted();
}
