/**
 * Opening a file in the user's browser for `membank show --open`: `open` on macOS, `start` on Windows, `xdg-open`
 * elsewhere, spawned detached so membank returns at once. Where nothing can open it (CI, no display, no opener on
 * PATH) it says why instead, so the caller prints the path.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What happened: opened with a command, or not, and why. */
export type OpenResult = { opened: true; command: string } | { opened: false; reason: string };

/** Where and how to open: the platform and the environment the CLI was given. */
export interface OpenOptions {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
}

function findOnPath(name: string, env: OpenOptions['env']): string | null {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'EACCES') throw error;
    }
  }
  return null;
}

/** The command that opens a file on this platform, or why there is none. */
export function chooseOpener(options: OpenOptions): { command: string; args: string[] } | { reason: string } {
  const ci = options.env['CI'];
  if (ci !== undefined && ci !== '' && ci !== 'false') return { reason: 'CI is set (no browser to open in CI)' };
  if (options.platform === 'darwin') return { command: 'open', args: [] };
  if (options.platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  const display = options.env['DISPLAY'] ?? options.env['WAYLAND_DISPLAY'];
  if (display === undefined || display === '') return { reason: 'no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  const opener = findOnPath('xdg-open', options.env);
  if (opener === null) return { reason: 'xdg-open is not on PATH (install xdg-utils)' };
  return { command: opener, args: [] };
}

/**
 * Opens `path` with the platform's opener, detached (membank does not wait for the browser). Resolves once the
 * opener has started; a failure to start it is returned as the reason.
 */
export async function openFile(path: string, options: OpenOptions): Promise<OpenResult> {
  const opener = chooseOpener(options);
  if ('reason' in opener) return { opened: false, reason: opener.reason };
  const child = spawn(opener.command, [...opener.args, path], {
    detached: true,
    stdio: 'ignore',
    env: { ...options.env },
    windowsHide: true,
  });
  const started = await new Promise<true | Error>((resolvePromise) => {
    child.once('spawn', () => resolvePromise(true));
    child.once('error', (error) => resolvePromise(error));
  });
  if (started !== true) return { opened: false, reason: `${opener.command} could not be started: ${started.message}` };
  child.unref();
  return { opened: true, command: opener.command };
}
