/**
 * The few Vikunja webhook calls the watcher makes (API.md §17.8): list, create and delete a project webhook.
 * They are not part of the `VikunjaApi` port the jobs use (no job writes webhooks), so this small adapter calls
 * `/api/v1` directly with the same URL and token. Errors are `FatalApiError` (an answer) or
 * `ServerUnavailableError` (no answer).
 */
import { FatalApiError, ServerUnavailableError } from '../core/errors.js';

/** A project webhook as Vikunja lists it (the secret is blanked in listings). */
export interface ProjectWebhook {
  id: number;
  targetUrl: string;
  events: string[];
}

/** The webhook calls of one server. */
export interface WebhookApi {
  list(projectId: number): Promise<ProjectWebhook[]>;
  create(projectId: number, input: { targetUrl: string; events: readonly string[]; secret: string }): Promise<ProjectWebhook>;
  /** Deletes a webhook; one already gone (404) counts as deleted. */
  remove(projectId: number, webhookId: number): Promise<void>;
  /** The task as Vikunja holds it now (raw JSON), or null when it is gone (404). */
  getTask(taskId: number): Promise<unknown>;
}

/** The events the watcher subscribes to. */
export const WATCH_EVENTS = ['task.created', 'task.updated', 'task.deleted'] as const;

function toWebhook(raw: unknown): ProjectWebhook {
  const value = raw as { id?: unknown; target_url?: unknown; events?: unknown };
  return {
    id: typeof value.id === 'number' ? value.id : 0,
    targetUrl: typeof value.target_url === 'string' ? value.target_url : '',
    events: Array.isArray(value.events) ? value.events.filter((event): event is string => typeof event === 'string') : [],
  };
}

/** Creates the webhook adapter for `baseUrl` (path prefix allowed) and an API token. */
export function createWebhookApi(options: { baseUrl: string; token: string; timeoutMs: number }): WebhookApi {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/api/v1`;
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${options.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw new ServerUnavailableError(`${method} /api/v1${path}: Vikunja did not answer (${(error as Error).message})`, { cause: error });
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      parsed = text;
    }
    if (!response.ok) {
      const message = typeof parsed === 'object' && parsed !== null && typeof (parsed as { message?: unknown }).message === 'string' ? (parsed as { message: string }).message : text.slice(0, 200);
      const code = typeof parsed === 'object' && parsed !== null ? (parsed as { code?: unknown }).code : undefined;
      throw new FatalApiError(method, `/api/v1${path}`, response.status, message, { body: parsed, ...(typeof code === 'number' ? { apiCode: code } : {}) });
    }
    return parsed;
  };
  return {
    async list(projectId) {
      const found: ProjectWebhook[] = [];
      for (let page = 1; page < 1000; page += 1) {
        const rows = await call('GET', `/projects/${projectId}/webhooks?page=${page}`);
        if (!Array.isArray(rows) || rows.length === 0) break;
        found.push(...rows.map(toWebhook));
        if (rows.length < 50) break;
      }
      return found;
    },
    async create(projectId, input) {
      return toWebhook(await call('PUT', `/projects/${projectId}/webhooks`, { target_url: input.targetUrl, events: [...input.events], secret: input.secret }));
    },
    async getTask(taskId) {
      try {
        return await call('GET', `/tasks/${taskId}`);
      } catch (error) {
        if (error instanceof FatalApiError && error.status === 404) return null;
        throw error;
      }
    },
    async remove(projectId, webhookId) {
      try {
        await call('DELETE', `/projects/${projectId}/webhooks/${webhookId}`);
      } catch (error) {
        if (error instanceof FatalApiError && error.status === 404) return;
        throw error;
      }
    },
  };
}
