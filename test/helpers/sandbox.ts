/**
 * Test helpers for the Vikunja sandbox: start one on 127.0.0.1:0 and call it with plain fetch.
 */
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox/index.js';

/** A decoded response: status, headers, the JSON body (or undefined) and the raw text. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Decoded JSON; `any` because tests read arbitrary response shapes. */
  body: any;
  text: string;
}

/** Per-call options. */
export interface CallOptions {
  /** Override or drop (null) the bearer token. */
  token?: string | null;
  /** Content-Type for the body (default application/json). */
  contentType?: string;
  /** Send this string verbatim instead of JSON-encoding `body`. */
  raw?: string;
  headers?: Record<string, string>;
}

/** Calls `<url><path>` (path includes `/api/v1`…) with the sandbox token. */
export type CallFn = (method: string, path: string, body?: unknown, options?: CallOptions) => Promise<ApiResponse>;

/** A started sandbox plus `api` (prefixed with /api/v1) and `call` (raw path). */
export interface TestSandbox {
  sandbox: SandboxHandle;
  /** Calls `/api/v1<path>`. */
  api: CallFn;
  /** Calls `/api/v2<path>`. */
  v2: CallFn;
  /** Calls `<base url><path>` as given. */
  call: CallFn;
}

/** Starts a sandbox on an ephemeral port. Close it with `sandbox.close()`. */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ port: 0, ...options });
  const call: CallFn = async (method, path, body, callOptions = {}) => {
    const headers: Record<string, string> = { ...callOptions.headers };
    const token = callOptions.token === undefined ? sandbox.token : callOptions.token;
    if (token !== null) headers['Authorization'] = `Bearer ${token}`;
    let payload: string | undefined;
    if (callOptions.raw !== undefined) payload = callOptions.raw;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['Content-Type'] = callOptions.contentType ?? 'application/json';
    const response = await fetch(`${sandbox.url}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  return {
    sandbox,
    call,
    api: (method, path, body, o) => call(method, `/api/v1${path}`, body, o),
    v2: (method, path, body, o) => call(method, `/api/v2${path}`, body, o),
  };
}

/** A settable clock for `SandboxOptions.now`. */
export function createTestClock(startIso: string): { now: () => Date; set(iso: string): void; advance(seconds: number): void } {
  let ms = Date.parse(startIso);
  return {
    now: () => new Date(ms),
    set: (iso) => {
      ms = Date.parse(iso);
    },
    advance: (seconds) => {
      ms += seconds * 1000;
    },
  };
}
