/**
 * The small pieces every integration test that drives the sandbox repeats: Vikunja's API called with the sandbox
 * token, a project's tasks read page by page, the write requests the sandbox received, and a copy of the client's
 * bank (read from ../shared, never copied into the repository) migrated against a fresh sandbox.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';
import { type CliRun, runCli } from '../../helpers/cli.js';
import { clientBank } from '../../helpers/corpus.js';

/** Calls `/api/v1<path>` with the sandbox token; throws naming the call on a status ≥ 300. */
export type SandboxApi = (method: string, path: string, body?: unknown) => Promise<any>;

/** Vikunja's API on `sandbox`, as a client holding its token calls it. */
export function sandboxApi(sandbox: Pick<SandboxHandle, 'url' | 'token'>): SandboxApi {
  return async (method, path, body) => {
    const response = await fetch(`${sandbox.url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${sandbox.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  };
}

/** Every task of a project (done ones included), read 50 at a time. */
export async function listProjectTasks(api: SandboxApi, projectId: number): Promise<any[]> {
  const all: any[] = [];
  for (let page = 1; ; page += 1) {
    const batch = (await api('GET', `/projects/${projectId}/tasks?page=${page}&per_page=50`)) as any[] | null;
    if (batch === null || batch.length === 0) break;
    all.push(...batch);
    if (batch.length < 50) break;
  }
  return all;
}

/** The project titled `title`; throws naming it when there is none. */
export async function findProject(api: SandboxApi, title: string): Promise<{ id: number; title: string }> {
  const project = ((await api('GET', '/projects')) as Array<{ id: number; title: string }>).find((candidate) => candidate.title === title);
  if (project === undefined) throw new Error(`the sandbox holds no project "${title}"`);
  return project;
}

/** Write requests (anything but GET) the sandbox received since the last call; clears its request log. */
export function takeWrites(sandbox: Pick<SandboxHandle, 'requestLog' | 'clearRequestLog'>): Array<{ method: string; path: string }> {
  const writes = sandbox
    .requestLog()
    .filter((entry) => entry.method !== 'GET')
    .map((entry) => ({ method: entry.method, path: entry.path }));
  sandbox.clearRequestLog();
  return writes;
}

/** The fields of a `membank parse --json` record the client-bank tests read. */
export interface ParsedRecord {
  key: string;
  title: string;
  source: { path: string; line: number };
  status: { canonical: string; from: string; raw: string | null };
}

/** A fresh sandbox and a temp copy of the client's bank, as `<dir>/xoe-novai-foundation/memory_bank`. */
export interface ClientBankCopy {
  sandbox: SandboxHandle;
  dir: string;
  /** The repository folder; its name is the project's title. */
  repo: string;
  /** The state store's path. */
  state: string;
  env: Record<string, string>;
  cli(args: string[]): Promise<CliRun>;
  api: SandboxApi;
  /** The records `membank parse <repo> --json` reads now (throws when it does not exit 0). */
  records(): Promise<ParsedRecord[]>;
}

/** Starts a sandbox at `version` and copies the client's bank into a temp repository (removed afterwards). */
export async function openClientBankCopy(
  closers: Array<() => Promise<void> | void>,
  options: { version: string; prefix: string; env?: Record<string, string> },
): Promise<ClientBankCopy> {
  const sandbox = await startSandbox({ version: options.version });
  closers.push(() => sandbox.close());
  const dir = mkdtempSync(join(tmpdir(), options.prefix));
  closers.push(() => rmSync(dir, { recursive: true, force: true }));
  const repo = join(dir, 'xoe-novai-foundation');
  cpSync(clientBank, join(repo, 'memory_bank'), { recursive: true });
  const state = join(dir, 'state.sqlite');
  const env = { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: state, ...options.env };
  const cli = (args: string[]): Promise<CliRun> => runCli(args, { env, cwd: dir });
  const records = async (): Promise<ParsedRecord[]> => {
    const parsed = await cli(['parse', repo, '--json']);
    if (parsed.code !== 0) throw new Error(`membank parse ${repo} exited ${parsed.code}: ${parsed.stderr}`);
    return (JSON.parse(parsed.stdout) as { records: ParsedRecord[] }).records;
  };
  return { sandbox, dir, repo, state, env, cli, api: sandboxApi(sandbox), records };
}
