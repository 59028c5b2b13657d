/**
 * The Vikunja client contract: runs against the sandbox at 0.24.1, 1.0.0 and 2.5.0 (a matrix) in CI and,
 * unchanged, against a real Vikunja of any of those versions when VIKUNJA_URL and VIKUNJA_TOKEN are set. Every
 * gotcha of API.md §0 has a test that a naive emulator or a naive client would fail; where versions differ
 * (API.md §14, §18) the expectation follows the version the server reports, never the kind of target. No test
 * asserts on a write's echo (Vikunja answers writes with the body it bound, API.md §17.3) or on the order of
 * things made within one second. It creates its own projects and labels and deletes them afterwards.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FatalApiError, InternalError } from '../../src/core/errors.js';
import type { Capabilities, TaskCreate, VikunjaProject } from '../../src/core/vikunja.js';
import { createVikunjaClient, type VikunjaClient, type VikunjaClientOptions } from '../../src/vikunja/index.js';
import { isRealVikunjaConfigured, openVikunjaTarget, startSandboxTarget, type VikunjaTarget } from '../helpers/vikunja-target.js';

const ZERO = '0001-01-01T00:00:00Z';
const isReal = isRealVikunjaConfigured();
/** Where the suite runs: the real server named by the environment, else the sandbox at each version. */
const MATRIX: { label: string; version: string | undefined }[] = isReal
  ? [{ label: 'real', version: undefined }]
  : ['0.24.1', '1.0.0', '2.5.0'].map((version) => ({ label: `sandbox ${version}`, version }));

