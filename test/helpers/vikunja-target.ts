/**
 * Where the contract suite runs: a real Vikunja when `VIKUNJA_URL` and `VIKUNJA_TOKEN` are set, else a fresh
 * sandbox. Tests that need sandbox-only features (fault injection, version emulation, the request log) check
 * `target.kind` and skip against a real server.
 */
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox/index.js';

/** A Vikunja the contract tests talk to. */
export interface VikunjaTarget {
  url: string;
  token: string;
  kind: 'sandbox' | 'real';
  /** Present for `kind: 'sandbox'`: request log, state dump, faults. */
  sandbox?: SandboxHandle;
  close(): Promise<void>;
}

/** Whether the environment names a real Vikunja to test against. */
export function isRealVikunjaConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env['VIKUNJA_URL'] ?? '') !== '' && (env['VIKUNJA_TOKEN'] ?? '') !== '';
}

/** Starts a sandbox target (always a sandbox, whatever the environment says). */
export async function startSandboxTarget(options: SandboxOptions = {}): Promise<VikunjaTarget & { sandbox: SandboxHandle }> {
  const sandbox = await startSandbox(options);
  return { url: sandbox.url, token: sandbox.token, kind: 'sandbox', sandbox, close: () => sandbox.close() };
}

/** The real Vikunja from the environment, or a sandbox started with these options. */
export async function openVikunjaTarget(options: SandboxOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<VikunjaTarget> {
  if (isRealVikunjaConfigured(env)) {
    return { url: env['VIKUNJA_URL']!, token: env['VIKUNJA_TOKEN']!, kind: 'real', close: async () => {} };
  }
  return startSandboxTarget(options);
}
