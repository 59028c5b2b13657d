/**
 * v1 odds and ends: `/info` (public), `/user`, `/token/test`, saved filters, and the JWT-only routes
 * (`/routes`, `/tokens`) that an API token cannot call.
 */
import { readBool, readObject, readString, type JsonObject } from './bind.js';
import { apiError, ApiCode, invalidData, invalidToken } from './errors.js';
import { parseFilter } from './filter.js';
import { deleted, intParam, json, maxPermissionHeader, type RequestContext, type Reply } from './http.js';
import { renderSavedFilter, renderSelf } from './render.js';
import type { Router } from './router.js';
import type { SandboxStore } from './state.js';
import type { SandboxSavedFilter } from './types.js';

/** Registers the misc routes under `/api/v1`. */
export function registerMiscRoutes(router: Router, base: string): void {
  router
    .add('GET', `${base}/info`, getInfo, { public: true })
    .add('GET', `${base}/user`, (ctx) => json(200, renderSelf(ctx.store)))
    .add('GET', `${base}/token/test`, () => json(200, { message: 'ok' }))
    .add('POST', `${base}/token/test`, () => json(418, { message: '🍵' }))
    .add('GET', `${base}/routes`, jwtOnly)
    .add('GET', `${base}/tokens`, jwtOnly)
    .add('PUT', `${base}/tokens`, jwtOnly)
    .add('DELETE', `${base}/tokens/:id`, jwtOnly)
    .add('PUT', `${base}/filters`, createFilter)
    .add('GET', `${base}/filters/:id`, getFilter)
    .add('POST', `${base}/filters/:id`, updateFilter)
    .add('DELETE', `${base}/filters/:id`, deleteFilter);
}

/** `GET /info` (also served at `/api/v2/info` from 2.4). */
export function getInfo(ctx: RequestContext): Reply {
  const { store, settings } = ctx;
  const body: Record<string, unknown> = {
    version: store.version.display,
    frontend_url: `${settings.baseUrl}/`,
    motd: '',
    link_sharing_enabled: true,
    max_file_size: '20MB',
    max_items_per_page: settings.maxItemsPerPage,
    available_migrators: ['vikunja-file', 'ticktick'],
    task_attachments_enabled: false,
    enabled_background_providers: ['upload'],
    totp_enabled: true,
    legal: { imprint_url: '', privacy_policy_url: '' },
    caldav_enabled: true,
    auth: {
      local: { enabled: true, registration_enabled: true },
      ldap: { enabled: false },
      openid_connect: { enabled: false, providers: null },
    },
    email_reminders_enabled: false,
    user_deletion_enabled: true,
    task_comments_enabled: true,
    demo_mode_enabled: false,
    webhooks_enabled: true,
    public_teams_enabled: false,
    allow_icon_changes: true,
    enabled_pro_features: [],
  };
  if (store.features.concurrentWritesInfo) body['concurrent_writes'] = settings.concurrentWrites;
  if (store.features.legacy024) {
    // 0.24 (`pkg/routes/api/v1/info.go`, API.md §18.1): registration_enabled at the top level, no page size,
    // no LDAP, no icon or pro-feature flags.
    delete body['max_items_per_page'];
    delete body['allow_icon_changes'];
    delete body['enabled_pro_features'];
    body['registration_enabled'] = true;
    body['auth'] = { local: { enabled: true }, openid_connect: { enabled: false, providers: null } };
  }
  return json(200, body);
}

function jwtOnly(): Reply {
  throw invalidToken();
}

function requireFilter(store: SandboxStore, id: number): SandboxSavedFilter {
  const filter = store.savedFilters.get(id);
  if (filter === undefined) throw apiError(ApiCode.projectNotFound, 'The saved filter does not exist.');
  return filter;
}

function readFilterFields(body: JsonObject): { title: string; description: string; filter: string; filter_include_nulls: boolean; is_favorite: boolean } {
  const title = readString(body, 'title') ?? '';
  if (title === '') throw invalidData(['title: non zero value required']);
  const filters = readObject(body, 'filters') ?? {};
  const filter = readString(filters, 'filter') ?? '';
  if (filter.trim() !== '') parseFilter(filter);
  return {
    title,
    description: readString(body, 'description') ?? '',
    filter,
    filter_include_nulls: readBool(filters, 'filter_include_nulls') ?? false,
    is_favorite: readBool(body, 'is_favorite') ?? false,
  };
}

function createFilter(ctx: RequestContext): Reply {
  const filter = ctx.store.createSavedFilter(readFilterFields(ctx.body()));
  return json(201, renderSavedFilter(ctx.store, filter));
}

function getFilter(ctx: RequestContext): Reply {
  const filter = requireFilter(ctx.store, intParam(ctx, 'id'));
  return json(200, renderSavedFilter(ctx.store, filter), maxPermissionHeader(ctx.store));
}

function updateFilter(ctx: RequestContext): Reply {
  const filter = requireFilter(ctx.store, intParam(ctx, 'id'));
  Object.assign(filter, readFilterFields(ctx.body()), { updated: ctx.store.now() });
  return json(200, renderSavedFilter(ctx.store, filter));
}

function deleteFilter(ctx: RequestContext): Reply {
  const filter = requireFilter(ctx.store, intParam(ctx, 'id'));
  ctx.store.savedFilters.delete(filter.id);
  return deleted();
}