describe.each(MATRIX)('Vikunja client contract ($label)', ({ version }) => {
const runId = randomBytes(3).toString('hex');
let target: VikunjaTarget;
let client: VikunjaClient;

function createClient(over: Partial<VikunjaClientOptions> = {}, on: Pick<VikunjaTarget, 'url' | 'token'> = target) {
  return createVikunjaClient({ url: on.url, token: on.token, concurrency: 4, retries: 4, retryBaseMs: 5, retryMaxMs: 50, timeoutMs: 10_000, ...over });
}

const projectIds: number[] = [];
const labelIds: number[] = [];
let capabilities: Capabilities;
/** Vikunja before 1.0 (0.24): the differences of API.md §18. */
let legacy: boolean;

async function createProject(title: string, on = client): Promise<VikunjaProject> {
  const project = await on.createProject({ title: `membank contract ${runId} ${title}` });
  if (on === client) projectIds.push(project.id);
  return project;
}

interface RawAnswer {
  status: number;
  headers: Headers;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A request straight to the server, bypassing the client: shows what the server itself does. */
async function raw(method: string, path: string, body?: unknown, options: { query?: string; token?: string } = {}): Promise<RawAnswer> {
  const url = `${target.url.replace(/\/+$/, '')}/api/v1${path}${options.query === undefined ? '' : `?${options.query}`}`;
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${options.token ?? target.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

/** Task ids as a view lists them (flat views only). */
async function viewTaskIds(projectId: number, viewId: number): Promise<number[]> {
  const answer = await raw('GET', `/projects/${projectId}/views/${viewId}/tasks`, undefined, { query: 'per_page=50' });
  expect(answer.status).toBe(200);
  return (answer.json as { id: number }[]).map((task) => task.id);
}

async function viewOfKind(projectId: number, kind: string) {
  const view = (await client.listViews(projectId)).find((candidate) => candidate.view_kind === kind);
  if (view === undefined) throw new Error(`project ${projectId} has no ${kind} view`);
  return view;
}

beforeAll(async () => {
  // The default sandbox rejects overlapping writes like SQLite would, so every test below also proves that
  // the client serialises writes when /info says concurrent_writes: false.
  target = await openVikunjaTarget({ enforceSerialWrites: true, ...(version === undefined ? {} : { version }) });
  client = createClient();
  capabilities = await client.capabilities();
  legacy = !capabilities.isDev && capabilities.major < 1;
});

afterAll(async () => {
  for (const id of labelIds) await client.deleteLabel(id).catch(() => undefined);
  for (const id of projectIds) await client.deleteProject(id).catch(() => undefined);
  if (target.sandbox !== undefined) {
    expect(target.sandbox.requestLog().filter((entry) => entry.status === 500)).toEqual([]);
  }
  await target.close();
});

describe('contract', () => {
  it('probes capabilities once and checks the token with a route API tokens may call (0.24: never /user)', async () => {
    expect(capabilities.version).toMatch(/^v?\d+\.\d+\.\d+|^dev/);
    expect(capabilities.maxItemsPerPage).toBeGreaterThan(0);
    const check = await client.verifyToken();
    if (legacy) {
      expect(check.user).toBeNull();
      await expect(client.getUser()).rejects.toMatchObject({ status: 401 });
    } else {
      expect(check.user?.id).toBeGreaterThan(0);
      expect((await client.getUser()).id).toBeGreaterThan(0);
    }
    await client.capabilities();
    if (target.sandbox !== undefined) {
      expect(target.sandbox.requestLog().filter((entry) => entry.path === '/api/v1/info')).toHaveLength(1);
    }
  });

  it('gotcha 1: PUT creates (201), POST updates (200), DELETE answers 200 with a message; the client maps onto them', async () => {
    const project = await createProject('g1');
    const created = await raw('PUT', `/projects/${project.id}/tasks`, { title: 'verbs' });
    expect(created.status).toBe(201);
    const updated = await raw('POST', `/tasks/${created.json.id}`, { title: 'verbs, updated' });
    expect(updated.status).toBe(200);
    expect(updated.json.title).toBe('verbs, updated');
    const deleted = await raw('DELETE', `/tasks/${created.json.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ message: 'Successfully deleted.' });

    const task = await client.createTask(project.id, { title: 'verbs via the client' });
    expect(task).toMatchObject({ title: 'verbs via the client', project_id: project.id });
    await client.deleteTask(task.id);
    await client.deleteTask(task.id);
    await expect(client.getTask(task.id)).rejects.toMatchObject({ status: 404, apiCode: 4002 });
  });

  it('gotcha 2: a partial v1 POST blanks every omitted field; the client update changes only what it is given', async () => {
    const project = await createProject('g2');
    // 0.24 never lets an API token read /user: the project's owner is the token's user.
    const me: { id: number } = legacy ? { id: (await raw('GET', `/projects/${project.id}`)).json.owner.id } : await client.getUser();
    const full: TaskCreate = {
      title: 'full',
      description: '<p>keep me</p>',
      priority: 3,
      due_date: '2099-09-01T10:00:00Z',
      start_date: '2099-08-01T10:00:00Z',
      percent_done: 0.5,
      hex_color: 'ff8800',
      assignees: [{ id: me.id }],
      reminders: [{ reminder: '2099-08-31T10:00:00Z', relative_period: 0, relative_to: '' }],
    };
    const naiveTarget = await client.createTask(project.id, full);
    const naive = await raw('POST', `/tasks/${naiveTarget.id}`, { title: 'naive partial update' });
    expect(naive.status).toBe(200);
    expect(naive.json).toMatchObject({ description: '', priority: 0, due_date: ZERO, percent_done: 0, hex_color: '' });
    expect(naive.json.assignees ?? []).toEqual([]);
    expect(naive.json.reminders ?? []).toEqual([]);

    const careful = await client.createTask(project.id, full);
    const updated = await client.updateTask(careful.id, { title: 'careful update' });
    for (const task of [updated, await client.getTask(careful.id)]) {
      expect(task).toMatchObject({ title: 'careful update', description: '<p>keep me</p>', priority: 3, percent_done: 0.5, hex_color: 'ff8800' });
      expect(Date.parse(task.due_date ?? '')).toBe(Date.parse('2099-09-01T10:00:00Z'));
      expect(Date.parse(task.start_date ?? '')).toBe(Date.parse('2099-08-01T10:00:00Z'));
      expect(task.assignees.map((user) => user.id)).toEqual([me.id]);
      expect(task.reminders.map((reminder) => Date.parse(reminder.reminder ?? ''))).toEqual([Date.parse('2099-08-31T10:00:00Z')]);
    }
  });

  it('gotcha 3: labels in a task body are ignored; the label endpoints set them, and updates keep them', async () => {
    const project = await createProject('g3');
    const label = await client.ensureLabel({ title: `mb-${runId}-g3` });
    labelIds.push(label.id);
    const viaBody = await raw('PUT', `/projects/${project.id}/tasks`, { title: 'labels in body', labels: [{ id: label.id }] });
    expect(viaBody.status).toBe(201);
    expect((await raw('GET', `/tasks/${viaBody.json.id}`)).json.labels ?? []).toEqual([]);

    const task = await client.createTask(project.id, { title: 'labelled' });
    await client.addTaskLabel(task.id, label.id);
    await client.addTaskLabel(task.id, label.id);
    expect((await client.getTask(task.id)).labels.map((l) => l.id)).toEqual([label.id]);
    const afterUpdate = await client.updateTask(task.id, { title: 'labelled, renamed' });
    expect((await client.getTask(afterUpdate.id)).labels.map((l) => l.id)).toEqual([label.id]);

    const notAttached = await raw('DELETE', `/tasks/${viaBody.json.id}/labels/${label.id}`);
    expect(notAttached.status).toBe(403);
    await client.removeTaskLabel(viaBody.json.id, label.id);
    await client.removeTaskLabel(task.id, label.id);
    await client.removeTaskLabel(task.id, label.id);
    expect((await client.getTask(task.id)).labels).toEqual([]);

    await client.setTaskLabels(task.id, [label.id]);
    expect((await client.getTask(task.id)).labels.map((l) => l.id)).toEqual([label.id]);
    await client.setTaskLabels(task.id, []);
    expect((await client.getTask(task.id)).labels).toEqual([]);
  });

  it('gotcha 4: ids in a body override the URL; the client never sends them', async () => {
    const project = await createProject('g4');
    const a = await client.createTask(project.id, { title: 'A' });
    const b = await client.createTask(project.id, { title: 'B' });
    const hijack = await raw('POST', `/tasks/${a.id}`, { id: b.id, title: 'written through A' });
    expect(hijack.status).toBe(200);
    expect((await client.getTask(b.id)).title).toBe('written through A');
    expect((await client.getTask(a.id)).title).toBe('A');

    const zeroProject = await raw('PUT', `/projects/${project.id}/tasks`, { title: 'zero project', project_id: 0 });
    expect(zeroProject.status).toBe(404);
    expect(zeroProject.json.code).toBe(3001);
    const created = await client.createTask(project.id, { title: 'safe create', project_id: 0, id: b.id } as TaskCreate);
    expect(created.project_id).toBe(project.id);
    expect(created.id).not.toBe(b.id);

    const updated = await client.updateTask(a.id, { title: 'A renamed' });
    expect(updated.id).toBe(a.id);
    expect((await client.getTask(b.id)).title).toBe('written through A');
  });

  it('gotcha 5: the List view hides done tasks and Kanban returns buckets; listProjectTasks returns every task', async () => {
    const project = await createProject('g5');
    const open = await client.createTask(project.id, { title: 'open' });
    const done = await client.createTask(project.id, { title: 'done', done: true });
    const list = await viewOfKind(project.id, 'list');
    const kanban = await viewOfKind(project.id, 'kanban');
    const listed = await viewTaskIds(project.id, list.id);
    expect(listed).toContain(open.id);
    expect(listed).not.toContain(done.id);
    const buckets = await raw('GET', `/projects/${project.id}/views/${kanban.id}/tasks`);
    expect(buckets.status).toBe(200);
    expect(buckets.json[0]).toHaveProperty('tasks');

    const all = await client.listProjectTasks(project.id);
    expect(all.map((task) => task.id).sort((x, y) => x - y)).toEqual([open.id, done.id].sort((x, y) => x - y));
    expect(all.find((task) => task.id === done.id)?.done).toBe(true);
    expect((await client.listProjectTasks(project.id, { filter: 'done = true' })).map((t) => t.id)).toEqual([done.id]);
    expect((await client.listProjectTasks(project.id, { search: 'open' })).map((t) => t.id)).toEqual([open.id]);
  });

  it('gotcha 6: GET /projects carries pseudo-projects with negative ids; listProjects returns real ones only', async () => {
    const project = await createProject('g6');
    await client.createTask(project.id, { title: 'a favourite', is_favorite: true });
    const rawProjects = await raw('GET', '/projects');
    const rawIds = (rawProjects.json as { id: number }[]).map((p) => p.id);
    expect(rawIds.some((id) => id < 0)).toBe(true);
    const ids = (await client.listProjects()).map((p) => p.id);
    expect(ids.every((id) => id > 0)).toBe(true);
    expect(ids).toContain(project.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gotcha 7: label titles are not unique and a numeric search means ids; the client looks labels up by title, never duplicating', async () => {
    const title = `mb-${runId}-dup`;
    const first = await raw('PUT', '/labels', { title });
    const second = await raw('PUT', '/labels', { title });
    expect([first.status, second.status]).toEqual([201, 201]);
    labelIds.push(first.json.id, second.json.id);
    expect(second.json.id).not.toBe(first.json.id);
    expect((await client.ensureLabel({ title })).id).toBe(Math.min(first.json.id, second.json.id));

    const byIdOnServer = await raw('GET', '/labels', undefined, { query: `s=${first.json.id}` });
    expect((byIdOnServer.json as { id: number }[]).map((l) => l.id)).toContain(first.json.id);
    const digits = String(700_000 + Number.parseInt(runId, 16) % 99_999);
    const numeric = await client.ensureLabel({ title: digits });
    labelIds.push(numeric.id);
    const found = await client.listLabels(digits);
    expect(found.map((l) => l.id)).toContain(numeric.id);
    expect(found.every((l) => l.title.includes(digits))).toBe(true);
    expect((await client.ensureLabel({ title: digits })).id).toBe(numeric.id);

    const fresh = `mb-${runId}-fresh`;
    const ensured = await Promise.all(Array.from({ length: 5 }, () => client.ensureLabel({ title: fresh, hex_color: '#00ff00' })));
    labelIds.push(ensured[0]!.id);
    expect(new Set(ensured.map((l) => l.id)).size).toBe(1);
    const fromSecondMachine = await createClient().ensureLabel({ title: fresh });
    expect(fromSecondMachine.id).toBe(ensured[0]!.id);
    expect((await client.listLabels(fresh)).filter((l) => l.title === fresh)).toHaveLength(1);
  });

  it('gotcha 8: project identifiers are uppercased (since 1.0) and unique across the instance; a clash is a fatal 3007, not retried', async () => {
    const identifier = `mb${runId}`;
    const project = await client.createProject({ title: `membank contract ${runId} g8`, identifier });
    projectIds.push(project.id);
    expect((await client.getProject(project.id)).identifier).toBe(legacy ? identifier : identifier.toUpperCase());
    const before = target.sandbox?.requestLog().length ?? 0;
    const clash = await client.createProject({ title: `membank contract ${runId} g8 clash`, identifier }).catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(FatalApiError);
    expect(clash).toMatchObject({ status: 400, apiCode: 3007 });
    if (target.sandbox !== undefined) expect(target.sandbox.requestLog().length - before).toBe(1);
  });

  it('gotcha 9: validation errors are 412 with invalid_fields (0.24: 400 "Struct is invalid", no code), and the error names them', async () => {
    const error = await client.createProject({ title: 'x'.repeat(300) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalApiError);
    if (legacy) {
      expect(error).toMatchObject({ status: 400, apiCode: undefined });
      expect((error as Error).message).toMatch(/Struct is invalid/);
    } else {
      expect(error).toMatchObject({ status: 412, apiCode: 2002 });
      expect((error as Error).message).toMatch(/invalid fields: .*title/);
    }
    const project = await createProject('g9');
    await expect(client.createTask(project.id, { title: '' })).rejects.toMatchObject({ status: 400, apiCode: 4001 });
  });

  it('gotcha 10: a rejected token is 401 code 11 (0.24: no code); the error says to check the token and its scopes, without showing it', async () => {
    const badToken = `tk_${'0123456789'.repeat(4)}`;
    const bad = createClient({ retries: 0 }, { url: target.url, token: badToken });
    const error = await bad.listProjects().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalApiError);
    expect(error).toMatchObject({ status: 401, apiCode: legacy ? undefined : 11 });
    await expect(bad.verifyToken()).rejects.toMatchObject({ status: 401 });
    const message = (error as Error).message;
    expect(message).toMatch(/token was rejected/);
    expect(message).toMatch(/scope/);
    expect(message).not.toContain(badToken);
    expect(message).not.toContain(target.token);
    expect(JSON.stringify(error)).not.toContain(badToken);
    await expect(bad.capabilities()).resolves.toMatchObject({ version: capabilities.version });
  });

  it('gotcha 11: API tokens (not 10-minute login JWTs) carry the run, and cannot manage /tokens', async () => {
    const tokens = await raw('GET', '/tokens');
    expect(tokens.status).toBe(401);
    expect(tokens.json.code).toBe(legacy ? undefined : 11);
    if (target.sandbox !== undefined) {
      const paths = target.sandbox.requestLog().map((entry) => entry.path);
      expect(paths.filter((path) => /\/(login|register|user\/token)/.test(path))).toEqual([]);
    }
  });

  it.skipIf(isReal)('gotcha 12: a 429 carries X-RateLimit-* but no Retry-After; the client paces itself and never trips the limit (sandbox only: needs a rate-limited server)', async () => {
    const probe = await startSandboxTarget({ version, rateLimit: { limit: 3, periodSeconds: 1 } });
    try {
      const answers = [];
      for (let i = 0; i < 5; i += 1) {
        answers.push(await fetch(`${probe.url}/api/v1/projects`, { headers: { authorization: `Bearer ${probe.token}` } }));
      }
      const limited = answers.find((answer) => answer.status === 429);
      expect(limited).toBeDefined();
      expect(limited?.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
      expect(limited?.headers.get('retry-after')).toBeNull();
    } finally {
      await probe.close();
    }

    const paced = await startSandboxTarget({ version, rateLimit: { limit: 5, periodSeconds: 1 } });
    try {
      const pacedClient = createClient({ retries: 0 }, paced);
      const lists = await Promise.all(Array.from({ length: 12 }, () => pacedClient.listProjects()));
      expect(lists).toHaveLength(12);
      expect(paced.sandbox.requestLog().filter((entry) => entry.status === 429)).toEqual([]);
      expect(pacedClient.stats().rateLimitWaits).toBeGreaterThanOrEqual(1);
      expect(pacedClient.rateLimitStatus()).toMatchObject({ seen: true, limit: 5 });
    } finally {
      await paced.close();
    }
  });

  it('gotcha 13: dates are RFC 3339 at second precision with a zero value for unset; "" and date-only strings do not bind', async () => {
    const project = await createProject('g13');
    for (const due of ['', '2026-01-01']) {
      const answer = await raw('PUT', `/projects/${project.id}/tasks`, { title: 'bad date', due_date: due });
      expect(answer.status).toBe(400);
      expect(answer.json.code).toBe(legacy ? undefined : 2004);
    }
    const created = await client.createTask(project.id, { title: 'dated', due_date: '2099-03-04T05:06:07.890Z' });
    const task = await client.getTask(created.id);
    expect(task.due_date).toBe('2099-03-04T05:06:07Z');
    expect(task.start_date).toBeNull();
    expect((await raw('GET', `/tasks/${task.id}`)).json.start_date).toBe(ZERO);
    const cleared = await client.updateTask(task.id, { due_date: null });
    expect(cleared.due_date).toBeNull();
    expect((await raw('GET', `/tasks/${task.id}`)).json.due_date).toBe(ZERO);
  });

  it('gotcha 14: new tasks land above existing ones (0.24: below) unless given positions; colours lose "#"; a repeating task re-opens when done', async () => {
    const unordered = await createProject('g14 no positions');
    const first = await client.createTask(unordered.id, { title: 'first' });
    const second = await client.createTask(unordered.id, { title: 'second' });
    expect(await viewTaskIds(unordered.id, (await viewOfKind(unordered.id, 'list')).id)).toEqual(legacy ? [first.id, second.id] : [second.id, first.id]);

    const ordered = await createProject('g14 positions');
    const a = await client.createTask(ordered.id, { title: 'a', position: 65_536 });
    const b = await client.createTask(ordered.id, { title: 'b', position: 131_072 });
    expect(await viewTaskIds(ordered.id, (await viewOfKind(ordered.id, 'list')).id)).toEqual([a.id, b.id]);

    const coloured = await raw('PUT', `/projects/${ordered.id}/tasks`, { title: 'colour', hex_color: '#AbCdEf' });
    expect((await raw('GET', `/tasks/${coloured.json.id}`)).json.hex_color).toBe('AbCdEf');
    const green = await client.createTask(ordered.id, { title: 'colour', hex_color: '#00ff00' });
    expect((await client.getTask(green.id)).hex_color).toBe('00ff00');

    const repeating = await client.createTask(ordered.id, { title: 'daily', due_date: '2099-05-01T09:00:00Z', repeat_after: 86_400 });
    const markedDone = await client.updateTask(repeating.id, { done: true });
    expect(markedDone.done).toBe(false);
    expect(Date.parse(markedDone.due_date ?? '')).toBe(Date.parse('2099-05-02T09:00:00Z'));
  });

  it('gotcha 15: per_page is silently capped at max_items_per_page; the client follows every page', async () => {
    const project = await createProject('g15');
    const count = capabilities.maxItemsPerPage + 5;
    const created = await Promise.all(Array.from({ length: count }, (_, i) => client.createTask(project.id, { title: `bulk ${i}`, done: i % 7 === 0 })));
    const page = await raw('GET', `/projects/${project.id}/tasks`, undefined, { query: `per_page=${count}` });
    expect(page.json).toHaveLength(capabilities.maxItemsPerPage);
    expect(page.headers.get('x-pagination-total-pages')).toBe('2');
    const listed = await client.listProjectTasks(project.id);
    expect(listed.map((t) => t.id).sort((x, y) => x - y)).toEqual(created.map((t) => t.id).sort((x, y) => x - y));
    expect(listed.filter((t) => t.done)).toHaveLength(created.filter((t) => t.done).length);
  });

  it('uses v2 bulk create (≤100 per request, payload order) when the server has it, and refuses otherwise', async () => {
    const project = await createProject('bulk');
    const bodies = Array.from({ length: 130 }, (_, i) => ({ title: `bulk ${String(i).padStart(3, '0')}`, position: (i + 1) * 65_536 }));
    if (!capabilities.v2BulkCreate) {
      await expect(client.createTasksBulk(project.id, bodies)).rejects.toBeInstanceOf(InternalError);
      return;
    }
    const before = target.sandbox?.requestLog().length ?? 0;
    const created = await client.createTasksBulk(project.id, bodies);
    expect(new Set(created.map((t) => t.id)).size).toBe(130);
    const stored = await client.listProjectTasks(project.id);
    expect(stored.sort((a, b) => a.id - b.id).map((t) => t.title)).toEqual(bodies.map((b) => b.title));
    if (target.sandbox !== undefined) {
      const bulkCalls = target.sandbox.requestLog().slice(before).filter((e) => e.path === `/api/v2/projects/${project.id}/tasks/bulk`);
      expect(bulkCalls.map((e) => e.status)).toEqual([201, 201]);
    }
  });

  it('updates through v2 PATCH on 2.4+ (and never blanks fields either way)', async () => {
    const project = await createProject('patch');
    const task = await client.createTask(project.id, { title: 'patch me', description: 'kept', priority: 2 });
    const before = target.sandbox?.requestLog().length ?? 0;
    const updated = await client.updateTask(task.id, { priority: 5 });
    expect(updated).toMatchObject({ title: 'patch me', description: 'kept', priority: 5 });
    if (target.sandbox !== undefined) {
      const writes = target.sandbox.requestLog().slice(before).filter((e) => e.method !== 'GET');
      expect(writes.map((e) => `${e.method} ${e.path}`)).toEqual(
        capabilities.v2Patch ? [`PATCH /api/v2/tasks/${task.id}`] : [`POST /api/v1/tasks/${task.id}`],
      );
    }
  });

  it('an update that changes nothing (v2: 304 Not Modified) is a success, and the task reads as set', async () => {
    const project = await createProject('noop');
    const task = await client.createTask(project.id, { title: 'already so', priority: 3 });
    const before = target.sandbox?.requestLog().length ?? 0;
    await client.updateTask(task.id, { priority: 4 });
    await expect(client.updateTask(task.id, { priority: 4 })).resolves.toMatchObject({ id: task.id, priority: 4 });
    if (target.sandbox !== undefined && capabilities.v2Patch) {
      const patches = target.sandbox.requestLog().slice(before).filter((e) => e.method === 'PATCH');
      expect(patches.map((e) => e.status)).toEqual([200, 304]);
    }
  });

  it('dates go out at whole seconds, so the stored value is what was meant (a write answer echoes what it was sent)', async () => {
    const project = await createProject('seconds');
    const task = await client.createTask(project.id, { title: 'sub-second', due_date: '2099-07-01T10:00:07.999Z' });
    expect((await client.getTask(task.id)).due_date).toBe('2099-07-01T10:00:07Z');
    const updated = await client.updateTask(task.id, { start_date: '2099-06-01T08:00:01.500Z' });
    expect(updated.start_date).toBe('2099-06-01T08:00:01Z');
    expect((await client.getTask(task.id)).start_date).toBe('2099-06-01T08:00:01Z');
  });

  it('a v2 bulk create refused by validation (422 problem+json) names the item of the whole list, nothing created', async () => {
    const project = await createProject('bulk 422');
    const bodies: TaskCreate[] = Array.from({ length: 7 }, (_, i) => ({ title: i === 5 ? '' : `item ${i}` }));
    if (!capabilities.v2BulkCreate) {
      await expect(client.createTasksBulk(project.id, bodies)).rejects.toBeInstanceOf(InternalError);
      return;
    }
    const small = createClient({ bulkCreateSize: 3 });
    const error = await small.createTasksBulk(project.id, bodies).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalApiError);
    expect(error).toMatchObject({ status: 422 });
    const problems = (error as FatalApiError).problems;
    expect(problems.map((p) => [p.batchIndex, p.itemIndex, p.field])).toEqual([[5, 2, 'title']]);
    expect((error as Error).message).toMatch(/task 5 \(body\.tasks\[2\]\.title\)/);
    // The first chunk (items 0–2) went through; the refused chunk wrote nothing.
    expect((await client.listProjectTasks(project.id)).map((t) => t.title).sort()).toEqual(['item 0', 'item 1', 'item 2']);
  });

  it('lists tasks across projects with a filter (GET /tasks)', async () => {
    const project = await createProject('all tasks');
    const marker = `marker-${runId}`;
    const hit = await client.createTask(project.id, { title: `${marker} hit`, priority: 5 });
    await client.createTask(project.id, { title: `${marker} miss`, priority: 1 });
    const found = await client.listTasks({ search: marker, filter: 'priority >= 4' });
    expect(found.map((t) => t.id)).toEqual([hit.id]);
  });

  it('relations: the subtask direction, "already exists" and "already gone" are success', async () => {
    const project = await createProject('relations');
    const parent = await client.createTask(project.id, { title: 'parent' });
    const child = await client.createTask(project.id, { title: 'child' });
    await client.createRelation(parent.id, child.id, 'subtask');
    await client.createRelation(parent.id, child.id, 'subtask');
    expect((await client.getTask(parent.id)).related_tasks.subtask?.map((t) => t.id)).toEqual([child.id]);
    expect((await client.getTask(child.id)).related_tasks.parenttask?.map((t) => t.id)).toEqual([parent.id]);
    await client.deleteRelation(parent.id, child.id, 'subtask');
    await client.deleteRelation(parent.id, child.id, 'subtask');
    expect((await client.getTask(parent.id)).related_tasks.subtask ?? []).toEqual([]);
  });

  it('comments: add, list in order, delete (twice)', async () => {
    const project = await createProject('comments');
    const task = await client.createTask(project.id, { title: 'commented' });
    const one = await client.addComment(task.id, '<p>one</p>');
    const two = await client.addComment(task.id, '<p>two</p>');
    expect((await client.listComments(task.id)).map((c) => c.comment)).toEqual(['<p>one</p>', '<p>two</p>']);
    await client.deleteComment(task.id, one.id);
    await client.deleteComment(task.id, one.id);
    expect((await client.listComments(task.id)).map((c) => c.id)).toEqual([two.id]);
  });

  it('buckets: 1.0+ has To-Do/Doing/Done and moving into the done bucket marks a task done; 0.24 has one Backlog and no done bucket', async () => {
    const project = await createProject('buckets');
    const kanban = await viewOfKind(project.id, 'kanban');
    const buckets = await client.listBuckets(project.id, kanban.id);
    const task = await client.createTask(project.id, { title: 'to be done' });
    if (legacy) {
      expect(buckets.map((b) => b.title)).toEqual(['Backlog']);
      expect([kanban.default_bucket_id, kanban.done_bucket_id]).toEqual([0, 0]);
      await expect(client.moveTaskToBucket(project.id, kanban.id, 0, task.id)).rejects.toMatchObject({ status: 404, apiCode: 10001 });
      return;
    }
    expect(buckets.length).toBeGreaterThanOrEqual(3);
    await client.moveTaskToBucket(project.id, kanban.id, kanban.done_bucket_id, task.id);
    expect((await client.getTask(task.id)).done).toBe(true);
  });

  it('projects: read with views, deleting twice is fine', async () => {
    const project = await client.createProject({ title: `membank contract ${runId} delete me`, description: '<p>d</p>', hex_color: '#123456' });
    expect((await client.getProject(project.id)).views.map((v) => v.view_kind).sort()).toEqual(['gantt', 'kanban', 'list', 'table']);
    expect(project.hex_color).toBe('123456');
    await client.deleteProject(project.id);
    await client.deleteProject(project.id);
    await expect(client.getProject(project.id)).rejects.toMatchObject({ status: 404 });
  });

  it.skipIf(isReal)('on Vikunja 1.0 the client falls back to v1 read-modify-write and never blanks a field (sandbox only: version emulation)', async () => {
    const old = await startSandboxTarget({ version: '1.0.0', enforceSerialWrites: true });
    try {
      const oldClient = createClient({}, old);
      const caps = await oldClient.capabilities();
      expect(caps).toMatchObject({ v2Patch: false, v2BulkCreate: false, concurrentWrites: false });
      const me = await oldClient.getUser();
      const project = await oldClient.createProject({ title: 'v1' });
      const label = await oldClient.ensureLabel({ title: 'kept label' });
      const task = await oldClient.createTask(project.id, {
        title: 'before',
        description: '<p>description</p>',
        due_date: '2099-01-02T03:04:05Z',
        start_date: '2099-01-01T00:00:00Z',
        end_date: '2099-01-03T00:00:00Z',
        priority: 4,
        percent_done: 0.25,
        hex_color: 'abcdef',
        repeat_after: 3_600,
        is_favorite: true,
        assignees: [{ id: me.id }],
        reminders: [
          { reminder: '2099-01-01T12:00:00Z', relative_period: 0, relative_to: '' },
          { reminder: null, relative_period: -3_600, relative_to: 'due_date' },
        ],
      });
      await oldClient.addTaskLabel(task.id, label.id);
      old.sandbox.clearRequestLog();

      const updated = await oldClient.updateTask(task.id, { title: 'after' });

      // Read, write the whole object, read back what was stored (the answer only echoes the body).
      expect(old.sandbox.requestLog().map((e) => `${e.method} ${e.path}`)).toEqual([
        `GET /api/v1/tasks/${task.id}`,
        `POST /api/v1/tasks/${task.id}`,
        `GET /api/v1/tasks/${task.id}`,
      ]);
      for (const read of [updated, await oldClient.getTask(task.id)]) {
        expect(read).toMatchObject({
          title: 'after',
          description: '<p>description</p>',
          priority: 4,
          percent_done: 0.25,
          hex_color: 'abcdef',
          repeat_after: 3_600,
          is_favorite: true,
        });
        expect(Date.parse(read.due_date ?? '')).toBe(Date.parse('2099-01-02T03:04:05Z'));
        expect(read.assignees.map((u) => u.id)).toEqual([me.id]);
        expect(read.reminders).toHaveLength(2);
        expect(read.labels.map((l) => l.id)).toEqual([label.id]);
      }
      const stored = old.sandbox.dump().tasks.find((t) => t.id === task.id);
      expect(stored).toMatchObject({
        title: 'after',
        description: '<p>description</p>',
        due_date: '2099-01-02T03:04:05Z',
        start_date: '2099-01-01T00:00:00Z',
        end_date: '2099-01-03T00:00:00Z',
        priority: 4,
        percent_done: 0.25,
        hex_color: 'abcdef',
        repeat_after: 3_600,
        assignee_ids: [me.id],
      });
      expect(stored?.reminders.map((r) => r.relative_to).sort()).toEqual(['', 'due_date']);
      expect(old.sandbox.dump().labelTasks.filter((lt) => lt.task_id === task.id).map((lt) => lt.label_id)).toEqual([label.id]);
      await expect(oldClient.createTasksBulk(project.id, [{ title: 'x' }])).rejects.toBeInstanceOf(InternalError);
    } finally {
      await old.close();
    }
  });

  it.skipIf(isReal)('on Vikunja 1.0 lists page through v1 at the server page size, done tasks included (sandbox only: version emulation)', async () => {
    const old = await startSandboxTarget({ version: '1.0.0', maxItemsPerPage: 20 });
    try {
      const oldClient = createClient({}, old);
      const project = await oldClient.createProject({ title: 'pages' });
      const created = [];
      for (let i = 0; i < 45; i += 1) created.push(await oldClient.createTask(project.id, { title: `t${i}`, done: i % 9 === 0 }));
      old.sandbox.clearRequestLog();
      const listed = await oldClient.listProjectTasks(project.id);
      expect(listed.map((t) => t.id).sort((x, y) => x - y)).toEqual(created.map((t) => t.id));
      expect(listed.filter((t) => t.done)).toHaveLength(5);
      const pages = old.sandbox.requestLog().filter((e) => e.path === `/api/v1/projects/${project.id}/tasks`);
      expect(pages.map((e) => new URLSearchParams(e.query).get('page'))).toEqual(['1', '2', '3']);
      expect(pages.every((e) => new URLSearchParams(e.query).get('per_page') === '20')).toBe(true);
    } finally {
      await old.close();
    }
  });

  it.skipIf(isReal)('on Vikunja 2.4 updates PATCH but bulk create is refused (sandbox only: version emulation)', async () => {
    const v24 = await startSandboxTarget({ version: '2.4.0' });
    try {
      const v24Client = createClient({}, v24);
      const project = await v24Client.createProject({ title: 'v2.4' });
      const task = await v24Client.createTask(project.id, { title: 'x', description: 'kept' });
      expect(await v24Client.updateTask(task.id, { title: 'y' })).toMatchObject({ title: 'y', description: 'kept' });
      expect(v24.sandbox.requestLog().some((e) => e.method === 'PATCH' && e.path === `/api/v2/tasks/${task.id}`)).toBe(true);
      await expect(v24Client.createTasksBulk(project.id, [{ title: 'x' }])).rejects.toThrow(/2\.5 or newer/);
    } finally {
      await v24.close();
    }
  });

  it.skipIf(isReal)('works under a path prefix, and a URL without the prefix fails clearly (sandbox only: needs a prefixed server)', async () => {
    const prefixed = await startSandboxTarget({ pathPrefix: '/vikunja' });
    try {
      expect(prefixed.url).toMatch(/\/vikunja$/);
      const prefixedClient = createClient({}, { url: `${prefixed.url}/`, token: prefixed.token });
      const project = await prefixedClient.createProject({ title: 'behind a proxy' });
      const task = await prefixedClient.createTask(project.id, { title: 'x', priority: 2 });
      await prefixedClient.updateTask(task.id, { title: 'y' });
      expect(await prefixedClient.listProjectTasks(project.id)).toMatchObject([{ title: 'y', priority: 2 }]);
      expect(prefixed.sandbox.requestLog().every((e) => e.status >= 200 && e.status < 300)).toBe(true);

      const withoutPrefix = createClient({ retries: 0 }, { url: prefixed.url.replace(/\/vikunja$/, ''), token: prefixed.token });
      await expect(withoutPrefix.capabilities()).rejects.toMatchObject({ status: 404 });
    } finally {
      await prefixed.close();
    }
  });

  it.skipIf(isReal)('serialises writes when /info says concurrent_writes: false, so a SQLite-like server never sees overlapping writes (sandbox only: emulates the lock)', async () => {
    const locked = await startSandboxTarget({ enforceSerialWrites: true, latencyMs: 5 });
    try {
      const lockedClient = createClient({ concurrency: 8, retries: 0 }, locked);
      const project = await lockedClient.createProject({ title: 'serial' });
      const tasks = await Promise.all(Array.from({ length: 16 }, (_, i) => lockedClient.createTask(project.id, { title: `t${i}` })));
      await Promise.all(tasks.map((t) => lockedClient.updateTask(t.id, { priority: 3 })));
      expect(locked.sandbox.requestLog().filter((e) => e.status === 500)).toEqual([]);
      expect(locked.sandbox.dump().tasks.filter((t) => t.project_id === project.id && t.priority === 3)).toHaveLength(16);
    } finally {
      await locked.close();
    }
  });
});
});
